// `npm run restore -- <tenant> <mysql|mongodb> [--at TIME] [--backup NAME] [--name NAME]`: prints the Restore
// object that brings back one tenant's database, to review and `kubectl apply -f -` (nothing is written here).
import { RESTORABLE, type Restorable } from "../render/data/restorable";
import { UsageError } from "./args";
import type { Command } from "./index";

export const restoreCommand: Command = {
  describe: "print the Restore object of one tenant's MySQL or MongoDB database",
  lock: "read",
  args: {
    usage: `<tenant> <${RESTORABLE.join("|")}>`,
    positionals: { min: 2, max: 2 },
    options: {
      at: { type: "string", value: "time", help: "point in time to restore to, RFC 3339, e.g. 2026-12-01T03:00:00Z" },
      backup: { type: "string", value: "name", help: "the backup to restore from (default: the newest)" },
      name: { type: "string", value: "name", help: "name of the Restore object (default: <tenant>-restore)" },
    },
    notes: "review the object, then: npm run --silent restore -- <tenant> <service> | kubectl apply -f -",
  },
  async run(ctx) {
    const [id, service] = ctx.positionals as [string, string];
    if (!RESTORABLE.includes(service as Restorable)) throw new UsageError(`${JSON.stringify(service)} cannot be restored: use ${RESTORABLE.join(" or ")}`);
    const [{ build }, { restoreObject }, { toYaml }] = await Promise.all([import("../compile"), import("../render/data/restore"), import("../render/yaml")]);
    const tenant = build(ctx.root).model.tenants.find((t) => t.id === id);
    if (!tenant) {
      ctx.io.err(`no tenant "${id}" in tenants/`);
      return 1;
    }
    const at = ctx.opts.at as string | undefined;
    if (at !== undefined && Number.isNaN(Date.parse(at))) {
      ctx.io.err(`--at ${JSON.stringify(at)} is not a time; write it as RFC 3339, e.g. 2026-12-01T03:00:00Z`);
      return 1;
    }
    const backup = ctx.opts.backup as string | undefined;
    const result = restoreObject(tenant, service as Restorable, { name: (ctx.opts.name as string | undefined) ?? `${id}-restore`, ...(at ? { at } : {}), ...(backup ? { backup } : {}) });
    if (typeof result === "string") {
      ctx.io.err(result);
      return 1;
    }
    ctx.io.out(toYaml(result).trimEnd());
    return 0;
  },
};

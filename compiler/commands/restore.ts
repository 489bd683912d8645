// `npm run restore -- <tenant> <mysql|mongodb> [--at TIME] [--backup NAME] [--name NAME]`: prints the Restore
// object that brings back one tenant's database, to review and `kubectl apply -f -` (nothing is written here).
import { build } from "../compile";
import { RESTORABLE, restoreObject, type Restorable } from "../render/data/restore";
import { toYaml } from "../render/yaml";
import type { Command } from "./index";

function option(args: string[], flag: string): string | undefined {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

export const restoreCommand: Command = {
  describe: "print the Restore object of one tenant's MySQL or MongoDB database",
  lock: "read",
  async run(ctx) {
    const positional = ctx.args.filter((a, i) => !a.startsWith("--") && !ctx.args[i - 1]?.startsWith("--"));
    const [id, service] = positional;
    if (!id || !RESTORABLE.includes(service as Restorable)) {
      ctx.io.err(`usage: npm run --silent restore -- <tenant> <${RESTORABLE.join("|")}> [--at 2026-12-01T03:00:00Z] [--backup NAME] [--name NAME] | kubectl apply -f -`);
      return 1;
    }
    const tenant = build(ctx.root).model.tenants.find((t) => t.id === id);
    if (!tenant) {
      ctx.io.err(`no tenant "${id}" in tenants/`);
      return 1;
    }
    const at = option(ctx.args, "--at");
    if (at !== undefined && Number.isNaN(Date.parse(at))) {
      ctx.io.err(`--at ${JSON.stringify(at)} is not a time; write it as RFC 3339, e.g. 2026-12-01T03:00:00Z`);
      return 1;
    }
    const backup = option(ctx.args, "--backup");
    const result = restoreObject(tenant, service as Restorable, { name: option(ctx.args, "--name") ?? `${id}-restore`, ...(at ? { at } : {}), ...(backup ? { backup } : {}) });
    if (typeof result === "string") {
      ctx.io.err(result);
      return 1;
    }
    ctx.io.out(toYaml(result).trimEnd());
    return 0;
  },
};

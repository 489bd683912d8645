// `npm run fleet:upgrade -- --release <name> [--where field=value]... [--wave n] [--dry-run]`: moves the
// selected tenants to a release by rewriting their files, after checking the whole fleet still compiles.
import fs from "node:fs";
import path from "node:path";
import { formatDiagnostic, sortDiagnostics } from "../diagnostics";
import type { Condition } from "../codemods/select";
import { UsageError } from "./args";
import type { Command } from "./index";


export const fleetUpgradeCommand: Command = {
  describe: "set the release of the selected tenant files (by --where and --wave), checked before writing",
  lock: "write",
  args: {
    options: {
      release: { type: "string", value: "name", required: true, help: "the release to move the selected tenants to" },
      wave: { type: "string", value: "n", help: "only tenants of this upgrade wave (0 = canaries)" },
      "all-waves": { type: "boolean", help: "every wave at once (instead of --wave)" },
      where: { type: "string", value: "field=value", multiple: true, help: "only tenants whose fleet index field has this value, e.g. release=teak" },
      "dry-run": { type: "boolean", help: "show what would change, write nothing" },
    },
  },
  async run(ctx) {
    const opts = ctx.opts as { release: string; where?: string[]; wave?: string; "all-waves"?: boolean; "dry-run"?: boolean };
    const wave = opts.wave === undefined ? undefined : Number(opts.wave);
    // upgrading every wave at once skips the canaries: it has to be asked for
    if (opts.wave === undefined && !opts["all-waves"]) throw new UsageError("say which wave to upgrade: --wave <n> (canaries are wave 0), or --all-waves");
    if (opts.wave !== undefined && opts["all-waves"]) throw new UsageError("--wave and --all-waves exclude each other");
    if (wave !== undefined && !(Number.isInteger(wave) && wave >= 0)) throw new UsageError(`--wave ${opts.wave}: a wave is a whole number, 0 to 9`);
    const [{ build }, { TenantCache }, { fleetIndexEntry }, { parseCondition, selectableFields, selectTenants }] = await Promise.all([
      import("../compile"),
      import("../cache/tenant-cache"),
      import("../render/fleet-index"),
      import("../codemods/select"),
    ]);
    const conditions = (opts.where ?? []).map(parseCondition);
    const bad = (opts.where ?? []).find((_, i) => conditions[i] === undefined);
    if (bad !== undefined) throw new UsageError(`--where ${JSON.stringify(bad)}: write it as <field>=<value>, e.g. --where release=teak`);
    const release = opts.release;
    // the fleet as it is: it must compile before we change it, and gives the fields to select on
    const current = build(ctx.root, { cache: new TenantCache(ctx.root) });
    const known = new Set(current.model.tenants.flatMap((t) => selectableFields(fleetIndexEntry(t))));
    const unknown = (conditions as Condition[]).filter((c) => !known.has(c.field) && !c.field.startsWith("labels."));
    if (unknown.length > 0) {
      ctx.io.err(`unknown field${unknown.length > 1 ? "s" : ""} ${unknown.map((c) => c.field).join(", ")} in --where; fields: ${[...known].sort().join(", ")}`);
      return 1;
    }
    const selected = selectTenants(current.model.tenants, conditions as Condition[], wave);
    const { setRelease } = await import("../codemods/tenant-file");
    const texts = new Map<string, string>();
    const lines: string[] = [];
    for (const t of selected) {
      if (t.release.name === release) continue;
      const file = t.source.file;
      const edit = setRelease(file, fs.readFileSync(path.join(ctx.root, file), "utf8"), release);
      if ("error" in edit) {
        ctx.io.err(`${file}:1:1 error ${edit.error}; change its release by hand [codemod]`);
        return 1;
      }
      texts.set(file, edit.text);
      lines.push(`${file}: release ${t.release.name} → ${release}`);
    }
    const { checkWith } = await import("../codemods/validate");
    const result = texts.size > 0 ? checkWith(ctx.root, texts) : { ok: true, diagnostics: [] };
    if (!result.ok) {
      for (const d of sortDiagnostics(result.diagnostics)) ctx.io.err(formatDiagnostic(d));
      ctx.io.err(`\nthe upgrade would not compile (locations are in the files as they would be rewritten). Nothing was written.`);
      return 1;
    }
    for (const line of lines) ctx.io.out(line);
    const dry = opts["dry-run"] === true;
    if (!dry) for (const [file, text] of texts) fs.writeFileSync(path.join(ctx.root, file), text);
    const already = selected.length - texts.size;
    ctx.io.out(
      `${dry ? "would change" : "changed"} ${texts.size} tenant file(s) of ${selected.length} selected${already > 0 ? ` (${already} already on ${release})` : ""}` +
        (texts.size > 0 && !dry ? "; run `npm run compile` and commit both." : ""),
    );
    return 0;
  },
};

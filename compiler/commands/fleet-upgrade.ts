// `npm run fleet:upgrade -- --release <name> [--where field=value]... [--wave n] [--dry-run]`: moves the
// selected tenants to a release by rewriting their files, after checking the whole fleet still compiles.
import fs from "node:fs";
import path from "node:path";
import { formatDiagnostic, sortDiagnostics } from "../diagnostics";
import { build } from "../compile";
import { TenantCache } from "../cache/tenant-cache";
import { fleetIndexEntry } from "../render/fleet-index";
import { parseCondition, selectableFields, selectTenants, type Condition } from "../codemods/select";
import { options } from "./options";
import type { Command } from "./index";

const USAGE = "usage: npm run fleet:upgrade -- --release <name> [--where <field>=<value>]... [--wave <n>] [--dry-run]";

export const fleetUpgradeCommand: Command = {
  describe: "set the release of the selected tenant files (by --where and --wave), checked before writing",
  lock: "write",
  async run(ctx) {
    const parsed = options(ctx.args, { release: { type: "string" }, where: { type: "string", multiple: true }, wave: { type: "string" }, "dry-run": { type: "boolean" } });
    const opts = "error" in parsed ? undefined : parsed.values;
    const wave = opts?.wave === undefined ? undefined : Number(opts.wave);
    const conditions = (opts?.where ?? []).map(parseCondition);
    if ("error" in parsed || !opts?.release || parsed.positionals.length > 0 || (wave !== undefined && !Number.isInteger(wave)) || conditions.includes(undefined)) {
      ctx.io.err(`${"error" in parsed ? parsed.error + "\n" : ""}${USAGE}`);
      return 1;
    }
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

// `npm run tenant:new -- <id> --host <lms host> [--size small] [--release r] [--name "…"] [--email a@b] [--cluster c] [--wave n] [--plugin p]…`
import fs from "node:fs";
import path from "node:path";
import { formatDiagnostic, sortDiagnostics, UserError } from "../diagnostics";
import type { Command } from "./index";


export const tenantNewCommand: Command = {
  describe: "write a new, valid tenant file tenants/<id>.ts",
  lock: "write",
  args: {
    usage: "<id>",
    positionals: { min: 1, max: 1 },
    options: {
      host: { type: "string", value: "lms host", required: true, help: "the LMS host name, e.g. learn.acme.org" },
      size: { type: "string", value: "preset", help: "a size preset of the platform (default: the platform's default size)" },
      release: { type: "string", value: "name", help: "an Open edX release of the platform's catalog (default: the newest)" },
      name: { type: "string", value: "site name", help: "the name learners see (default: from the id)" },
      email: { type: "string", value: "address", help: "the public contact address (default: from the host)" },
      cluster: { type: "string", value: "name", help: "the cluster the tenant runs on (default: the platform's default cluster)" },
      wave: { type: "string", value: "n", help: "upgrade wave, 0 to 9" },
      plugin: { type: "string", value: "name", multiple: true, help: "a Tutor plugin of the platform's catalog" },
    },
  },
  async run(ctx) {
    const opts = ctx.opts as Record<string, string | undefined> & { host: string; plugin?: string[] };
    const id = ctx.positionals[0]!;
    const [{ loadPlatform }, { DnsLabel }] = await Promise.all([import("../load"), import("../schema/common")]);
    if (!DnsLabel.safeParse(id).success) {
      ctx.io.err(`"${id}" is not a tenant id: lower-case letters, digits and '-', starting with a letter (it becomes the file name and namespace)`);
      return 1;
    }
    const file = `tenants/${id}.ts`;
    if (fs.existsSync(path.join(ctx.root, file))) {
      ctx.io.err(`${file} already exists; ids are forever, choose another one`);
      return 1;
    }
    const { platform, diagnostics } = loadPlatform(ctx.root);
    if (!platform) throw new UserError(diagnostics);
    const { newTenantText } = await import("../codemods/new-tenant");
    const { checkWith } = await import("../codemods/validate");
    const text = newTenantText(
      { id, host: opts.host!, release: opts.release, size: opts.size, name: opts.name, email: opts.email, cluster: opts.cluster, wave: opts.wave, plugins: opts.plugin ?? [], standardPlugins: exportsStandardPlugins(ctx.root) },
      platform.value,
    );
    const checked = checkWith(ctx.root, new Map([[file, text]]));
    if (!checked.ok) {
      for (const d of sortDiagnostics(checked.diagnostics)) ctx.io.err(formatDiagnostic(d));
      ctx.io.err(`\n${file} would not compile; the locations above point into it as it would have been written:`);
      text.trimEnd().split("\n").forEach((line, i) => ctx.io.err(`${String(i + 1).padStart(4)} | ${line}`));
      ctx.io.err("Nothing was written.");
      return 1;
    }
    fs.mkdirSync(path.join(ctx.root, "tenants"), { recursive: true });
    fs.writeFileSync(path.join(ctx.root, file), text);
    ctx.io.out(`wrote ${file}; run \`npm run compile\` and commit both.`);
    return 0;
  },
};

/** Whether platform/presets.ts offers the standard plugin list (the operator may have removed it). */
function exportsStandardPlugins(root: string): boolean {
  const file = path.join(root, "platform", "presets.ts");
  return fs.existsSync(file) && /^export const standardPlugins\b/m.test(fs.readFileSync(file, "utf8"));
}

// `npm run tenant:new -- <id> --host <lms host> [--size small] [--release r] [--name "…"] [--email a@b] [--cluster c] [--wave n] [--plugin p]…`
import fs from "node:fs";
import path from "node:path";
import { formatDiagnostic, sortDiagnostics, UserError } from "../diagnostics";
import { loadPlatform } from "../load";
import { DnsLabel } from "../schema/common";
import { options } from "./options";
import type { Command } from "./index";

const USAGE = "usage: npm run tenant:new -- <id> --host <lms host> [--size small] [--release <name>] [--name <site name>] [--email <address>] [--cluster <name>] [--wave <n>] [--plugin <name>]...";

export const tenantNewCommand: Command = {
  describe: "write a new, valid tenant file tenants/<id>.ts",
  lock: "write",
  async run(ctx) {
    const parsed = options(ctx.args, {
      host: { type: "string" },
      size: { type: "string" },
      release: { type: "string" },
      name: { type: "string" },
      email: { type: "string" },
      cluster: { type: "string" },
      wave: { type: "string" },
      plugin: { type: "string", multiple: true },
    });
    if ("error" in parsed || parsed.positionals.length !== 1 || !parsed.values.host) {
      ctx.io.err(`${"error" in parsed ? parsed.error + "\n" : ""}${USAGE}`);
      return 1;
    }
    const { values: opts, positionals } = parsed;
    const id = positionals[0]!;
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
      { id, host: opts.host!, release: opts.release, size: opts.size, name: opts.name, email: opts.email, cluster: opts.cluster, wave: opts.wave, plugins: opts.plugin ?? [] },
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

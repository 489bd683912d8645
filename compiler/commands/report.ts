// `npm run report [-- --format markdown|json]`: capacity per tenant and cluster, and the saving over Tutor's
// per-instance defaults. The report goes to stdout; progress goes to stderr.
import { build } from "../compile";
import { TenantCache } from "../cache/tenant-cache";
import { capacityReport } from "../report/capacity-report";
import { reportJson, reportMarkdown } from "../report/format";
import { one, parseArgs } from "./args";
import type { Command } from "./index";

export const reportCommand: Command = {
  describe: "capacity and cost report of the fleet (Markdown or JSON)",
  async run(ctx) {
    const args = parseArgs(ctx.args, { values: ["--format"] });
    const format = "error" in args ? undefined : (one(args, "--format") ?? "markdown");
    if ("error" in args || (format !== "markdown" && format !== "json")) {
      ctx.io.err(`${"error" in args ? args.error + "\n" : ""}usage: npm run report -- [--format markdown|json]`);
      return 2;
    }
    ctx.io.err("report: reading and checking the fleet…");
    const { model } = build(ctx.root, { cache: new TenantCache(ctx.root, { readOnly: true }) });
    ctx.io.err(`report: ${model.tenants.length} tenant(s) read; computing capacity…`);
    const report = capacityReport(model.platform, model.tenants, (done, total) => ctx.io.err(`report: ${done}/${total} tenants`));
    ctx.io.out(format === "json" ? reportJson(report) : reportMarkdown(report));
    return 0;
  },
};

// `npm run report [-- --format markdown|json]`: capacity per tenant and cluster, and the saving over Tutor's
// per-instance defaults. The report goes to stdout; progress goes to stderr.
import { build } from "../compile";
import { TenantCache } from "../cache/tenant-cache";
import { capacityReport } from "../report/capacity-report";
import { reportJson, reportMarkdown } from "../report/format";
import { options } from "./options";
import type { Command } from "./index";

export const reportCommand: Command = {
  describe: "capacity and cost report of the fleet (Markdown or JSON)",
  lock: "read",
  async run(ctx) {
    const parsed = options(ctx.args, { format: { type: "string", default: "markdown" } });
    const format = "error" in parsed ? undefined : parsed.values.format;
    if ("error" in parsed || parsed.positionals.length > 0 || (format !== "markdown" && format !== "json")) {
      ctx.io.err(`${"error" in parsed ? parsed.error + "\n" : ""}usage: npm run report -- [--format markdown|json]`);
      return 1;
    }
    ctx.io.err("report: reading and checking the fleet…");
    const { model } = build(ctx.root, { cache: new TenantCache(ctx.root, { readOnly: true }) });
    ctx.io.err(`report: ${model.tenants.length} tenant(s) read; computing capacity…`);
    const report = capacityReport(model.platform, model.tenants, (done, total) => ctx.io.err(`report: ${done}/${total} tenants`));
    ctx.io.out(format === "json" ? reportJson(report) : reportMarkdown(report));
    return 0;
  },
};

// `npm run report [-- --format markdown|json]`: capacity per tenant and cluster, and the saving over Tutor's
// per-instance defaults. The report goes to stdout; progress goes to stderr.
import { UsageError } from "./args";
import type { Command } from "./index";

export const reportCommand: Command = {
  describe: "capacity and cost report of the fleet (Markdown or JSON)",
  lock: "read",
  args: { options: { format: { type: "string", value: "markdown|json", default: "markdown", help: "output format" } } },
  async run(ctx) {
    const format = ctx.opts.format;
    if (format !== "markdown" && format !== "json") throw new UsageError(`--format ${String(format)}: use markdown or json`);
    const [{ build }, { TenantCache }, { capacityReport }, { narrowTables, reportJson, reportMarkdown }] = await Promise.all([
      import("../compile"),
      import("../cache/tenant-cache"),
      import("../report/capacity-report"),
      import("../report/format"),
    ]);
    ctx.io.err("report: reading and checking the fleet…");
    const { model } = build(ctx.root, { cache: new TenantCache(ctx.root, { readOnly: true }) });
    ctx.io.err(`report: ${model.tenants.length} tenant(s) read; computing capacity…`);
    const report = capacityReport(model.platform, model.tenants, (done, total) => ctx.io.err(`report: ${done}/${total} tenants`));
    const columns = process.stdout.isTTY ? process.stdout.columns : undefined;
    // a terminal narrower than the tables gets one block per row; a pipe or file always gets the Markdown tables
    const markdown = () => (columns ? narrowTables(reportMarkdown(report), columns) : reportMarkdown(report));
    ctx.io.out(format === "json" ? reportJson(report) : markdown());
    return 0;
  },
};

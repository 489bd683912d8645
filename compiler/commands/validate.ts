// `npm run validate [--schemas DIR] [--chart-schemas DIR] [DIR|FILE ...]`: every generated object against strict schemas.
import { kubeconformOnPath } from "../validate/kubeconform";
import { formatProblem, ValidateSetupError } from "../validate/problems";
import { validateAll } from "../validate/validate-all";
import { parseOptions, UsageError } from "./args";
import type { Command } from "./index";

export const validateCommand: Command = {
  describe: "validate generated/ (and render output folders) against strict Kubernetes, CRD and chart schemas",
  async run(ctx) {
    const { values: opts, positionals } = parseOptions(ctx.args, {
      schemas: { type: "string" },
      "chart-schemas": { type: "string" },
      "schema-location": { type: "string", multiple: true },
      // a path, or "off" to validate in-process even when kubeconform is on PATH
      kubeconform: { type: "string" },
    });
    const kubeconform = opts.kubeconform === "off" ? undefined : (opts.kubeconform ?? kubeconformOnPath());
    const chartSchemas = opts["chart-schemas"] ?? process.env.FLEET_CHART_SCHEMAS;
    let report;
    try {
      report = validateAll({ root: ctx.root, targets: positionals, schemaLocations: opts["schema-location"] ?? [], ...(opts.schemas ? { schemas: opts.schemas } : {}), ...(chartSchemas ? { chartSchemas } : {}), ...(kubeconform ? { kubeconform } : {}) });
    } catch (e) {
      if (!(e instanceof ValidateSetupError)) throw e;
      ctx.io.err(`validate: ${(e as Error).message}`);
      return 1;
    }
    for (const p of report.problems) ctx.io.err(formatProblem(p));
    for (const line of report.values.unchecked) ctx.io.out(`not checked: ${line}`);
    const summary = `${report.objects} object(s) in ${report.files} file(s), ${report.values.checked.length} values file(s) checked, ${report.values.unchecked.length} without schema; validator: ${report.engine}`;
    if (report.problems.length > 0) {
      ctx.io.err(`\n${report.problems.length} error(s). ${summary}`);
      return 1;
    }
    ctx.io.out(`valid: ${summary}`);
    return 0;
  },
};

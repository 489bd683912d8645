// `npm run validate [--schemas DIR] [--chart-schemas DIR] [DIR|FILE ...]`: every generated object against strict schemas.
import { during } from "../terminal/progress";
import type { Command, CommandContext } from "./index";

// the validator and its schema library load when the command runs
type Engine = typeof import("../validate/validate-all") & typeof import("../validate/kubeconform") & typeof import("../validate/problems");

async function validate(ctx: CommandContext, { chartList, validateAll, kubeconformOnPath, formatProblem }: Engine): Promise<number> {
  const opts = ctx.opts as { schemas?: string; "chart-schemas"?: string; "schema-location"?: string[]; kubeconform?: string; "print-charts"?: boolean };
  const positionals = ctx.positionals;
  if (opts["print-charts"]) {
    for (const line of chartList(ctx.root, positionals)) ctx.io.out(line);
    return 0;
  }
  const kubeconform = opts.kubeconform === "off" ? undefined : (opts.kubeconform ?? kubeconformOnPath());
  const chartSchemas = opts["chart-schemas"] ?? process.env.FLEET_CHART_SCHEMAS;
  const report = await during(ctx.progress, "reading the files to validate…", (progress) => validateAll({
    onStage: (text) => progress.update(text),
    root: ctx.root,
    targets: positionals,
    schemaLocations: opts["schema-location"] ?? [],
    ...(opts.schemas ? { schemas: opts.schemas } : {}),
    ...(chartSchemas ? { chartSchemas } : {}),
    ...(kubeconform ? { kubeconform } : {}),
  }));
  for (const p of report.problems) ctx.io.err(formatProblem(p));
  for (const line of report.values.unchecked) ctx.io.out(`not checked: ${line}`);
  const skippedObjects = report.skipped.reduce((n, [, c]) => n + c, 0);
  for (const [kind, n] of report.skipped) ctx.io.out(`skipped: ${n} ${kind}`);
  if (report.skipped.length) ctx.io.out("skipped: custom resources have no packaged schema; --schemas DIR (or FLEET_SCHEMAS) or kubeconform with schema locations checks them");
  const checked = report.objects - skippedObjects;
  const summary =
    `${checked} object(s) checked${skippedObjects ? `, ${skippedObjects} skipped` : ""} in ${report.files} file(s), ` +
    `${report.values.checked.length} values file(s) checked, ${report.values.unchecked.length} without schema; validator: ${report.engine}`;
  if (report.problems.length > 0) {
    ctx.io.err(`\n${report.problems.length} error(s). ${summary}`);
    return 1;
  }
  ctx.io.out(`valid: ${summary}`);
  return 0;
}

export const validateCommand: Command = {
  describe: "validate generated/ (and render output folders) against strict Kubernetes, CRD and chart schemas",
  lock: "read",
  args: {
    usage: "[dir|file ...]",
    positionals: { min: 0, max: Infinity },
    options: {
      schemas: { type: "string", value: "dir", help: "Kubernetes and CRD schemas in kubeconform's layout" },
      "chart-schemas": { type: "string", value: "dir", help: "charts' values.schema.json files, to check Helm values (or FLEET_CHART_SCHEMAS)" },
      "schema-location": { type: "string", value: "template", multiple: true, help: "more schema locations, as kubeconform takes them" },
      kubeconform: { type: "string", value: "path|off", help: "the kubeconform binary, or off to validate in-process even when it is on PATH" },
      "print-charts": { type: "boolean", help: "list the charts Applications deploy instead of validating (CI fetches their schemas)" },
    },
  },
  async run(ctx) {
    const engine: Engine = Object.assign({}, ...(await Promise.all([import("../validate/validate-all"), import("../validate/kubeconform"), import("../validate/problems")])));
    try {
      return await validate(ctx, engine);
    } catch (e) {
      if (!(e instanceof engine.ValidateSetupError)) throw e;
      ctx.io.err(`validate: ${e.message}`);
      return 1;
    }
  },
};

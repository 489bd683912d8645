// `npm run compile` and `npm run check`.
// The compiler itself is imported when the command runs: `--help` and the other commands never load it.
import { formatDiagnostic, sortDiagnostics } from "../diagnostics";
import path from "node:path";
import type { ArgsSpec } from "./args";
import type { Plan } from "../output/plan";
import { during } from "../terminal/progress";
import { inputsUnchanged, lookUp, rememberRun } from "../cache/unchanged-run";
import { startWorkersEarly } from "../parallel/spawn";
import { startStatsAhead } from "../output/stats-ahead";
import type { Command, CommandContext } from "./index";

// compile and check take the same options: check must judge exactly what compile would write
const FLEET_ARGS: ArgsSpec = {
  options: {
    base: { type: "string", value: "ref", help: "git revision whose generated/fleet.json the removal and reuse guards compare with (default: HEAD)" },
    "allow-delete": { type: "string", value: "ids", multiple: true, help: "archived tenants whose data may now be removed, comma-separated" },
    "allow-reuse": { type: "string", value: "ids", multiple: true, help: "ids of removed tenants that may be used again, comma-separated" },
    "no-cache": { type: "boolean", help: "ignore .cache/ and build every tenant from scratch" },
  },
};

function printWarnings(ctx: CommandContext, warnings: Parameters<typeof sortDiagnostics>[0]): void {
  for (const d of sortDiagnostics(warnings)) ctx.io.err(formatDiagnostic(d));
}

export const compileCommand: Command = {
  describe: "compile platform/ and tenants/ into generated/",
  args: FLEET_ARGS,
  lock: "write",
  async run(ctx) {
    const started = performance.now();
    const useCache = ctx.opts["no-cache"] !== true;
    // with no tenant cached, the tenant pool's workers load the compiler while this thread does
    startWorkersEarly(ctx.root, { cached: useCache });
    // nothing changed since the last compile: its result, without loading the compiler
    const { record: same, inputs } = useCache ? lookUp(ctx.root, ctx.opts) : {};
    if (same) {
      printWarnings(ctx, same.warnings);
      const ms = Math.round(performance.now() - started);
      ctx.io.out(`compiled ${same.tenants} tenant(s): 0 added, 0 changed, 0 removed, ${same.files} unchanged (${ms} ms)`);
      return 0;
    }
    // with a cache, a thread stats generated/ while this one loads the compiler (output/stats-ahead.ts)
    if (useCache) startStatsAhead(ctx.root);
    const [{ compile }, { lifecycleOptions }] = await Promise.all([import("../compile"), import("../fleet/lifecycle")]);
    const stillHeld = ctx.lock ? () => ctx.lock!.stillHeld() : undefined;
    const { build, plan, recovered } = await during(ctx.progress, "compiling platform/ and tenants/…", () =>
      compile(ctx.root, { cache: useCache, lifecycle: lifecycleOptions(ctx.opts), stillHeld, inputs: inputs?.bytes }),
    );
    printWarnings(ctx, build.warnings);
    if (recovered.action === "completed") ctx.io.err(`finished an interrupted compile first (same inputs; ${recovered.files} file(s) moved into place)`);
    if (recovered.action === "discarded") ctx.io.err(`discarded an interrupted compile's staged files: ${recovered.reason}`);
    for (const p of plan.edited) ctx.io.err(`warning: generated/${p} had been edited by hand; overwritten`);
    // recorded only when no input changed while the compiler ran
    if (inputs && inputsUnchanged(ctx.root, ctx.opts, inputs)) rememberRun(ctx.root, inputs.key, build.files, { tenants: build.model.tenants.length, warnings: build.warnings });
    const ms = Math.round(performance.now() - started);
    ctx.io.out(
      `compiled ${build.model.tenants.length} tenant(s): ${plan.missing.length} added, ${plan.stale.length} changed, ${plan.deletes.length} removed, ${plan.unchanged} unchanged (${ms} ms)`,
    );
    return 0;
  },
};

/** Lines describing how generated/ differs from what compile would write. */
export function describePlan(plan: Plan): string[] {
  return [
    ...plan.missing.map((p) => `missing: generated/${p}`),
    ...plan.stale.map((p) => `stale:   generated/${p}${plan.edited.includes(p) ? " (edited by hand)" : ""}`),
    ...plan.deletes.map((p) => `extra:   generated/${p} (no longer produced)`),
    ...plan.foreign.map((p) => `extra:   generated/${p} (not written by the compiler)`),
    ...(plan.manifestProblem ? [`manifest: ${plan.manifestProblem}`] : []),
  ];
}

export const checkCommand: Command = {
  describe: "verify generated/ is exactly what compile would write",
  args: FLEET_ARGS,
  lock: "read",
  async run(ctx) {
    startWorkersEarly(ctx.root, { cached: ctx.opts["no-cache"] !== true });
    if (ctx.opts["no-cache"] !== true) startStatsAhead(ctx.root);
    const [{ check, OUTPUT_DIR }, { lifecycleOptions }, { interruptedNote }, { describeLocated, diskFiles, scanOutput }] = await Promise.all([
      import("../compile"),
      import("../fleet/lifecycle"),
      import("../output/recover"),
      import("../scan/generated"),
    ]);
    const { build, plan } = await during(ctx.progress, "checking generated/ against platform/ and tenants/…", () =>
      check(ctx.root, { cache: ctx.opts["no-cache"] !== true, lifecycle: lifecycleOptions(ctx.opts) }),
    );
    printWarnings(ctx, build.warnings);
    const interrupted = interruptedNote(ctx.root);
    if (interrupted) ctx.io.err(interrupted);
    const problems = describePlan(plan);
    // what generated/ holds: rendered files, and on disk the stale, edited and foreign ones
    const secrets = scanOutput(build.files, diskFiles(path.join(ctx.root, OUTPUT_DIR), [...plan.stale, ...plan.foreign])).map(describeLocated);
    for (const line of secrets) ctx.io.err(`secret:  ${line}`);
    if (secrets.length > 0) ctx.io.err(`\n${secrets.length} secret-looking value(s) in generated/: secrets live only in the cluster; remove the value from its source.`);
    if (problems.length > 0) {
      for (const line of problems) ctx.io.err(line);
      ctx.io.err(`\ngenerated/ is not up to date (${problems.length} file(s)). Run \`npm run compile\` and commit the result.`);
      return 1;
    }
    if (secrets.length > 0) return 1;
    ctx.io.out(`generated/ is up to date (${plan.unchanged} files, ${build.model.tenants.length} tenants)`);
    return 0;
  },
};

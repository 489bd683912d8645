// The compiler's pipeline, from tenant files to the planned contents of generated/.
import path from "node:path";
import { hasErrors, UserError, type Diagnostic } from "./diagnostics";
import { checkFleet } from "./fleet/invariants";
import { checkLifecycleOf, NO_LIFECYCLE_OPTIONS, type LifecycleOptions } from "./fleet/lifecycle";
import { checkOutput } from "./fleet/output-rules";
import { checkPlatform } from "./fleet/platform-rules";
import { checkTenant } from "./fleet/tenant-rules";
import { load } from "./load";
import { resolveTenant, type ResolvedTenant } from "./model/resolve";
import { applyPlan, recover } from "./output/apply";
import { planOutput, type Plan } from "./output/plan";
import type { OutputFile } from "./render/files";
import { renderFleet, type FleetModel } from "./render/index";

export const OUTPUT_DIR = "generated";

export interface Build {
  model: FleetModel;
  files: OutputFile[];
  warnings: Diagnostic[];
}

/**
 * Builds every output in memory, or throws a UserError listing every problem found:
 * 1. read platform/platform.ts and tenants/*.ts statically and validate them against their schemas;
 * 2. check the platform, then each tenant against the platform's catalogs;
 * 3. resolve tenants (presets, derived names) and check the fleet-wide invariants;
 * 4. check the lifecycle against the committed fleet index (removals, renames, the deletion cap);
 * 5. render every file, and the fleet index listing them all with their hashes;
 * 6. check the rendered objects (projects, namespaces, data guards, quotas against capacity).
 */
export function build(root: string, options: LifecycleOptions = NO_LIFECYCLE_OPTIONS): Build {
  const loaded = load(root);
  const diagnostics = [...loaded.diagnostics];
  const platform = loaded.platform;
  if (platform) diagnostics.push(...checkPlatform(platform));
  // a broken platform makes every tenant check meaningless: report the platform alone
  if (!platform || hasErrors(diagnostics.filter((d) => d.file.startsWith("platform/")))) throw new UserError(diagnostics);

  for (const raw of loaded.rejected) diagnostics.push(...checkTenant(raw, platform.value));
  const tenants: ResolvedTenant[] = [];
  for (const t of loaded.tenants) {
    const problems = checkTenant({ value: t.value, locator: t.locator }, platform.value);
    diagnostics.push(...problems);
    if (!hasErrors(problems)) tenants.push(resolveTenant(t.value, platform.value, { file: t.file, locator: t.locator }));
  }
  diagnostics.push(...checkFleet({ platform, tenants }));
  diagnostics.push(...checkLifecycleOf(root, tenants, options));
  if (hasErrors(diagnostics)) throw new UserError(diagnostics);

  const model: FleetModel = { platform: platform.value, tenants };
  const files = renderFleet(model);
  diagnostics.push(...checkOutput(platform, tenants));
  if (hasErrors(diagnostics)) throw new UserError(diagnostics);
  return { model, files, warnings: diagnostics };
}

/**
 * `npm run compile`: build, plan against generated/, and apply all-or-nothing.
 * On any error nothing under generated/ changes.
 */
export function compile(root: string, options?: LifecycleOptions): { build: Build; plan: Plan; recovered: string } {
  const outDir = path.join(root, OUTPUT_DIR);
  const recovered = recover(root, outDir);
  const result = build(root, options);
  const plan = planOutput(outDir, result.files);
  if (plan.writes.length > 0 || plan.deletes.length > 0) applyPlan(root, outDir, plan);
  return { build: result, plan, recovered };
}

/** `npm run check`: build and plan, never write. */
export function check(root: string, options?: LifecycleOptions): { build: Build; plan: Plan } {
  const result = build(root, options);
  return { build: result, plan: planOutput(path.join(root, OUTPUT_DIR), result.files) };
}

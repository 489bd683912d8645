// The compiler's pipeline, from tenant files to the planned contents of generated/.
import fs from "node:fs";
import path from "node:path";
import { hasErrors, UserError, type Diagnostic } from "./diagnostics";
import { checkFleet } from "./fleet/invariants";
import { checkLifecycleOf, NO_LIFECYCLE_OPTIONS, type LifecycleOptions } from "./fleet/lifecycle";
import { readPreviousIndex } from "./fleet/previous-index";
import { checkFleetOutput, checkTenantOutput } from "./fleet/output-rules";
import { checkPlatform } from "./fleet/platform-rules";
import { checkTenant } from "./fleet/tenant-rules";
import { lastManifest, lastManifestFile, rememberManifest } from "./cache/last-manifest";
import { TenantCache } from "./cache/tenant-cache";
import { listTenantFiles, load, type LoadOptions, type Source } from "./load";
import type { Platform } from "./schema/platform";
import { resolveTenant, type ResolvedTenant } from "./model/resolve";
import { applyPlan } from "./output/apply";
import { discardFirstTree, startFirstTree } from "./output/first-tree";
import { stampsAhead } from "./output/stats-ahead";
import { resolveInterrupted, type Recovery } from "./output/recover";
import { DiskState } from "./output/disk-state";
import { MANIFEST } from "./output/manifest";
import { planOutput, type Plan } from "./output/plan";
import type { OutputFile } from "./render/files";
import { scanOutput, secretDiagnostics, sourceOwners } from "./scan/generated";
import { maskDiagnostic } from "./scan/redact";
import { indexEntryText } from "./render/fleet-index";
import { renderFleet, type FleetModel } from "./render/index";
import { releaseResources, renderTenant } from "./render/tenant";
import { runTenantWork, TenantPool } from "./parallel/pool";
import type { TenantOutcome, WorkItem } from "./parallel/tenant-work";
import type { StaticReader } from "./source/static-reader";

export const OUTPUT_DIR = "generated";

export interface Build {
  model: FleetModel;
  /** The platform as read (its findings in generated/ are reported at platform.ts). */
  platformSource: Source<Platform>;
  files: OutputFile[];
  warnings: Diagnostic[];
  /** generated/ as a worker listed it while this thread finished the build, when asked (`listOutput`). */
  outputListing?: () => string[] | undefined;
}

/**
 * Builds every output in memory, or throws a UserError listing every problem found:
 * 1. read platform/platform.ts and tenants/*.ts statically and validate them against their schemas
 *    (the platform and tenants whose inputs are unchanged since a cached run come from the cache);
 * 2. check the platform, then each tenant against the platform's catalogs (cached, like step 1);
 * 3. resolve tenants (presets, derived names) and check the fleet-wide invariants, always over all tenants;
 * 4. check the lifecycle against the committed fleet index (removals, renames, reused ids, the deletion cap);
 * 5. render every file (unchanged tenants' files and index entries from the cache), and the fleet index;
 * 6. check the rendered objects: each tenant's as it is rendered (projects, namespaces, data guards), then
 *    the fleet's (quotas against capacity).
 */
export function build(root: string, opts: LoadOptions & { lifecycle?: LifecycleOptions; firstTree?: string; listOutput?: boolean } = {}): Build {
  const { cache } = opts;
  // the tenants the cache lacks are read, checked and rendered ahead, on every core (parallel/pool.ts); with no
  // tenant cached the workers start now, to load the compiler while this thread reads the platform
  let pool = !cache || cache.isEmpty() ? TenantPool.start(root, listTenantFiles(root).length) : undefined;
  // the committed fleet index, read first: git starts faster from a small process than from one holding the fleet
  const lifecycle = opts.lifecycle ?? NO_LIFECYCLE_OPTIONS;
  const previous = readPreviousIndex(root, lifecycle.base, { remember: cache?.writable });
  const outcomes = new Map<string, TenantOutcome>();
  // the platform's own rules first: tenants are only worked on against a platform without errors (as below)
  let platformChecks: Diagnostic[] | undefined;
  const checkThePlatform = (source: Source<Platform>) => (platformChecks ??= cache ? cache.checkPlatform(() => checkPlatform(source)) : checkPlatform(source));
  // the platform's own files too, when the cache does not hold them
  let platformAhead: OutputFile[] | undefined;
  const prepare = (platform: Source<Platform>, items: WorkItem[], reader: StaticReader) => {
    if (hasErrors(checkThePlatform(platform))) return undefined;
    pool ??= TenantPool.start(root, items.length);
    const ctx = { root, outDir: path.join(root, OUTPUT_DIR), platform: platform.value, reader, tree: opts.firstTree };
    const chunks = runTenantWork(pool, ctx, items, { platformFiles: !cache?.platformFromCache, ...(opts.listOutput ? { listDir: ctx.outDir } : {}) });
    platformAhead = chunks.find((c) => c.platformFiles)?.platformFiles;
    for (const o of chunks.flatMap((c) => c.outcomes)) outcomes.set(o.file, o);
    const scan = { diagnostics: chunks.flatMap((c) => c.scan.diagnostics), secrets: chunks.flatMap((c) => c.scan.secrets) };
    return { loads: new Map([...outcomes].map(([file, o]) => [file, o.load])), scan };
  };
  const loaded = load(root, { ...opts, prepare });
  pool?.close(); // unused when the platform does not read
  const diagnostics = [...loaded.diagnostics];
  // a value found to hold a secret is masked wherever another rule's message quotes it
  function fail(): never {
    throw new UserError(diagnostics.map((d) => maskDiagnostic(d, loaded.secrets)));
  }
  const platform = loaded.platform;
  if (platform) diagnostics.push(...checkThePlatform(platform));
  // a broken platform makes every tenant check meaningless: report the platform alone
  if (!platform || hasErrors(diagnostics.filter((d) => d.file.startsWith("platform/")))) fail();

  for (const raw of loaded.rejected) diagnostics.push(...checkTenant(raw, platform.value));
  const tenants: ResolvedTenant[] = [];
  for (const t of loaded.tenants) {
    const rules = () => outcomes.get(t.file)?.checks ?? checkTenant({ value: t.value, locator: t.locator }, platform.value);
    const problems = cache ? cache.checkTenant(t.file, rules) : rules();
    diagnostics.push(...problems);
    // a tenant this thread resolved in the pool (to render it) is not resolved again
    const ahead = outcomes.get(t.file);
    if (!hasErrors(problems)) tenants.push(ahead?.resolved && ahead.load.tenant?.value === t.value ? ahead.resolved : resolveTenant(t.value, platform.value, { file: t.file, locator: t.locator }));
  }
  diagnostics.push(...checkFleet({ platform, tenants }));
  diagnostics.push(...checkLifecycleOf(root, tenants, lifecycle, { remember: cache?.writable }, previous));
  if (hasErrors(diagnostics)) fail();

  const model: FleetModel = { platform: platform.value, tenants };
  // each rendered tenant's objects are checked at once and then let go; tenants served by the cache passed
  // these rules when cached (the key covers compiler and inputs)
  const render = (t: ResolvedTenant, checked: boolean) => {
    const ahead = checked ? outcomes.get(t.source.file)?.render : undefined;
    if (ahead) {
      diagnostics.push(...ahead.checks);
      return ahead.files;
    }
    const files = renderTenant(t, platform.value);
    if (checked) diagnostics.push(...checkTenantOutput(t, platform.value));
    releaseResources(t);
    return files;
  };
  const renderOne = cache ? (t: ResolvedTenant) => cache.renderTenant(t.source.file, () => render(t, true), () => render(t, false)) : (t: ResolvedTenant) => render(t, true);
  const entryText = (t: ResolvedTenant) => outcomes.get(t.source.file)?.render?.index ?? indexEntryText(t);
  const files = renderFleet(model, renderOne, cache ? (t) => cache.indexEntry(t.source.file, () => entryText(t)) : entryText, (render) => (cache ? cache.platformFiles(() => platformAhead ?? render()) : (platformAhead ?? render())));
  diagnostics.push(...checkFleetOutput(platform, tenants));
  if (hasErrors(diagnostics)) fail();
  cache?.persist();
  return { model, files, warnings: diagnostics, platformSource: platform, ...(pool ? { outputListing: () => pool!.listing() } : {}) };
}

/**
 * `npm run compile`: build, plan against generated/, and apply all-or-nothing. On any error nothing under
 * generated/ changes: an interrupted compile's staging is dealt with only once this run has validated
 * everything (inputs, output rules, the secret scan), and the apply checks its output folders before writing.
 */
export function compile(
  root: string,
  opts: { cache?: boolean; lifecycle?: LifecycleOptions; stillHeld?: () => boolean; inputs?: ReadonlyMap<string, Buffer> } = {},
): { build: Build; plan: Plan; recovered: Recovery } {
  const outDir = path.join(root, OUTPUT_DIR);
  // a first compile's files are written ahead, by the threads that render them (output/first-tree.ts)
  const firstTree = startFirstTree(root, outDir);
  try {
    return compileInto(root, outDir, firstTree, opts);
  } finally {
    discardFirstTree(firstTree); // gone already when it became generated/
  }
}

function compileInto(root: string, outDir: string, firstTree: string | undefined, opts: Parameters<typeof compile>[1] = {}): ReturnType<typeof compile> {
  // `inputs`: the input files' bytes as the no-op check just read them (cache/unchanged-run.ts), read once
  const result = build(root, { lifecycle: opts.lifecycle, firstTree, ...(opts.cache === false ? {} : { cache: new TenantCache(root, { inputs: opts.inputs }) }) });
  const disk = opts.cache === false ? undefined : new DiskState(root, { ahead: stampsAhead(root) });
  const knownManifest = opts.cache === false ? undefined : (hash: string) => lastManifest(root, hash);
  let plan = planOutput(outDir, result.files, { listForeign: false, disk, knownManifest });
  // what is rendered now and what is about to be written must hold no secret-looking value
  const leaks = scanOutput(result.files, plan.writes);
  if (leaks.length > 0) throw new UserError(secretDiagnostics(leaks, sourceOwners(result.model.tenants, result.platformSource)));
  const recovered = resolveInterrupted(root, outDir, result.files);
  // the recovery changed generated/: what the tenant pool saw there is out of date
  if (recovered.action !== "none") for (const f of result.files) delete f.onDisk;
  if (recovered.action !== "none") plan = planOutput(outDir, result.files, { listForeign: false, disk, knownManifest, alsoOwned: recovered.action === "discarded" ? recovered.owned : [] });
  if (plan.writes.length > 0 || plan.deletes.length > 0) applyPlan(root, outDir, plan, { stillHeld: opts.stillHeld, firstTree });
  // the manifest just written, for the next run's plan (when the fleet index was written, or none is recorded)
  const index = result.files.find((f) => f.path === MANIFEST);
  if (knownManifest && index && (plan.writes.includes(index) || !fs.existsSync(lastManifestFile(root)))) rememberManifest(root, index);
  disk?.save();
  return { build: result, plan, recovered };
}

/** `npm run check`: build and plan, never write (the cache is only read). */
export function check(root: string, opts: { cache?: boolean; lifecycle?: LifecycleOptions } = {}): { build: Build; plan: Plan } {
  // generated/ is listed by a worker of the tenant pool, if there is one, while this thread finishes the build
  const result = build(root, { lifecycle: opts.lifecycle, listOutput: true, ...(opts.cache === false ? {} : { cache: new TenantCache(root, { readOnly: true }) }) });
  const disk = opts.cache === false ? undefined : new DiskState(root, { readOnly: true, ahead: stampsAhead(root) });
  const knownManifest = opts.cache === false ? undefined : (hash: string) => lastManifest(root, hash);
  return { build: result, plan: planOutput(path.join(root, OUTPUT_DIR), result.files, { listForeign: true, disk, knownManifest, listing: result.outputListing }) };
}

// Renders the whole fleet in memory: every file the compiler owns under generated/, sorted by path.
import { catalogTypes } from "../docs/catalog-types";
import type { ResolvedTenant } from "../model/resolve";
import type { Platform } from "../schema/platform";
import { renderBootstrap } from "./bootstrap";
import type { OutputFile } from "./files";
import { fleetIndex, indexEntryText } from "./fleet-index";
import { chartRepos, clusterLayers, renderComponents } from "./platform/index";
import { renderTenant } from "./tenant";
import { fleetPluginFile } from "./tenant/tutor-plugin";

export interface FleetModel {
  platform: Platform;
  tenants: readonly ResolvedTenant[];
}

/** Renderers of the platform side; each returns its files. */
const PLATFORM_RENDERERS: ((m: FleetModel) => OutputFile[])[] = [(m) => renderBootstrap(m.platform, chartRepos(m), clusterLayers(m)), renderComponents, () => [fleetPluginFile()]];

export function renderPlatform(model: FleetModel): OutputFile[] {
  return PLATFORM_RENDERERS.flatMap((r) => r(model));
}

/**
 * Every file the platform alone gives: no platform renderer looks at a tenant (render/platform/component.ts says
 * why), so the compile cache keeps them under the platform's key and the tenant pool renders them with no tenant.
 */
export function platformOwnFiles(platform: Platform): OutputFile[] {
  return [...renderPlatform({ platform, tenants: [] }), catalogTypes(platform)];
}

/**
 * `renderOne` and `entryText` render one tenant's files and its fleet index entry, `platformFiles` the platform's
 * own (the compile cache passes its own: the platform's files depend on the platform alone).
 */
export function renderFleet(
  model: FleetModel,
  renderOne: (t: ResolvedTenant) => OutputFile[] = (t) => renderTenant(t, model.platform),
  entryText: (t: ResolvedTenant) => string = indexEntryText,
  platformFiles: (render: () => OutputFile[]) => OutputFile[] = (render) => render(),
): OutputFile[] {
  const rendered = [...platformFiles(() => platformOwnFiles(model.platform)), ...model.tenants.flatMap(renderOne)];
  const byPath = new Map<string, OutputFile>();
  for (const f of rendered) {
    // two renderers claiming one path is a bug in the compiler, never silently resolved
    if (byPath.has(f.path)) throw new Error(`internal error: two outputs for generated/${f.path}`);
    byPath.set(f.path, f);
  }
  // sorted by path (code units: the default sort of strings, with no comparison function to call thousands of
  // times), so the index's own sort of these paths finds them in order: a single pass
  const files = [...byPath.keys()].sort().map((p) => byPath.get(p)!);
  // the fleet index comes last: it lists every other file with its hash; then it takes its place in path order
  // (after any other file of its name, as a stable sort would put it)
  const index = fleetIndex(model.tenants, model.platform, files, entryText);
  let [lo, hi] = [0, files.length];
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (files[mid]!.path > index.path) hi = mid;
    else lo = mid + 1;
  }
  files.splice(lo, 0, index);
  return files;
}

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
  const files = [...platformFiles(() => platformOwnFiles(model.platform)), ...model.tenants.flatMap(renderOne)];
  const seen = new Map<string, OutputFile>();
  for (const f of files) {
    // two renderers claiming one path is a bug in the compiler, never silently resolved
    if (seen.has(f.path)) throw new Error(`internal error: two outputs for generated/${f.path}`);
    seen.set(f.path, f);
  }
  // the fleet index comes last: it lists every other file with its hash (sorted first, so the index's own
  // sort of these paths and the one after it find them in order: each a single pass)
  const byPath = (a: OutputFile, b: OutputFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  files.sort(byPath);
  files.push(fleetIndex(model.tenants, model.platform, files, entryText));
  return files.sort(byPath);
}

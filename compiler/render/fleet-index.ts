// generated/fleet.json: a sorted machine-readable index of every tenant, read by other commands and reviewers.
import { demandOf, formatDemand } from "../model/capacity";
import { allHosts, type ResolvedTenant } from "../model/resolve";
import type { Platform } from "../schema/platform";
import { manifestOf, MANIFEST } from "../output/manifest";
import { jsonFile, type OutputFile } from "./files";

export const FLEET_INDEX = MANIFEST;
const INDEX_KEY_ORDER = ["$comment", "fleet", "tenants", "files", "id"];

export interface FleetIndexEntry {
  id: string;
  state: string;
  cluster: string;
  namespace: string;
  wave: number;
  release: string;
  image: string;
  hosts: string[];
  size: string;
  plugins: string[];
  services: Record<string, string>;
  labels: Record<string, string>;
  requests: { cpu: string; memory: string };
  maxRequests: { cpu: string; memory: string };
  source: string;
}

export function fleetIndexEntry(t: ResolvedTenant): FleetIndexEntry {
  return {
    id: t.id,
    state: t.state,
    cluster: t.cluster.name,
    namespace: t.names.namespace,
    wave: t.wave,
    release: t.release.name,
    image: t.image,
    hosts: allHosts(t),
    size: t.size.preset,
    plugins: t.plugins,
    services: { ...t.services },
    labels: Object.fromEntries(Object.entries(t.labels).filter(([, v]) => v !== undefined)) as Record<string, string>,
    requests: formatDemand(demandOf(t, "min")),
    maxRequests: formatDemand(demandOf(t, "max")),
    source: t.source.file,
  };
}

/** The index of every tenant, plus the manifest of every other file written (`files`: path → hash). */
export function fleetIndex(tenants: readonly ResolvedTenant[], platform: Platform, otherFiles: readonly OutputFile[]): OutputFile {
  const sorted = [...tenants].sort((a, b) => (a.id < b.id ? -1 : 1));
  return jsonFile(FLEET_INDEX, "platform/platform.ts and tenants/*.ts", {
    fleet: platform.fleet,
    tenants: sorted.map(fleetIndexEntry),
    files: manifestOf(otherFiles),
  }, INDEX_KEY_ORDER);
}

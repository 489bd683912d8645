// generated/fleet.json: a sorted machine-readable index of every tenant, read by other commands and reviewers.
import { demandOf, formatDemand } from "../model/capacity";
import { allHosts, type ResolvedTenant } from "../model/resolve";
import type { Platform } from "../schema/platform";
import { hashOf, MANIFEST } from "../output/manifest";
import { headerOf, type OutputFile } from "./files";
import { orderedKeys, rankOf } from "./key-order";

export const FLEET_INDEX = MANIFEST;
export const INDEX_KEY_ORDER = ["$comment", "fleet", "tenants", "files", "id"];

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

const INDEX_RANK = rankOf(INDEX_KEY_ORDER);

/** A record of strings with its keys in the index's order, `undefined` members dropped (as canonical() would). */
function ordered(record: Readonly<Record<string, string | undefined>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const k of orderedKeys(record, INDEX_RANK)) out[k] = record[k]!;
  return out;
}

export function fleetIndexEntry(t: ResolvedTenant): FleetIndexEntry {
  // built in the order the index is written (`id`, then the others by code unit), so its text needs no
  // canonical() copy per tenant; test/compiler/shared-work.test.ts holds it to canonical()'s order
  return {
    id: t.id,
    cluster: t.cluster.name,
    hosts: allHosts(t),
    image: t.image,
    labels: ordered(t.labels),
    maxRequests: formatDemand(demandOf(t, "max")),
    namespace: t.names.namespace,
    plugins: t.plugins,
    release: t.release.name,
    requests: formatDemand(demandOf(t, "min")),
    services: ordered(t.services),
    size: t.size.preset,
    source: t.source.file,
    state: t.state,
    wave: t.wave,
  };
}

/** One tenant's entry as it is written in the index (the compile cache keeps it with the tenant). */
export const indexEntryText = (t: ResolvedTenant) => JSON.stringify(fleetIndexEntry(t), null, 2).replaceAll("\n", "\n    ");

/**
 * The index of every tenant, plus the manifest of every other file written (`files`: path → hash). Written as
 * `JSON.stringify` of the canonical index would write it, from each tenant's entry text (`entryText`: from the
 * cache for unchanged tenants).
 */
export function fleetIndex(tenants: readonly ResolvedTenant[], platform: Platform, otherFiles: readonly OutputFile[], entryText: (t: ResolvedTenant) => string = indexEntryText): OutputFile {
  const sorted = [...tenants].sort((a, b) => (a.id < b.id ? -1 : 1));
  const list = sorted.length === 0 ? "[]" : `[\n    ${sorted.map(entryText).join(",\n    ")}\n  ]`;
  const head = `{\n  "$comment": ${JSON.stringify(headerOf("platform/platform.ts and tenants/*.ts"))},\n  "fleet": ${JSON.stringify(platform.fleet)},\n  "tenants": ${list}\n}\n`;
  const manifest = manifestOf(otherFiles);
  return { path: FLEET_INDEX, content: withFiles(head, manifest), manifest };
}

/** Every other file's path and hash, sorted by path: the index's `files`. */
function manifestOf(files: readonly OutputFile[]): ReadonlyMap<string, string> {
  // files in path order already (renderFleet's) are taken as they come; else sorted here
  const inOrder = new Map<string, string>();
  let last: string | undefined;
  for (const f of files) {
    if (f.path === MANIFEST) continue;
    if (last !== undefined && !(last < f.path)) return sortedManifest(files);
    inOrder.set((last = f.path), f.hash ?? hashOf(f.content));
  }
  return inOrder;
}

function sortedManifest(files: readonly OutputFile[]): ReadonlyMap<string, string> {
  const pairs = files.filter((f) => f.path !== MANIFEST).map((f) => [f.path, f.hash ?? hashOf(f.content)] as const);
  return new Map(pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)));
}

// printable ASCII but `"` and `\`: what JSON.stringify writes as it is, between quotes (every path and hash the
// compiler writes; anything else goes through JSON.stringify)
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const quoted = (s: string) => (PLAIN.test(s) ? `"${s}"` : JSON.stringify(s));

/**
 * `files`, the last member of the index, written straight as JSON text: a path → hash line per file (tens of
 * thousands in a large fleet) with no generic key sort. Same bytes as `jsonFile` would write.
 */
function withFiles(head: string, manifest: ReadonlyMap<string, string>): string {
  const lines = [...manifest].map(([p, hash]) => `    ${quoted(p)}: ${quoted(hash)}`);
  const members = lines.length === 0 ? "{}" : `{\n${lines.join(",\n")}\n  }`;
  if (!head.endsWith("\n}\n")) throw new Error("internal error: the fleet index is not a JSON object");
  return `${head.slice(0, -3)},\n  "files": ${members}\n}\n`;
}

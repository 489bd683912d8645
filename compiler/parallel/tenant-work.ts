// One tenant's whole pipeline, from its file to its rendered files: read, validate, the per-tenant rules,
// resolve, render, the rules over its output, its index entry. Nothing in it looks at another tenant, so the
// compile runs it for many tenants at once (parallel/pool.ts); the fleet-wide steps stay in build().
import { hasErrors, type Diagnostic } from "../diagnostics";
import { checkTenantOutput } from "../fleet/output-rules";
import { checkTenant } from "../fleet/tenant-rules";
import { loadTenant, type Source, type TenantLoad } from "../load";
import { resolveTenant, type ResolvedTenant } from "../model/resolve";
import type { OutputFile } from "../render/files";
import { indexEntryText } from "../render/fleet-index";
import { platformOwnFiles } from "../render/index";
import { releaseResources, renderTenant } from "../render/tenant";
import { hashOf } from "../output/manifest";
import { findSecrets } from "../scan/secrets";
import { observe, utf8Of } from "../output/observe";
import { writeAhead } from "../output/first-tree";
import { scanSources, type ReadSource } from "../scan/source-values";
import type { Platform } from "../schema/platform";
import type { Tenant } from "../schema/tenant";
import { Locator, type LocatorSnapshot } from "../source/locator";
import type { StaticReader } from "../source/static-reader";

/**
 * A tenant file to work on, with the text to use (the text the compile cache hashed), or none: read it; or, with
 * `platformFiles`, the platform's own files to render (they depend on no tenant: render/index.ts).
 */
export interface WorkItem {
  file: string;
  text?: string;
  platformFiles?: true;
}

/** The item that renders the platform's own files in the pool. */
export const PLATFORM_FILES: WorkItem = { file: "", platformFiles: true };

export interface TenantOutcome {
  file: string;
  load: TenantLoad;
  /** The per-tenant catalog rules' results, for a tenant that loaded. */
  checks?: Diagnostic[];
  /** Its files, the rules over its rendered objects and its fleet index entry, for a tenant that passed its rules. */
  render?: { files: OutputFile[]; checks: Diagnostic[]; index: string };
  /** The tenant as resolved to render it, on the thread that did (never sent across: toData drops it): build() keeps it. */
  resolved?: ResolvedTenant;
}

/** The outcomes of some tenants, and the secret scan of their sources (one scan per chunk: its cost is mostly per call). */
export interface ChunkResult {
  outcomes: TenantOutcome[];
  scan: { diagnostics: Diagnostic[]; secrets: string[] };
  /** The platform's own files, hashed, scanned and compared like a tenant's, for the PLATFORM_FILES item. */
  platformFiles?: OutputFile[];
}

/** What every tenant's work needs: the fleet's root and output folder, the platform, a reader. */
export interface WorkContext {
  root: string;
  outDir: string;
  platform: Platform;
  reader: StaticReader;
  /** A first compile's tree, to write each rendered file into at once (output/first-tree.ts). */
  tree?: string;
}

export function workChunk(ctx: WorkContext, items: readonly WorkItem[]): ChunkResult {
  if (items[0]?.platformFiles) return { outcomes: [], scan: { diagnostics: [], secrets: [] }, ...platformAhead(ctx) };
  const toScan: ReadSource[] = [];
  const outcomes = items.map((item) => workTenant(ctx, item, (r) => void toScan.push(r)));
  return { outcomes, scan: scanSources(toScan) };
}

function workTenant({ root, outDir, platform, reader, tree }: WorkContext, { file, text }: WorkItem, defer: (r: ReadSource) => void): TenantOutcome {
  const load = loadTenant(root, file, reader, text, defer);
  if (!load.tenant) return { file, load };
  const { value, locator } = load.tenant;
  const checks = checkTenant({ value, locator }, platform);
  if (hasErrors(checks)) return { file, load, checks };
  try {
    const resolved = resolveTenant(value, platform, { file, locator });
    return { file, load, checks, render: renderAhead(outDir, platform, resolved, tree), resolved };
  } catch {
    // rendered here before the fleet-wide rules ran: a tenant that fails to render is left to build(), which
    // renders it only after those rules pass, as without the pool (and reports a bug there as one)
    return { file, load, checks };
  }
}

/** Each file hashed, scanned and compared with generated/ here, on the pool's thread: the manifest, the cache, the output scan and the plan need all three. */
function ahead(outDir: string, rendered: OutputFile[], tree: string | undefined): OutputFile[] {
  const files = rendered.map((f) => {
    // encoded once: its bytes hashed (no memo: the hash travels with the file) and compared with the disk's
    const bytes = utf8Of(f.content);
    const hash = hashOf(bytes);
    const onDisk = observe(outDir, f.path, bytes, hash);
    return { ...f, hash, findings: findSecrets(f.content), ...(onDisk ? { onDisk } : {}) };
  });
  if (tree) writeAhead(tree, files);
  return files;
}

function platformAhead({ outDir, platform, tree }: WorkContext): Pick<ChunkResult, "platformFiles"> {
  try {
    return { platformFiles: ahead(outDir, platformOwnFiles(platform), tree) };
  } catch {
    return {}; // rendered again by build(), which reports a bug there as one
  }
}

function renderAhead(outDir: string, platform: Platform, t: ResolvedTenant, tree: string | undefined): NonNullable<TenantOutcome["render"]> {
  const files = ahead(outDir, renderTenant(t, platform), tree);
  const checks = checkTenantOutput(t, platform);
  releaseResources(t);
  return { files, checks, index: indexEntryText(t) };
}

type Snapshot<T> = Omit<T, "locator"> & { locator: LocatorSnapshot };
/** A ChunkResult as plain data, to cross to another thread (locators become their snapshots). */
export interface ChunkData {
  outcomes: (Omit<TenantOutcome, "load"> & {
    load: Omit<TenantLoad, "tenant" | "raw"> & { tenant?: Snapshot<Source<Tenant>>; raw?: Snapshot<NonNullable<TenantLoad["raw"]>> };
  })[];
  scan: ChunkResult["scan"];
}

export function toData(r: ChunkResult): ChunkData {
  return {
    scan: r.scan,
    outcomes: r.outcomes.map(({ resolved: _, ...o }) => {
      const { tenant, raw, ...rest } = o.load;
      const load = { ...rest, ...(tenant ? { tenant: { ...tenant, locator: tenant.locator.snapshot() } } : {}), ...(raw ? { raw: { ...raw, locator: raw.locator.snapshot() } } : {}) };
      return { ...o, load };
    }),
  };
}

export function fromData(d: ChunkData): ChunkResult {
  return {
    scan: d.scan,
    outcomes: d.outcomes.map((o) => {
      const { tenant, raw, ...rest } = o.load;
      const load = { ...rest, ...(tenant ? { tenant: { ...tenant, locator: Locator.restore(tenant.locator) } } : {}), ...(raw ? { raw: { ...raw, locator: Locator.restore(raw.locator) } } : {}) };
      return { ...o, load };
    }),
  };
}

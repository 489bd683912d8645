// The incremental compile cache: per tenant, the validated tenant and its rendered files' hashes, in packs
// under .cache/tenants/ by a key over everything they depend on — the compiler version, the platform file and the
// modules it imports, the tenant's path and text and the presets it imports. Per-tenant rule results are
// kept too; fleet-wide checks never are. A pack that fails its checksum or shape is ignored, never trusted.
import fs from "node:fs";
import path from "node:path";
import type { Diagnostic } from "../diagnostics";
import { PLATFORM_FILE, type Source } from "../load";
import type { OutputFile } from "../render/files";
import type { Platform } from "../schema/platform";
import type { Tenant } from "../schema/tenant";
import { Locator, type LocatorSnapshot } from "../source/locator";
import { compilerVersion } from "./compiler-version";
import { DependencyHasher, sha256 } from "./dependencies";
import { hashOf } from "../output/manifest";
import { readChecksummed, writeChecksummed } from "./checksummed";
import { cacheDir, FORMAT, packNames, readPack, writePack, type Entry } from "./pack";

export { cacheDir };


/** Packs beyond this many are merged on the next write. */
const MAX_PACKS = 8;

// `secrets`: strings of a failed load found to hold secrets (never cached: only valid loads are)
export type TenantLoad = { tenant?: Source<Tenant>; diagnostics: Diagnostic[]; secrets?: string[] };
export type PlatformLoad = { platform?: Source<Platform>; diagnostics: Diagnostic[]; secrets?: string[] };

/** The validated platform and its rule results, under the same key as the tenants' entries' platform part. */
interface PlatformEntry {
  key: string;
  platform: { value: Platform; file: string; locator: LocatorSnapshot };
  diagnostics: Diagnostic[];
  checks: Diagnostic[];
}

export interface CacheOptions {
  /** Defaults to the hash of the running compiler's sources. */
  version?: string;
  /** A read-only cache (for `check`) never writes entries. */
  readOnly?: boolean;
  /** The folder whose .cache/ is read, when not the fleet's own (`diff` builds the base from the user's cache). */
  cacheRoot?: string;
  /** Input files already read in this run (absolute path → bytes): used instead of reading them again. */
  inputs?: ReadonlyMap<string, Buffer>;
}

export class TenantCache {
  readonly stats = { hits: 0, misses: 0 };
  private readonly deps: DependencyHasher;
  /** Whether this run may write the cache (compile; check only reads it). */
  get writable(): boolean {
    return !this.options.readOnly;
  }
  private readonly dir: string;
  private platformKey?: string;
  private readonly keys = new Map<string, string>();
  private readonly hits = new Map<string, Entry>();
  private readonly pending = new Map<string, Omit<Entry, "files" | "checks" | "index"> & Partial<Pick<Entry, "files" | "checks" | "index">>>();
  /** Every entry of every readable pack, by key; and each pack's entry keys (none: damaged or empty). */
  private readonly stored = new Map<string, Entry>();
  private loadedPacks?: Map<string, string[]>;

  constructor(
    private readonly root: string,
    private readonly options: CacheOptions = {},
  ) {
    this.deps = new DependencyHasher(root, undefined, options.inputs);
    this.dir = cacheDir(options.cacheRoot ?? root);
  }

  private key(): string {
    return (this.platformKey ??= sha256(FORMAT, this.options.version ?? compilerVersion(), this.deps.digest(path.join(this.root, PLATFORM_FILE))));
  }

  private platformHit?: PlatformEntry;
  /** Whether this run's platform came from the cache. */
  get platformFromCache(): boolean {
    return this.platformHit !== undefined;
  }
  private platformFresh?: PlatformEntry;
  private platformFile = () => path.join(this.options.cacheRoot ?? this.root, ".cache", "platform.json");

  /** Loads platform/platform.ts through the cache (only a platform without errors is cached). */
  loadPlatform(load: () => PlatformLoad): PlatformLoad {
    const key = this.key();
    const stored = readPlatformEntry(this.platformFile());
    if (stored?.key === key) {
      this.platformHit = stored;
      const p = stored.platform;
      return { platform: { value: p.value, file: p.file, locator: Locator.restore(p.locator) }, diagnostics: stored.diagnostics };
    }
    const result = load();
    if (result.platform) {
      const { value, file, locator } = result.platform;
      this.platformFresh = { key, platform: { value, file, locator: locator.snapshot() }, diagnostics: result.diagnostics, checks: [] };
    }
    return result;
  }

  /** The platform's rule results; `check` runs unless the platform came from the cache. */
  checkPlatform(check: () => Diagnostic[]): Diagnostic[] {
    if (this.platformHit) return this.platformHit.checks;
    const checks = check();
    if (this.platformFresh) this.platformFresh.checks = checks;
    return checks;
  }

  /** Loads one tenant file (or `given` text for it) through the cache; `load` reads and validates it on a miss. */
  loadTenant(file: string, load: (text: string | undefined) => TenantLoad, given?: string): TenantLoad {
    const { key, text } = this.lookup(file, given);
    const entry = this.read(key);
    if (entry) {
      this.stats.hits++;
      this.hits.set(file, entry);
      const t = entry.tenant;
      return { tenant: { value: t.value, file: t.file, locator: Locator.restore(t.locator) }, diagnostics: entry.diagnostics };
    }
    this.stats.misses++;
    const result = load(text);
    if (result.tenant) {
      const { value, file: f, locator } = result.tenant;
      this.pending.set(file, { key, tenant: { value, file: f, locator: locator.snapshot() }, diagnostics: result.diagnostics });
    }
    return result;
  }

  /** A tenant file's key and the text it was computed from (the disk's, or `given`), once per run. */
  private lookup(file: string, given?: string): { key: string; text?: string } {
    const known = this.looked.get(file);
    if (known) return known;
    const abs = path.join(this.root, file);
    const text = given ?? this.deps.text(abs) ?? undefined;
    const found = { key: sha256(this.key(), this.deps.digest(abs, text ?? null)), text };
    this.keys.set(file, found.key);
    this.looked.set(file, found);
    return found;
  }
  private readonly looked = new Map<string, { key: string; text?: string }>();

  /** A fleet file's text as this cache read it (and keys its entries by); undefined when it cannot be read. */
  text(file: string): string | undefined {
    return this.deps.text(path.join(this.root, file)) ?? undefined;
  }

  /** Whether the cache holds no tenant at all (a first compile, or one after .cache/ was cleared). */
  isEmpty(): boolean {
    return this.packs().size === 0;
  }

  /** Whether loading this file would miss the cache, and the text its key covers (what a miss must read). */
  peek(file: string, given?: string): { miss: boolean; text?: string } {
    const { key, text } = this.lookup(file, given);
    return { miss: this.read(key) === undefined, text };
  }

  /** The per-tenant rule results of a tenant loaded through this cache; `check` runs on a miss. */
  checkTenant(file: string, check: () => Diagnostic[]): Diagnostic[] {
    const hit = this.hits.get(file);
    if (hit) return hit.checks;
    const checks = check();
    const pending = this.pending.get(file);
    if (pending) pending.checks = checks;
    return checks;
  }

  /**
   * The rendered files of a tenant loaded through this cache; `render` runs on a miss. On a hit the files
   * carry their hash and render their content only when it is read (a file generated/ lacks or holds
   * differently): most runs read none. `again` renders them then (without the checks a first render runs).
   */
  renderTenant(file: string, render: () => OutputFile[], again: () => OutputFile[] = render): OutputFile[] {
    const hit = this.hits.get(file);
    if (hit) return lazyFiles(hit.files, again);
    const files = render();
    const pending = this.pending.get(file);
    if (pending) pending.files = files.map((f) => ({ path: f.path, hash: f.hash ?? hashOf(f.content) }));
    return files;
  }

  /** The tenant's fleet index entry text; `compute` runs on a miss. */
  indexEntry(file: string, compute: () => string): string {
    const hit = this.hits.get(file);
    if (hit) return hit.index;
    const text = compute();
    const pending = this.pending.get(file);
    if (pending) pending.index = text;
    return text;
  }

  /**
   * Writes this run's new entries as one pack (one file write, however many tenants changed); when packs
   * pile up, or hold many entries no tenant uses, rewrites the live entries as one pack and drops the rest.
   */
  persist(): void {
    if (this.options.readOnly) return;
    try {
      this.writePacks();
    } catch {
      // a cache we cannot write (a full disk, a read-only .cache/) only costs speed; the output is checked on its own
    }
  }

  private writePacks(): void {
    // a platform with errors never gets here (the build stops), so a fresh entry is always a valid one
    if (this.platformFresh) writeChecksummed(this.platformFile(), this.platformFresh);
    const fresh = [...this.pending.values()].filter((e): e is Entry => e.files !== undefined && e.checks !== undefined && e.index !== undefined);
    const packs = this.packs();
    const live = new Set(this.keys.values());
    // a pack no tenant uses any more (all of a former compiler version, say) goes without a rewrite
    for (const [name, keys] of packs) {
      if (keys.length > 0 && !keys.some((k) => live.has(k))) {
        fs.rmSync(path.join(this.dir, name), { force: true });
        packs.delete(name);
      }
    }
    const stored = [...packs.values()].reduce((n, keys) => n + keys.length, 0);
    // merge when packs pile up, when most entries are dead, or when a pack is damaged (it reads as empty)
    const compact = packs.size + 1 > MAX_PACKS || stored > 2 * live.size + 100 || [...packs.values()].some((keys) => keys.length === 0);
    if (fresh.length === 0 && !compact) return;
    fs.mkdirSync(this.dir, { recursive: true });
    const entries = compact ? [...this.hits.values(), ...fresh].filter((e) => live.has(e.key)) : fresh;
    const written = writePack(this.dir, entries);
    if (compact) for (const name of packs.keys()) if (name !== written) fs.rmSync(path.join(this.dir, name), { force: true });
  }

  /** Reads every pack once: pack name → its entries' keys. A pack that fails its checksum or shape reads as empty. */
  private packs(): Map<string, string[]> {
    if (this.loadedPacks) return this.loadedPacks;
    this.loadedPacks = new Map();
    for (const name of packNames(this.dir)) {
      const entries = readPack(path.join(this.dir, name));
      this.loadedPacks.set(name, entries.map((e) => e.key));
      for (const e of entries) this.stored.set(e.key, e);
    }
    return this.loadedPacks;
  }

  private read(key: string): Entry | undefined {
    this.packs();
    return this.stored.get(key);
  }
}

/** Output files whose `content` is rendered on first read, all of the tenant's at once. */
function lazyFiles(files: Entry["files"], render: () => OutputFile[]): OutputFile[] {
  let rendered: Map<string, string> | undefined;
  const contentOf = (p: string): string => {
    rendered ??= new Map(render().map((f) => [f.path, f.content]));
    const content = rendered.get(p);
    if (content === undefined || hashOf(content) !== files.find((f) => f.path === p)!.hash) {
      throw new Error(`internal error: rendering generated/${p} again gave other content than the cache recorded (a renderer is not deterministic)`);
    }
    return content;
  };
  return files.map(({ path: p, hash }) => Object.defineProperty({ path: p, hash } as OutputFile, "content", { enumerable: true, get: () => contentOf(p) }));
}

function readPlatformEntry(file: string): PlatformEntry | undefined {
  const e = readChecksummed(file) as PlatformEntry | undefined;
  const ok = typeof e?.key === "string" && typeof e.platform?.value === "object" && typeof e.platform.locator?.data === "string" && Array.isArray(e.diagnostics) && Array.isArray(e.checks);
  return ok ? e : undefined;
}

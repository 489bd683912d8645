// Reads platform/platform.ts and tenants/*.ts statically and validates each against its schema.
import fs from "node:fs";
import path from "node:path";
import type { TenantCache } from "./cache/tenant-cache";
import { error, type Diagnostic } from "./diagnostics";
import { scanSources, type ReadSource } from "./scan/source-values";
import { PlatformSchema, type Platform } from "./schema/platform";
import { TenantSchema, type Tenant } from "./schema/tenant";
import type { Locator } from "./source/locator";
import { StaticReader } from "./source/static-reader";
import { validate } from "./validate/schema-issues";

export const PLATFORM_FILE = "platform/platform.ts";
export const TENANT_GLOB = "tenants/*.ts";

export interface Source<T> {
  value: T;
  file: string;
  locator: Locator;
}

export interface Loaded {
  platform?: Source<Platform>;
  tenants: Source<Tenant>[];
  /** Tenant files that failed their schema, as read, so catalog rules can still report on them. */
  rejected: { value: Record<string, unknown>; locator: Locator }[];
  diagnostics: Diagnostic[];
  /** The strings found to hold secrets, only to mask them in any other message that quotes them. */
  secrets: string[];
}

/** Lists tenant files, sorted by plain code-unit order (never locale-dependent). */
export function listTenantFiles(root: string): string[] {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(root, "tenants"), { withFileTypes: true });
  } catch {
    return [];
  }
  // TENANT_GLOB, without a glob engine: plain .ts files, no dotfiles, no declaration files
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".ts") && !e.name.endsWith(".d.ts") && !e.name.startsWith("."))
    .map((e) => `tenants/${e.name}`)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function createReader(root: string): StaticReader {
  return new StaticReader({ root, apiModule: path.join(root, "compiler", "api"), presetDir: path.join(root, "platform") });
}

/** `text`: the file's text as the compile cache read it and keyed its entry by (none: read it here). */
export function loadPlatform(root: string, reader = createReader(root), text?: string): { platform?: Source<Platform>; diagnostics: Diagnostic[]; secrets?: string[] } {
  const abs = path.join(root, PLATFORM_FILE);
  if (text === undefined && !fs.existsSync(abs)) {
    return { diagnostics: [error("no-platform", { file: PLATFORM_FILE, line: 1, col: 1 }, "platform file not found", { hint: "create platform/platform.ts with `export default definePlatform({ ... })`" })] };
  }
  const source = text ?? fs.readFileSync(abs, "utf8");
  const read = reader.read(abs, "definePlatform", source);
  const checked = validate(PlatformSchema, read.value, read.locator, read.unreadable);
  const scanned = scanSources([{ ...read, file: PLATFORM_FILE, text: source }]);
  const diagnostics = [...read.diagnostics, ...checked.diagnostics, ...scanned.diagnostics];
  if (scanned.secrets.length > 0) return { diagnostics, secrets: scanned.secrets };
  if (read.diagnostics.some((d) => d.severity === "error") || !checked.data) return { diagnostics };
  return { platform: { value: checked.data, file: PLATFORM_FILE, locator: read.locator }, diagnostics };
}

/**
 * Reads one tenant file (`text` overrides the disk, for codemods checking their result) and scans its values
 * for secrets; or hands them to `deferScan`, for one scan of every file read (load does: the scan's cost is
 * mostly per call). A deferred finding still fails the build, so the tenant is never cached.
 */
export function loadTenant(
  root: string,
  file: string,
  reader: StaticReader,
  text?: string,
  deferScan?: (read: ReadSource) => void,
): { tenant?: Source<Tenant>; raw?: { value: Record<string, unknown>; locator: Locator }; diagnostics: Diagnostic[]; secrets?: string[] } {
  // read once here: the reader parses it and the secret scan reads its comments
  const source = text ?? readText(path.join(root, file));
  const read = reader.read(path.join(root, file), "defineTenant", source);
  const checked = validate(TenantSchema, read.value, read.locator, read.unreadable);
  // every value as read, valid or not (a secret in a misspelt field is in git too), and the comments
  const scan: ReadSource = { value: read.value, locator: read.locator, file, text: source };
  if (deferScan) deferScan(scan);
  const scanned = deferScan ? { diagnostics: [], secrets: [] } : scanSources([scan]);
  const diagnostics = [...read.diagnostics, ...checked.diagnostics, ...scanned.diagnostics];
  const secrets = scanned.secrets.length > 0 ? { secrets: scanned.secrets } : {};
  const expectedId = path.basename(file, ".ts");
  const id = (read.value as { id?: unknown } | undefined)?.id;
  if (typeof id === "string" && id !== expectedId) {
    diagnostics.push(
      error("id-mismatch", read.locator.value(["id"]), `id "${id}" does not match the file name ${file}`, {
        path: "id",
        hint: `rename the file to tenants/${id}.ts or set id: "${expectedId}" (ids are forever: renaming an existing tenant is refused)`,
      }),
    );
  }
  if (diagnostics.some((d) => d.severity === "error") || !checked.data) {
    const raw = read.value !== null && typeof read.value === "object" ? (read.value as Record<string, unknown>) : undefined;
    return { diagnostics, ...secrets, ...(raw ? { raw: { value: raw, locator: read.locator } } : {}) };
  }
  return { tenant: { value: checked.data, file, locator: read.locator }, diagnostics };
}

export type TenantLoad = ReturnType<typeof loadTenant>;

/** Tenant files loaded ahead of the loop below (the compile loads and renders them in parallel), by file. */
export interface PreparedLoads {
  loads: ReadonlyMap<string, TenantLoad>;
  /** The secret scan of those files' sources. */
  scan: { diagnostics: Diagnostic[]; secrets: string[] };
}

export interface LoadOptions {
  /** Unchanged tenant files come from it (only valid tenants are cached). */
  cache?: TenantCache;
  /** Tenant file → text to use instead of the disk (codemods check their result before writing it). */
  texts?: ReadonlyMap<string, string>;
  /** Loads, ahead, the files the cache does not hold (with the text to read), once the platform is valid. */
  prepare?: (platform: Source<Platform>, items: { file: string; text?: string }[], reader: StaticReader) => PreparedLoads | undefined;
}

/** Reads the platform and every tenant file (plus any tenant files only in `texts`). */
export function load(root: string, { cache, texts, prepare }: LoadOptions = {}): Loaded {
  const reader = createReader(root);
  const loadedPlatform = cache ? cache.loadPlatform(() => loadPlatform(root, reader, cache.text(PLATFORM_FILE))) : loadPlatform(root, reader);
  const { platform, diagnostics } = loadedPlatform;
  const secrets = [...(loadedPlatform.secrets ?? [])];
  const tenants: Source<Tenant>[] = [];
  const rejected: Loaded["rejected"] = [];
  const files = [...new Set([...listTenantFiles(root), ...(texts?.keys() ?? [])])].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  // the files read in this run (cached tenants were scanned when they were cached), scanned at once below
  const toScan: ReadSource[] = [];
  const defer = (read: ReadSource) => void toScan.push(read);
  const prepared = platform && prepare ? prepare(platform, toPrepare(files, texts, cache), reader) : undefined;
  if (prepared) diagnostics.push(...prepared.scan.diagnostics);
  if (prepared) secrets.push(...prepared.scan.secrets);
  for (const file of files) {
    const given = texts?.get(file);
    const compute = (text: string | undefined) => prepared?.loads.get(file) ?? loadTenant(root, file, reader, text, defer);
    const result: TenantLoad = cache ? cache.loadTenant(file, compute, given) : compute(given);
    diagnostics.push(...result.diagnostics);
    secrets.push(...(result.secrets ?? []));
    if (result.tenant) tenants.push(result.tenant);
    else if (result.raw) rejected.push(result.raw);
  }
  const scanned = scanSources(toScan);
  diagnostics.push(...scanned.diagnostics);
  secrets.push(...scanned.secrets);
  return { platform, tenants, rejected, diagnostics: dedupe(diagnostics), secrets };
}

/** The files a load must read (those the cache misses), each with the text to read. */
function toPrepare(files: readonly string[], texts: LoadOptions["texts"], cache: TenantCache | undefined): { file: string; text?: string }[] {
  return files.flatMap((file) => {
    const given = texts?.get(file);
    if (!cache) return [given === undefined ? { file } : { file, text: given }];
    const { miss, text } = cache.peek(file, given);
    return miss ? [text === undefined ? { file } : { file, text }] : [];
  });
}

/** A file's text, or none when it cannot be read (the reader then reads it itself and reports why). */
function readText(abs: string): string | undefined {
  try {
    return fs.readFileSync(abs, "utf8");
  } catch {
    return undefined;
  }
}

/** Preset files read by many tenants report their own problems once. */
function dedupe(list: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return list.filter((d) => {
    const key = `${d.file}:${d.line}:${d.col}:${d.code}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

// Checks of one tenant against the platform's catalogs. They also run on tenants that failed their schema
// (reading only the fields that have the right type), so one run reports every problem of a file.
import { error, formatPath, warning, type Diagnostic } from "../diagnostics";
import type { Locator } from "../source/locator";
import { fromCatalog, inCatalog } from "../model/catalog";
import { placeHost } from "../model/host-ownership";
import { clusterOf, domainsOf } from "../model/resolve";
import { parseCpu, parseMemory } from "../model/quantity";
import type { Platform } from "../schema/platform";
import { Cpu, Host, Memory } from "../schema/common";
import { WORKLOADS } from "../schema/size";
import { z } from "zod";
import { TutorJson } from "../schema/tutor-text";
import { checkTutorKey } from "../tutor/keys";
import { validate } from "../validate/schema-issues";
import { didYouMean } from "../validate/suggest";
import { demoCourseReachable, themeKnown } from "./site-rules";
import { sharedServicesAvailable, storageBucketValid } from "./tenant-data-rules";
import { memoByOwner } from "../memo";

/** The tenant as read: validated, or raw when its schema failed. Rules narrow each field they read. */
export interface TenantUnderCheck {
  value: Record<string, unknown>;
  locator: Locator;
}
type Rule = (t: TenantUnderCheck, platform: Platform) => Diagnostic[];

const str = (v: unknown): string | undefined => (typeof v === "string" ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined => (v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined);
/** The string entries of a list, with their indexes (a plain loop: no array per entry as with flatMap). */
function strings(v: unknown): [string, number][] {
  const out: [string, number][] = [];
  if (Array.isArray(v)) for (let i = 0; i < v.length; i++) if (typeof v[i] === "string") out.push([v[i] as string, i]);
  return out;
}

function notInCatalog(code: string, locator: Locator, path: (string | number)[], what: string, name: string, known: string[]): Diagnostic {
  return error(code, locator.value(path), `${what} "${name}" is not in the platform's catalog`, { path: formatPath(path), hint: didYouMean(name, known) ?? `known: ${known.join(", ")}` });
}

const clusterExists: Rule = ({ value, locator }, platform) => {
  const cluster = str(value.cluster);
  if (cluster === undefined || inCatalog(platform.clusters, cluster)) return [];
  return [notInCatalog("unknown-cluster", locator, ["cluster"], "cluster", cluster, Object.keys(platform.clusters))];
};

const releaseExists: Rule = ({ value, locator }, platform) => {
  const release = str(value.release);
  if (release === undefined || inCatalog(platform.releases, release)) return [];
  return [notInCatalog("unknown-release", locator, ["release"], "release", release, Object.keys(platform.releases))];
};

const pluginsExist: Rule = ({ value, locator }, platform) =>
  strings(value.plugins).flatMap(([p, i]) => (inCatalog(platform.plugins, p) ? [] : [notInCatalog("unknown-plugin", locator, ["plugins", i], "plugin", p, Object.keys(platform.plugins))]));

const duplicatePlugins: Rule = ({ value, locator }) => {
  const list = strings(value.plugins);
  // the usual case, no plugin listed twice, told by one set
  if (new Set(list.map(([p]) => p)).size === list.length) return [];
  return list.flatMap(([p, i]) =>
    list.findIndex(([q]) => q === p) < list.findIndex(([, j]) => j === i) ? [warning("duplicate-plugin", locator.value(["plugins", i]), `plugin "${p}" is listed twice`, { path: `plugins[${i}]`, hint: "remove one" })] : [],
  );
};

const sizeExists: Rule = ({ value, locator }, platform) => {
  const path = typeof value.size === "string" ? ["size"] : ["size", "preset"];
  const preset = str(value.size) ?? str(obj(value.size)?.preset);
  if (preset === undefined || inCatalog(platform.sizes, preset)) return [];
  return [notInCatalog("unknown-size", locator, path, "size preset", preset, Object.keys(platform.sizes))];
};

/** Overrides may break a preset's own consistency: requests above limits, min above max. */
const sizeConsistent: Rule = ({ value, locator }, platform) => {
  const size = obj(value.size);
  const preset = fromCatalog(platform.sizes, str(size?.preset) ?? "");
  if (!size || !preset) return [];
  const out: Diagnostic[] = [];
  for (const w of WORKLOADS) {
    const o = obj(size[w]);
    if (!o) continue;
    const req = { ...preset[w].requests, ...obj(o.requests) } as Record<string, unknown>;
    const lim = { ...preset[w].limits, ...obj(o.limits) } as Record<string, unknown>;
    const rep = { ...preset[w].replicas, ...obj(o.replicas) } as Record<string, unknown>;
    const at = locator.value(["size", w]);
    const path = `size.${w}`;
    // only quantities the schema accepts (bounded): the schema reports the others
    const mem = (v: unknown) => (Memory.safeParse(v).success ? (v as string) : undefined);
    const cpu = (v: unknown) => (Cpu.safeParse(v).success ? (v as string) : undefined);
    const [rm, lm, rc, lc] = [mem(req.memory), mem(lim.memory), cpu(req.cpu), cpu(lim.cpu)];
    if (rm && lm && parseMemory(rm) > parseMemory(lm)) out.push(error("size-inconsistent", at, `memory request ${rm} exceeds the limit ${lm}`, { path, hint: "raise limits.memory or lower requests.memory" }));
    if (rc && lc && parseCpu(rc) > parseCpu(lc)) out.push(error("size-inconsistent", at, `CPU request ${rc} exceeds the limit ${lc}`, { path, hint: "raise limits.cpu or lower requests.cpu" }));
    if (typeof rep.min === "number" && typeof rep.max === "number" && rep.min > rep.max) out.push(error("size-inconsistent", at, `replicas.min ${rep.min} exceeds replicas.max ${rep.max}`, { path, hint: "make min ≤ max" }));
  }
  return out;
};

// one wrapper schema per setting and value type, built on first use: a fleet's tenants share a handful
const wrappers = memoByOwner<z.ZodType, z.ZodType>();
const tutorSchema = (key: string, schema: z.ZodType) => wrappers(schema, key, () => z.object({ tutor: z.object({ [key]: schema }) }));

// scalars each wrapper schema accepted (bounded): they pass the same way whichever tenant sets them
const passed = new WeakMap<z.ZodType, Set<unknown>>();

const tutorKeys: Rule = ({ value, locator }) => {
  const plugins = strings(value.plugins).map(([p]) => p);
  return Object.entries(obj(value.tutor) ?? {}).flatMap(([key, v]) => {
    const path = ["tutor", key];
    const shown = formatPath(path);
    if (!/^[A-Z][A-Z0-9_]*$/.test(key)) {
      return [error("tutor-key", locator.key(path), `"${key}" is not a Tutor setting name (UPPER_SNAKE_CASE)`, { path: shown })];
    }
    const verdict = checkTutorKey(key, plugins);
    if (!verdict.ok) {
      const hint = didYouMean(key, verdict.suggestions) ?? (verdict.code === "tutor-secret" ? "remove it: the compiler wires secrets from the cluster" : "remove it");
      return [error(verdict.code, locator.key(path), `${key} ${verdict.reason}`, { path: shown, hint })];
    }
    // a scalar a setting already took passes again: tenants of a fleet repeat the same few settings
    const schema = tutorSchema(key, verdict.schema);
    const scalar = v === null || typeof v !== "object";
    if (scalar && passed.get(schema)?.has(v)) return [];
    // text Tutor would misread is reported once, by the schema (TutorJson)
    if (!TutorJson.safeParse(v).success) return [];
    const { diagnostics } = validate(schema, { tutor: { [key]: v } }, locator);
    if (scalar && diagnostics.length === 0) {
      let values = passed.get(schema);
      if (!values) passed.set(schema, (values = new Set()));
      if (values.size < 1000) values.add(v);
    }
    return diagnostics.map((d) => (d.code === "schema" ? { ...d, code: "tutor-type" } : d));
  });
};

/** Each host is one the tenant may own: not a public suffix or the platform's apex, in its customer's domain or an allowed one. */
const hostsPlaced: Rule = ({ value, locator }, platform) => {
  const cluster = str(value.cluster);
  const domains = domainsOf(platform, clusterOf(platform, { cluster: cluster && inCatalog(platform.clusters, cluster) ? cluster : undefined }));
  const hosts = obj(value.hosts);
  if (!hosts) return [];
  const entries: [string, (string | number)[]][] = [];
  for (const k of ["lms", "cms", "mfe"]) if (str(hosts[k])) entries.push([str(hosts[k])!, ["hosts", k]]);
  for (const [h, i] of strings(hosts.extra)) entries.push([h, ["hosts", "extra", i]]);
  return entries
    .filter(([h]) => Host.safeParse(h).success) // malformed hosts are reported by the schema
    .flatMap(([h, path]) => {
      const placed = placeHost(platform, str(value.id), h, domains);
      return placed.ok ? [] : [error(placed.code, locator.value(path), placed.message, { path: formatPath(path), hint: placed.hint })];
    });
};

export const TENANT_RULES: readonly Rule[] = [clusterExists, releaseExists, pluginsExist, duplicatePlugins, sizeExists, sizeConsistent, tutorKeys, hostsPlaced, sharedServicesAvailable, storageBucketValid, themeKnown, demoCourseReachable];

export function checkTenant(t: TenantUnderCheck, platform: Platform): Diagnostic[] {
  // a loop, not flatMap: most rules find nothing, and a thousand tenants ask
  const out: Diagnostic[] = [];
  for (const rule of TENANT_RULES) {
    const found = rule(t, platform);
    for (const d of found) out.push(d);
  }
  return out;
}

// Risk flags: the changes a reviewer must not miss, each a small named rule over the two snapshots.
import { parseCpu, parseMemory } from "../model/quantity";
import { RESOURCES_FINALIZER, SYNC_OPTIONS } from "../render/argocd";
import { secretPlaceholder } from "../tutor/pinned";
import type { FileChange } from "./compare";
import { changedLeaves, listChange, show } from "./leaves";
import { printable } from "./mask";
import { tenantOfFile } from "./semantic";
import { objectLabel, type Located, type Snapshot } from "./snapshot";

export interface Flag {
  rule: string;
  /** The tenant, object or file concerned. */
  subject: string;
  message: string;
  /** The generated file concerned, when there is one. */
  file?: string;
}

export interface FlagContext {
  base: Snapshot;
  head: Snapshot;
  changes: readonly FileChange[];
}

type Rule = (ctx: FlagContext) => Flag[];

const PLACEHOLDER = secretPlaceholder("");

/** Kinds whose deletion loses data or credentials that cannot be recreated as they were. */
const DATA_KINDS = new Set(["PersistentVolumeClaim", "PersistentVolume", "Secret", "ExternalSecret", "SealedSecret", "MariaDB", "Database", "User", "Grant", "PerconaServerMongoDB", "MongoDBCommunity", "Backup", "Schedule"]);
/** Charts whose removal by a cascading Application deletes data: stores, and operators (their CRDs take every instance along). */
const DATA_CHART = /mysql|mariadb|mongo|psmdb|percona|redis|valkey|meilisearch|elasticsearch|opensearch|postgres|minio|prometheus|loki|operator/i;

export function isDataBearing(o: Located["object"]): boolean {
  if (String(o.metadata?.annotations?.[SYNC_OPTIONS] ?? "").includes("Delete=false")) return true;
  if (DATA_KINDS.has(o.kind)) return true;
  const spec = (o.spec ?? {}) as { volumeClaimTemplates?: unknown[]; source?: { chart?: string }; sources?: { chart?: string }[] };
  if (o.kind === "StatefulSet") return (spec.volumeClaimTemplates?.length ?? 0) > 0;
  // only an Application with Argo CD's resources finalizer deletes what it deployed when it goes
  if (o.kind === "Application") return (o.metadata as { finalizers?: string[] } | undefined)?.finalizers?.includes(RESOURCES_FINALIZER) === true && [spec.source, ...(spec.sources ?? [])].some((s) => !!s?.chart && DATA_CHART.test(s.chart));
  return false;
}

/** Objects present in both versions, by key. */
function both(ctx: FlagContext, kinds?: readonly string[]): [Located, Located][] {
  return [...ctx.base.objects].flatMap(([key, b]) => {
    const h = ctx.head.objects.get(key);
    return h && (!kinds || kinds.includes(b.object.kind)) ? [[b, h] as [Located, Located]] : [];
  });
}
const removed = (ctx: FlagContext) => [...ctx.base.objects].filter(([key]) => !ctx.head.objects.has(key)).map(([, o]) => o);
const sameTenants = (ctx: FlagContext) => [...ctx.base.tenants.values()].flatMap((b) => (ctx.head.tenants.has(b.id) ? [[b, ctx.head.tenants.get(b.id)!] as const] : []));
const dataPairs = (ctx: FlagContext) => [...ctx.base.data].flatMap(([p, b]) => (ctx.head.data.has(p) ? [[p, b, ctx.head.data.get(p)] as const] : []));

interface FieldScope {
  /** Only objects of these kinds (data files are skipped then). */
  kinds?: readonly string[];
  /** Objects of these kinds are skipped. */
  skipKinds?: readonly string[];
  keep?: (c: { path: string; before: unknown; after: unknown }) => boolean;
}

/**
 * Leaf changes matching `pattern` in the objects and data files present in both versions: one flag per
 * object, its paths grouped by change (`a → b at /x, /y`), so one host change in an Ingress is one flag.
 */
function fieldChanges(ctx: FlagContext, rule: string, pattern: RegExp, scope: FieldScope = {}): Flag[] {
  const flags: Flag[] = [];
  const add = (subject: string, file: string, before: unknown, after: unknown) => {
    const byChange = new Map<string, string[]>();
    for (const c of changedLeaves(before, after, pattern).filter(scope.keep ?? (() => true))) {
      const key = c.path.split("/").pop() ?? "";
      const change = `${show(printable(key, c.before))} → ${show(printable(key, c.after))}`;
      byChange.set(change, [...(byChange.get(change) ?? []), c.path]);
    }
    if (byChange.size === 0) return;
    const message = [...byChange].map(([change, paths]) => `${paths.join(", ")}: ${change}`).join("; ");
    flags.push({ rule, subject, file, message });
  };
  for (const [b, h] of both(ctx, scope.kinds)) if (!scope.skipKinds?.includes(h.object.kind)) add(`${objectLabel(h.object)} (${h.file})`, h.file, b.object, h.object);
  if (!scope.kinds) for (const [p, b, h] of dataPairs(ctx)) add(p, p, b, h);
  return flags;
}

/**
 * A path that refers to a secret: a field of a Kubernetes object or Helm value named after one
 * (`secretName`, `existingSecret`, `secretKeyRef/key`). Tutor settings (UPPER_CASE keys) are not names
 * of secrets: `FLEET_SECRETS_EXTRA_HOSTS` lists hosts; their secret values are masked and flagged apart.
 */
const namesSecret = (path: string) => path.split("/").some((seg) => /secret/i.test(seg) && seg !== seg.toUpperCase());

const quantity = (path: string, v: unknown) => (typeof v === "number" ? v : typeof v === "string" ? (/cpu$/.test(path) ? parseCpu(v) : parseMemory(v)) : NaN);
const sameList = (a: unknown, b: unknown) => JSON.stringify([...((a as unknown[]) ?? [])].sort()) === JSON.stringify([...((b as unknown[]) ?? [])].sort());

export const RULES: Record<string, Rule> = {
  "tenant-removed": (ctx) =>
    [...ctx.base.tenants.keys()].filter((id) => !ctx.head.tenants.has(id)).map((id) => ({ rule: "tenant-removed", subject: id, message: "tenant removed from the fleet: its Applications and files leave generated/" })),
  "namespace-removed": (ctx) =>
    removed(ctx).filter((o) => o.object.kind === "Namespace").map((o) => ({ rule: "namespace-removed", subject: objectLabel(o.object), message: `namespace no longer generated (was in ${o.file})`, file: o.file })),
  "data-deleted": (ctx) =>
    removed(ctx)
      .filter((o) => o.object.kind !== "Namespace" && isDataBearing(o.object))
      .map((o) => ({ rule: "data-deleted", subject: objectLabel(o.object), message: `data-bearing object deleted (was in ${o.file})`, file: o.file })),
  "release-or-image-changed": (ctx) => [
    ...sameTenants(ctx).flatMap(([b, h]) => [
      ...(b.release !== h.release ? [{ rule: "release-or-image-changed", subject: h.id, message: `release ${show(b.release)} → ${show(h.release)}` }] : []),
      ...(b.image !== h.image ? [{ rule: "release-or-image-changed", subject: h.id, message: `image ${show(b.image)} → ${show(h.image)}` }] : []),
    ]),
    ...fieldChanges(ctx, "release-or-image-changed", /(\/sources?(\/\d+)?\/targetRevision|\/image(\/(tag|repository|registry|digest))?|\/DOCKER_IMAGE_\w+|\/\w+_DOCKER_IMAGE)$/, { keep: (c) => !c.path.endsWith("/DOCKER_IMAGE_OPENEDX") }),
  ],
  "host-changed": (ctx) => [
    ...sameTenants(ctx)
      .filter(([b, h]) => !sameList(b.hosts, h.hosts))
      .map(([b, h]) => ({ rule: "host-changed", subject: h.id, message: `hosts ${listChange(b.hosts, h.hosts)}` })),
    ...fieldChanges(ctx, "host-changed", /\/(host|hosts\/\d+|hostnames\/\d+)$/),
  ],
  "resources-cut": (ctx) => [
    // archiving frees a tenant's resources on purpose: the summary says so
    ...sameTenants(ctx).filter(([, h]) => h.state !== "archived").flatMap(([b, h]) =>
      (["requests", "maxRequests"] as const).flatMap((k) =>
        (["cpu", "memory"] as const)
          .filter((r) => quantity(r, h[k]?.[r]) < quantity(r, b[k]?.[r]))
          .map((r) => ({ rule: "resources-cut", subject: h.id, message: `${k === "requests" ? "total requests" : "requests at most replicas"} ${r} ${b[k]?.[r]} → ${h[k]?.[r]}` })),
      ),
    ),
    ...fieldChanges(ctx, "resources-cut", /\/(requests|limits)\/(cpu|memory)$|\/(replicas|minReplicas|maxReplicas)$|^\/spec\/hard\/[^/]+$/, { keep: (c) => quantity(c.path, c.after) < quantity(c.path, c.before) }).filter(
      (f) => ctx.head.tenants.get(tenantOfFile(f.file ?? "") ?? "")?.state !== "archived",
    ),
  ],
  "project-widened": (ctx) => [
    ...both(ctx, ["AppProject"]).flatMap(([b, h]) => {
      const spec = (o: Located) => (o.object.spec ?? {}) as Record<string, unknown[] | undefined>;
      const entries = (o: Located, k: string) => new Set((spec(o)[k] ?? []).map((e) => JSON.stringify(e)));
      const grown = ["destinations", "sourceRepos", "sourceNamespaces", "clusterResourceWhitelist", "namespaceResourceWhitelist"].flatMap((k) => [...entries(h, k)].filter((e) => !entries(b, k).has(e)).map((e) => `${k} + ${e}`));
      const shrunk = ["clusterResourceBlacklist", "namespaceResourceBlacklist"].flatMap((k) => [...entries(b, k)].filter((e) => !entries(h, k).has(e)).map((e) => `${k} − ${e}`));
      return [...grown, ...shrunk].map((message) => ({ rule: "project-widened", subject: objectLabel(h.object), message }));
    }),
    ...fieldChanges(ctx, "project-widened", /^\/spec\/(project|destination\/(server|namespace|name))$/, { kinds: ["Application"] }),
  ],
  "secret-reference-changed": (ctx) => [
    // Secret values are masked and flagged below; an ExternalSecret is a reference through and through
    ...fieldChanges(ctx, "secret-reference-changed", /secret/i, { skipKinds: ["Secret", "ExternalSecret"], keep: (c) => namesSecret(c.path) }),
    ...fieldChanges(ctx, "secret-reference-changed", /^\/spec\//, { kinds: ["ExternalSecret"] }),
    ...fieldChanges(ctx, "secret-reference-changed", /^[^]*$/, { skipKinds: ["Secret", "ExternalSecret"], keep: (c) => !namesSecret(c.path) && [c.before, c.after].some((v) => typeof v === "string" && v.startsWith(PLACEHOLDER)) }),
    ...ctx.changes.filter((c) => c.maskedChange).map((c) => ({ rule: "secret-reference-changed", subject: c.path, message: "a masked secret-bearing value changed (not shown)" })),
  ],
};

/** Every rule's flags, one per rule and subject: what a rule finds twice in one object is one line. */
export function riskFlags(ctx: FlagContext): Flag[] {
  const merged = new Map<string, Flag>();
  for (const f of Object.values(RULES).flatMap((rule) => rule(ctx))) {
    const key = `${f.rule}\0${f.subject}`;
    const seen = merged.get(key);
    merged.set(key, seen ? { ...seen, message: `${seen.message}; ${f.message}` } : f);
  }
  return [...merged.values()];
}

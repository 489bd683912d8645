// The review of a change as data: summary, risk flags, tenant lines and file diffs; Markdown and JSON
// are two renderings of it.
import { compareTrees, countOf, type ChangeCount, type FileChange } from "./compare";
import { riskFlags, type Flag } from "./flags";
import { tenantLines, tenantOfFile, type TenantLine } from "./semantic";
import { snapshotOf, type Snapshot } from "./snapshot";
import type { ClusterCapacity } from "./capacity";

export interface Summary {
  tenants: Record<"added" | "changed" | "archived" | "removed", string[]>;
  /** Platform components (or `bootstrap`) whose files changed, with their +/− lines. */
  platform: (ChangeCount & { component: string })[];
  files: number;
  added: number;
  removed: number;
}

export interface Review {
  base: { ref: string; sha: string };
  head: string;
  summary: Summary;
  flags: Flag[];
  tenants: TenantLine[];
  files: FileChange[];
  notes: string[];
  /** The working tree's compile warnings, as `compile` prints them (file:line:col). */
  warnings: string[];
  /** Each cluster after the change, as `npm run report` computes it. */
  capacity: ClusterCapacity[];
  /** A failed check of this change (e.g. `npm run check`), shown above everything else. */
  failure?: string;
}

/** `platform/<c>/…` and `apps/{platform,backups}/<cluster>/<c>.yaml` belong to component <c>; the bootstrap file to bootstrap. */
export function componentOfFile(path: string): string | undefined {
  const m = /^platform\/([^/]+)\//.exec(path) ?? /^apps\/(?:platform|backups)\/[^/]+\/([^/]+)\.yaml$/.exec(path);
  if (m) return m[1];
  return path.startsWith("argocd/") || /^apps\/tenants\/[^/]+\/README\.md$/.test(path) ? "bootstrap" : undefined;
}

export interface ReviewMeta {
  ref: string;
  sha: string;
  head: string;
  notes?: string[];
  warnings?: string[];
  /** Needs the base snapshot (its tenant index), so it is computed here. */
  capacity?: (base: Snapshot) => ClusterCapacity[];
  failure?: string;
}

export function buildReview(base: ReadonlyMap<string, string>, head: ReadonlyMap<string, string>, meta: ReviewMeta): Review {
  const changes = compareTrees(base, head);
  const changed = new Set(changes.map((c) => c.path));
  const before = snapshotOf(base, changed);
  const after = snapshotOf(head, changed);
  const tenants = tenantLines(before, after, changes);
  const byStatus = (s: TenantLine["status"]) => tenants.filter((t) => t.status === s).map((t) => t.id);
  const components = [...new Set(changes.filter((c) => !tenantOfFile(c.path)).map((c) => componentOfFile(c.path)).filter((c): c is string => !!c))].sort();
  const platform = components.map((component) => ({ component, ...countOf(changes.filter((c) => !tenantOfFile(c.path) && componentOfFile(c.path) === component)) }));
  return {
    base: { ref: meta.ref, sha: meta.sha },
    head: meta.head,
    summary: {
      tenants: { added: byStatus("added"), changed: byStatus("changed"), archived: byStatus("archived"), removed: byStatus("removed") },
      platform,
      ...countOf(changes),
    },
    flags: riskFlags({ base: before, head: after, changes }),
    tenants,
    files: changes,
    notes: meta.notes ?? [],
    warnings: meta.warnings ?? [],
    capacity: meta.capacity?.(before) ?? [],
    ...(meta.failure ? { failure: meta.failure } : {}),
  };
}

// Per tenant one line a reviewer reads first: what changed in hosts, release, image, size, plugins
// (and state, cluster, wave), before → after, from the tenant index of fleet.json.
import type { FleetIndexEntry } from "../render/fleet-index";
import { countOf, type ChangeCount, type FileChange } from "./compare";
import { listChange } from "./leaves";
import type { Snapshot } from "./snapshot";

export type TenantStatus = "added" | "removed" | "archived" | "changed";

export interface TenantLine {
  id: string;
  status: TenantStatus;
  /** `field: before → after`, or the tenant's settings when added or removed. */
  details: string[];
  /** Changed files of the tenant, with their +/− lines. */
  changes: ChangeCount;
}

const FIELDS = ["state", "cluster", "wave", "hosts", "release", "image", "size", "plugins"] as const;
type Entry = Partial<FleetIndexEntry> & { id: string };

const text = (v: unknown) => (Array.isArray(v) ? (v.length ? v.join(", ") : "(none)") : v === undefined ? "(none)" : String(v));

/** The tenant a generated file belongs to, if any. */
export function tenantOfFile(path: string): string | undefined {
  // apps/<id>.yaml (its project and Applications), apps/tenants/<cluster>/<id>.yaml (its root), tenants/<id>/
  return /^apps\/(?:tenants\/[^/]+\/)?([^/]+)\.yaml$/.exec(path)?.[1] ?? /^tenants\/([^/]+)\//.exec(path)?.[1];
}

export function tenantLines(base: Snapshot, head: Snapshot, changes: readonly FileChange[]): TenantLine[] {
  const ids = [...new Set([...base.tenants.keys(), ...head.tenants.keys(), ...changes.map((c) => tenantOfFile(c.path)).filter((x): x is string => !!x)])].sort();
  const lines: TenantLine[] = [];
  for (const id of ids) {
    const b = base.tenants.get(id);
    const h = head.tenants.get(id);
    const files = countOf(changes.filter((c) => tenantOfFile(c.path) === id));
    const settings = (e: Entry) => [`release ${text(e.release)}`, `size ${text(e.size)}`, `hosts ${text(e.hosts)}`, `plugins ${text(e.plugins)}`, `image ${text(e.image)}`];
    if (!b && h) lines.push({ id, status: "added", details: settings(h), changes: files });
    else if (b && !h) lines.push({ id, status: "removed", details: settings(b), changes: files });
    else if (b && h) {
      const details = FIELDS.filter((f) => text(b[f]) !== text(h[f])).map((f) => {
        const [x, y] = [b[f], h[f]];
        return `${f}: ${Array.isArray(x) && Array.isArray(y) ? listChange(x, y) : `${text(x)} → ${text(y)}`}`;
      });
      if (details.length === 0 && files.files === 0) continue;
      const archived = b.state !== "archived" && h.state === "archived";
      lines.push({ id, status: archived ? "archived" : "changed", details: details.length ? details : ["no change to hosts, release, image, size or plugins"], changes: files });
    }
  }
  return lines;
}

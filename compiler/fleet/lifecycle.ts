// Lifecycle guards, compared with the committed fleet index: a tenant file may go only once the index
// shows the tenant archived; ids are forever (no new id taking a removed tenant's hosts, no new tenant
// taking a removed tenant's id); removing more than one tenant in one change needs `--allow-delete <ids>`.
import path from "node:path";
import { error, warning, type Diagnostic, type Location } from "../diagnostics";
import { listTenantFiles } from "../load";
import type { ResolvedTenant } from "../model/resolve";
import { INDEX_FILE, readPreviousIndex, type IndexedTenant, type PreviousIndex, type PreviousIndexResult } from "./previous-index";
import { retiredIds } from "./retired-ids";

export interface LifecycleOptions {
  /** Ids whose removal is confirmed (`--allow-delete a,b`); needed when more than one tenant goes. */
  allowDelete: string[];
  /** Git revision whose generated/fleet.json is the reference (`--base`); HEAD when unset. */
  base?: string;
  /** Ids of removed tenants confirmed to come back as themselves (`--allow-reuse a`). */
  allowReuse: string[];
}

export const NO_LIFECYCLE_OPTIONS: LifecycleOptions = { allowDelete: [], allowReuse: [] };

/** Takes `--allow-delete a,b`, `--allow-reuse a` (both repeatable) and `--base REF` out of a command's arguments. */
/** The guards' options from the command line's `--base`, `--allow-delete a,b` and `--allow-reuse c` (both may repeat). */
export function lifecycleOptions(opts: { base?: unknown; "allow-delete"?: unknown; "allow-reuse"?: unknown }): LifecycleOptions {
  const ids = (v: unknown) => ((v as string[] | undefined) ?? []).flatMap((s) => s.split(",")).map((s) => s.trim()).filter(Boolean);
  return { allowDelete: ids(opts["allow-delete"]), allowReuse: ids(opts["allow-reuse"]), ...(typeof opts.base === "string" ? { base: opts.base } : {}) };
}

interface LifecycleContext {
  previous: PreviousIndex;
  /** Ids of every tenant file present, valid or not. */
  presentIds: ReadonlySet<string>;
  tenants: readonly ResolvedTenant[];
  options: LifecycleOptions;
  /** Ids deleted in git history → the deleting commit; read only when a tenant is new. */
  retired: () => ReadonlyMap<string, string>;
}
type Guard = (ctx: LifecycleContext, removed: IndexedTenant[]) => Diagnostic[];

const where = (l: Location) => `${l.file}:${l.line}:${l.col}`;

const removeOnlyArchived: Guard = ({ previous }, removed) =>
  removed
    .filter((r) => r.state !== "archived")
    .map((r) =>
      error("remove-unarchived", r.at, `tenants/${r.id}.ts was removed, but ${previous.label} shows tenant "${r.id}" ${r.state}`, {
        hint: `restore tenants/${r.id}.ts and set state: "archived"; commit and let Argo CD sync it (workloads go, data stays), then remove the file in a later change`,
      }),
    );

const deletionCap: Guard = ({ options }, removed) => {
  if (removed.length <= 1) return [];
  const ids = removed.map((r) => r.id);
  return removed
    .filter((r) => !options.allowDelete.includes(r.id))
    .map((r) =>
      error("delete-cap", r.at, `${removed.length} tenants are removed in one change (${ids.join(", ")}); "${r.id}" is not confirmed`, {
        hint: `confirm with \`--allow-delete ${ids.join(",")}\` on compile and check, or remove one tenant per change`,
      }),
    );
};

const unusedConfirmation: Guard = ({ options }, removed) =>
  options.allowDelete
    .filter((id) => !removed.some((r) => r.id === id))
    .map((id) => warning("delete-cap", { file: INDEX_FILE, line: 1, col: 1 }, `--allow-delete names "${id}", which is not being removed`, { hint: "check the id" }));

/** A new id answering on a removed tenant's host is a rename: it would orphan the old data and names. */
const noRename: Guard = ({ previous, tenants }, removed) => {
  const known = new Set(previous.tenants.map((p) => p.id));
  const out: Diagnostic[] = [];
  for (const t of tenants.filter((x) => !known.has(x.id))) {
    for (const [host, path] of hostPaths(t)) {
      const old = removed.find((r) => r.hosts.includes(host));
      if (!old) continue;
      out.push(
        error("rename", t.source.locator.value(path), `tenant "${t.id}" takes host ${host} of removed tenant "${old.id}" (${where(old.at)}): ids are forever, a tenant is never renamed`, {
          path: path.join("."),
          hint: `keep tenants/${old.id}.ts; to move the site to a new id, archive "${old.id}", remove it in its own change, then add "${t.id}"`,
        }),
      );
    }
  }
  return out;
};

/** A new tenant with the id of one removed earlier would inherit its namespace, secrets and databases. */
const noReuse: Guard = ({ previous, tenants, options, retired }) => {
  const known = new Set(previous.tenants.map((p) => p.id));
  const fresh = tenants.filter((t) => !known.has(t.id) && !options.allowReuse.includes(t.id));
  if (fresh.length === 0) return [];
  const gone = retired();
  return fresh
    .filter((t) => gone.has(t.id))
    .map((t) =>
      error("id-reused", t.source.locator.value(["id"]), `id "${t.id}" belonged to a tenant removed in commit ${gone.get(t.id)}: ids are forever, never reused`, {
        path: "id",
        hint: `choose another id; if this is that same tenant coming back to its namespace and data, confirm with \`--allow-reuse ${t.id}\``,
      }),
    );
};

function hostPaths(t: ResolvedTenant): [string, (string | number)[]][] {
  const out: [string, (string | number)[]][] = [[t.hosts.lms, ["hosts", "lms"]]];
  out.push([t.hosts.cms, t.input.hosts.cms ? ["hosts", "cms"] : ["hosts", "lms"]]);
  out.push([t.hosts.mfe, t.input.hosts.mfe ? ["hosts", "mfe"] : ["hosts", "lms"]]);
  t.input.hosts.extra.forEach((h, i) => out.push([h, ["hosts", "extra", i]]));
  return out;
}

export const LIFECYCLE_GUARDS: readonly Guard[] = [removeOnlyArchived, deletionCap, unusedConfirmation, noRename, noReuse];

export function checkLifecycle(ctx: LifecycleContext): Diagnostic[] {
  const removed = ctx.previous.tenants.filter((p) => !ctx.presentIds.has(p.id));
  return LIFECYCLE_GUARDS.flatMap((guard) => guard(ctx, removed));
}

/** Reads the committed index of `root` (see previous-index.ts) and checks the tenant files against it. */
/** `previous`: the committed index when the caller read it already (compile reads it first, while the process is small and git starts fast). */
export function checkLifecycleOf(
  root: string,
  tenants: readonly ResolvedTenant[],
  options: LifecycleOptions,
  read: { remember?: boolean } = {},
  previous: PreviousIndexResult = readPreviousIndex(root, options.base, read),
): Diagnostic[] {
  if ("problem" in previous) return [error("previous-index", { file: INDEX_FILE, line: 1, col: 1 }, previous.problem, { hint: "restore generated/fleet.json from git, or pass a valid --base" })];
  if (!previous.index) return [];
  const presentIds = new Set(listTenantFiles(root).map((f) => path.basename(f, ".ts")));
  let retired: Map<string, string> | undefined;
  return checkLifecycle({ previous: previous.index, presentIds, tenants, options, retired: () => (retired ??= retiredIds(root)) });
}

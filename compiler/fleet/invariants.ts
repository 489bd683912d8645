// Fleet-wide invariants, checked on all resolved tenants together before anything is written.
import { error, type Diagnostic } from "../diagnostics";
import type { Source } from "../load";
import type { ResolvedTenant } from "../model/resolve";
import type { Platform } from "../schema/platform";
import { hostClaims, hostOverlaps, type HostClaim } from "./host-overlap";
import { NAME_LENGTHS, nameCollisions } from "./name-collisions";
import { reservedReason } from "./reserved-ids";

interface FleetContext {
  platform: Source<Platform>;
  tenants: readonly ResolvedTenant[];
}
/** The context with the fleet's host claims, made once for both host rules (a claim per host of every tenant). */
type Invariant = (ctx: FleetContext & { claims: () => HostClaim[] }) => Diagnostic[];

type Claim = HostClaim;

/** Reports every claim whose normalised value was already claimed by another owner, in the same scope. */
function uniqueness(code: string, what: string, claims: Claim[], normalise = (v: string) => v): Diagnostic[] {
  const first = new Map<string, Claim>();
  const out: Diagnostic[] = [];
  for (const c of claims) {
    const key = normalise(c.value);
    const prior = first.get(key);
    if (!prior) {
      first.set(key, c);
    } else if (prior.owner !== c.owner) {
      const same = prior.value === c.value ? `"${c.value}"` : `"${c.value}" (same as "${prior.value}" once normalised)`;
      const [at, priorAt] = [c.at(), prior.at()];
      out.push(error(code, at, `${what} ${same} is already used by ${prior.owner} (${priorAt.file}:${priorAt.line}:${priorAt.col})`, { path: c.path, hint: `choose another ${what}` }));
      out.push(error(code, priorAt, `${what} ${same} is also used by ${c.owner} (${at.file}:${at.line}:${at.col})`, { path: prior.path, hint: `choose another ${what}` }));
    }
  }
  return out;
}

const byCluster = (tenants: readonly ResolvedTenant[]) => {
  const groups = new Map<string, ResolvedTenant[]>();
  for (const t of tenants) {
    const group = groups.get(t.cluster.name);
    if (group) group.push(t);
    else groups.set(t.cluster.name, [t]);
  }
  return [...groups.values()];
};

const idAt = (t: ResolvedTenant) => t.source.locator.value(["id"]);

const uniqueIds: Invariant = ({ tenants }) =>
  uniqueness("duplicate-id", "id", tenants.map((t) => ({ value: t.id, at: () => idAt(t), owner: `${t.source.file}`, path: "id" })), (v) => v.toLowerCase().replace(/-/g, "_"));

const uniqueHosts: Invariant = (ctx) => uniqueness("duplicate-host", "host", ctx.claims());

/** Hosts nest only within one owner: see host-overlap.ts. */
const nestedHosts: Invariant = (ctx) => hostOverlaps(ctx.claims());

/** Names inside one cluster's shared services must not meet under those services' own matching rules. */
const sharedNames: Invariant = ({ tenants }) => byCluster(tenants).flatMap((group) => nameCollisions(group, idAt));

const reservedNames: Invariant = ({ tenants, platform }) =>
  tenants.flatMap((t) => {
    const reason = reservedReason(t.id, platform.value, t.cluster.components);
    if (reason) return [error("reserved-id", idAt(t), reason, { path: "id", hint: "choose another id" })];
    if (t.id.includes("--")) return [error("reserved-id", idAt(t), `ids cannot contain "--" (it separates generated name parts)`, { path: "id", hint: "use a single '-'" })];
    return [];
  });

const lengthLimits: Invariant = ({ tenants }) =>
  tenants.flatMap((t) =>
    NAME_LENGTHS(t)
      .filter(([, name, limit]) => name.length > limit)
      .map(([what, name, limit]) =>
        error("name-too-long", idAt(t), `id "${t.id}" makes the ${what} "${name}" ${name.length} characters long; the limit is ${limit}`, {
          path: "id",
          hint: `use an id of at most ${t.id.length - (name.length - limit)} characters`,
        }),
      ),
  );

export const INVARIANTS: readonly Invariant[] = [uniqueIds, uniqueHosts, nestedHosts, sharedNames, reservedNames, lengthLimits];

export function checkFleet(ctx: FleetContext): Diagnostic[] {
  let claims: HostClaim[] | undefined;
  const withClaims = { ...ctx, claims: () => (claims ??= hostClaims(ctx.platform, ctx.tenants)) };
  return INVARIANTS.flatMap((rule) => rule(withClaims));
}

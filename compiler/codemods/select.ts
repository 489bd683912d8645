// Which tenants a fleet operation applies to: `--where field=value` on the fields of generated/fleet.json
// (state, cluster, size, release, labels.team, plugins, …) and `--wave n`; all conditions must hold.
import { fleetIndexEntry, type FleetIndexEntry } from "../render/fleet-index";
import type { ResolvedTenant } from "../model/resolve";

export interface Condition {
  field: string;
  value: string;
}

/** `labels.team=blue` → { field: "labels.team", value: "blue" }; undefined when there is no `=`. */
export function parseCondition(text: string): Condition | undefined {
  const i = text.indexOf("=");
  if (i <= 0) return undefined;
  return { field: text.slice(0, i), value: text.slice(i + 1) };
}

/** The fields a condition may name: the fleet index entry's, dotted into objects. */
export function selectableFields(entry: FleetIndexEntry): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(entry)) {
    if (v !== null && typeof v === "object" && !Array.isArray(v)) for (const sub of Object.keys(v)) out.push(`${k}.${sub}`);
    else out.push(k);
  }
  return out.sort();
}

function valueAt(entry: FleetIndexEntry, field: string): unknown {
  let v: unknown = entry;
  // own properties only: `--where labels.constructor=x` must find no label, not Object's constructor
  for (const part of field.split(".")) v = v !== null && typeof v === "object" && Object.hasOwn(v, part) ? (v as Record<string, unknown>)[part] : undefined;
  return v;
}

/** A scalar field equals the value (as text); a list field contains it. */
export function matches(entry: FleetIndexEntry, c: Condition): boolean {
  const v = valueAt(entry, c.field);
  if (Array.isArray(v)) return v.some((x) => String(x) === c.value);
  return v !== undefined && v !== null && String(v) === c.value;
}

export function selectTenants(tenants: readonly ResolvedTenant[], conditions: readonly Condition[], wave?: number): ResolvedTenant[] {
  return tenants.filter((t) => {
    const entry = fleetIndexEntry(t);
    return (wave === undefined || t.wave === wave) && conditions.every((c) => matches(entry, c));
  });
}

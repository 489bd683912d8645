// The components of one cluster, resolved: provider profile, then the platform's settings, then the cluster's.
import type { Cluster, Platform } from "../schema/platform";
import { COMPONENT_NAMES, type ComponentName, type Components } from "../schema/components";
import { fromCatalog } from "./catalog";
import { PROFILES, type Profile } from "./profiles";
import { memoByOwner } from "../memo";

type Settings<N extends ComponentName> = NonNullable<Components[N]>;
/** A component's merged settings, with its toggle decided and its escape-hatch values always present. */
export type Resolved<N extends ComponentName> = Settings<N> & { enabled: boolean; values: Record<string, unknown> };
export type ResolvedComponents = { [N in ComponentName]: Resolved<N> };

export interface ClusterSetup {
  name: string;
  spec: Cluster;
  profile: Profile;
  storageClass?: string;
  components: ResolvedComponents;
}

const setups = memoByOwner<Platform, ClusterSetup>();

/** A cluster's setup, worked out once per platform: every tenant on the cluster reads it, several times. */
export function clusterSetup(platform: Platform, name: string): ClusterSetup {
  return setups(platform, name, () => resolveSetup(platform, name));
}

function resolveSetup(platform: Platform, name: string): ClusterSetup {
  const spec = fromCatalog(platform.clusters, name)!;
  const profile = PROFILES[spec.provider];
  const components = {} as Record<ComponentName, unknown>;
  for (const c of COMPONENT_NAMES) {
    const layers = [profile.defaults[c], platform.components[c], spec.components?.[c]].filter((l) => l !== undefined);
    const merged = Object.assign({}, ...layers) as Record<string, unknown>;
    // escape-hatch values merge deeply across layers; every other field is replaced by the nearer layer
    merged.values = layers.reduce<Record<string, unknown>>((acc, l) => deepMerge(acc, (l as { values?: Record<string, unknown> }).values ?? {}), {});
    merged.enabled = (merged.enabled as boolean | undefined) ?? profile.enabled[c];
    components[c] = merged;
  }
  const storageClass = spec.storageClass ?? profile.storageClass;
  return { name, spec, profile, ...(storageClass ? { storageClass } : {}), components: components as ResolvedComponents };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Objects merge key by key; arrays and scalars of `over` replace those of `base`. */
export function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  // defined, not assigned: a `__proto__` key (JSON.parse makes own ones) must stay a key, never become the prototype
  for (const [k, v] of Object.entries(over)) {
    const merged = isPlainObject(v) && Object.hasOwn(out, k) && isPlainObject(out[k]) ? deepMerge(out[k] as Record<string, unknown>, v) : v;
    Object.defineProperty(out, k, { value: merged, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

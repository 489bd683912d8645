// Checks of one tenant's backing services against its cluster: a shared service, or the operator of a
// dedicated one, must exist there.
import { error, warning, type Diagnostic } from "../diagnostics";
import { S3 } from "../model/downstream-names";
import { storageSpecOf } from "../model/storage";
import { inCatalog } from "../model/catalog";
import { clusterSetup } from "../model/components";
import { DATA_SERVICES } from "../model/data-services";
import { clusterOf } from "../model/resolve";
import type { Platform } from "../schema/platform";
import type { TenantUnderCheck } from "./tenant-rules";

/** Dedicated databases are operator-managed objects; dedicated Redis and search are plain charts. */
const OPERATED = new Set(["mysql", "mongodb"]);

/**
 * A tenant on a shared service its cluster has turned off (and not pointed elsewhere) has nothing to talk to,
 * unless the operator runs one at the same address: a warning, so a component can be replaced by hand.
 */
export function sharedServicesAvailable({ value, locator }: TenantUnderCheck, platform: Platform): Diagnostic[] {
  const cluster = clusterOf(platform, { cluster: typeof value.cluster === "string" ? value.cluster : undefined });
  if (!inCatalog(platform.clusters, cluster)) return [];
  const components = clusterSetup(platform, cluster).components;
  const services = (value.services ?? {}) as Record<string, unknown>;
  return DATA_SERVICES.flatMap((s) => {
    const mode = services[s] ?? "shared";
    const c = components[s];
    if (mode === "dedicated" && OPERATED.has(s) && !c.enabled) {
      return [
        warning("dedicated-without-operator", locator.value(["services", s]), `a dedicated ${s} needs its operator, and \`components.${s}\` is off on cluster "${cluster}"`, {
          path: `services.${s}`,
          hint: `turn \`components.${s}\` on in platform/platform.ts (it runs the operator), or use the shared ${s}`,
        }),
      ];
    }
    if (mode !== "shared" || c.enabled || ("external" in c && c.external)) return [];
    return [
      warning("shared-service-off", locator.value(["services", s]), `shared ${s} is off on cluster "${cluster}": nothing the platform deploys answers this tenant's ${s}`, {
        path: `services.${s}`,
        hint: `set \`services: { ${s}: "dedicated" }\`, or turn \`components.${s}\` on (or point it at an external endpoint) in platform/platform.ts`,
      }),
    ];
  });
}

/** The tenant's bucket is `<bucketPrefix>-<id>`: S3's naming rules must admit it. */
export function storageBucketValid({ value, locator }: TenantUnderCheck, platform: Platform): Diagnostic[] {
  const cluster = clusterOf(platform, { cluster: typeof value.cluster === "string" ? value.cluster : undefined });
  if (!inCatalog(platform.clusters, cluster) || typeof value.id !== "string") return [];
  const found = storageSpecOf(platform, cluster);
  if (!found) return [];
  const bucket = S3.bucket(found.spec.bucketPrefix, value.id);
  const problem = S3.bucketProblem(bucket);
  if (!problem) return [];
  return [
    error("storage-bucket", locator.value(["id"]), `this tenant's bucket "${bucket}" (\`objectStorage.bucketPrefix\` + "-" + id) ${problem}`, {
      path: "id",
      hint: "ids are forever: pick a shorter id for a new tenant, or a shorter `bucketPrefix` for the cluster in platform/platform.ts",
    }),
  ];
}

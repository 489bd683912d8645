// The tenant's user on the shared MongoDB, restricted to its own database: a copy of its password in the
// mongodb namespace and an idempotent Job that creates or updates the user. Users are never dropped.
import { IMAGES, MONGODB_SYSTEM_USERS_SECRET, SHARED_SERVICES, tenantCredentialName } from "../../../model/data-services";
import { endpointsOf } from "../../../model/endpoints";
import { provisionedBy } from "../../../model/provisioning";
import type { ResolvedTenant } from "../../../model/resolve";
import type { Platform } from "../../../schema/platform";
import { tenantCredential, tenantStore } from "../../data/eso";
import { provisioningJob, secretEnv } from "../../data/jobs";
import { deepFreeze, tenantLabels, type KubeObject } from "../../objects";

// mongosh reads everything from the environment: no value is part of the script
const SCRIPT = `cat > /tmp/user.js <<'JS'
const d = db.getSiblingDB(process.env.TENANT_DB);
const roles = [{ role: "readWrite", db: process.env.TENANT_DB }, { role: "dbAdmin", db: process.env.TENANT_DB }];
if (d.getUser(process.env.TENANT_USER)) d.updateUser(process.env.TENANT_USER, { pwd: process.env.TENANT_PASSWORD, roles });
else d.createUser({ user: process.env.TENANT_USER, pwd: process.env.TENANT_PASSWORD, roles });
JS
exec mongosh "$MONGODB_URI" --quiet --username "$ADMIN_USER" --password "$ADMIN_PASSWORD" --authenticationDatabase admin /tmp/user.js`;

// the admin of the cluster's own MongoDB, the same for every tenant (written, never changed)
const SYSTEM_ADMIN = deepFreeze([
  secretEnv("ADMIN_USER", MONGODB_SYSTEM_USERS_SECRET, "MONGODB_USER_ADMIN_USER"),
  secretEnv("ADMIN_PASSWORD", MONGODB_SYSTEM_USERS_SECRET, "MONGODB_USER_ADMIN_PASSWORD"),
]);

export function mongodbProvisioning(t: ResolvedTenant, platform: Platform): KubeObject[] {
  if (!provisionedBy(t).mongodb) return [];
  const namespace = SHARED_SERVICES.mongodb.namespace;
  const labels = tenantLabels(t, platform.fleet);
  const e = endpointsOf(t).mongodb;
  const params = [e.replicaSet ? `replicaSet=${e.replicaSet}` : "", e.useSsl ? "tls=true" : ""].filter(Boolean).join("&");
  const external = t.cluster.components.mongodb.external;
  const admin = external?.adminSecret
    ? [{ name: "ADMIN_USER", value: external.adminUser }, secretEnv("ADMIN_PASSWORD", external.adminSecret, "password")]
    : SYSTEM_ADMIN;
  const job = provisioningJob({
    name: `mongodb-user-${t.id}`,
    namespace,
    labels,
    image: IMAGES.psmdb,
    script: SCRIPT,
    env: [
      { name: "MONGODB_URI", value: `mongodb://${e.host}:${e.port}/${params ? `?${params}` : ""}` },
      { name: "TENANT_DB", value: t.names.mongodbDatabase },
      { name: "TENANT_USER", value: t.names.mongodbUser },
      secretEnv("TENANT_PASSWORD", tenantCredentialName(t.id), "password"),
      ...admin,
    ],
  });
  return [tenantStore(t.id, namespace, labels), tenantCredential(t.id, namespace, "mongodbPassword", labels), job];
}

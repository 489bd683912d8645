// The tenant-namespace half of the credential flow: shared services' namespaces may read the tenant's own
// Secret (its generated passwords) and nothing else. Nothing of a shared service's admin ever comes here.
import { SHARED_SERVICES, TENANT_SECRET_READER } from "../../../model/data-services";
import { provisionedBy } from "../../../model/provisioning";
import type { ResolvedTenant } from "../../../model/resolve";
import { TENANT_SECRET } from "../../../model/secrets";
import type { Platform } from "../../../schema/platform";
import { tenantLabels, type KubeObject } from "../../objects";

export const SECRET_READER_ROLE = "platform-secret-reader";

export function tenantSecretAccess(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const p = provisionedBy(t);
  const readers = (["mysql", "mongodb", "redis"] as const).filter((s) => p[s]).map((s) => SHARED_SERVICES[s].namespace);
  if (readers.length === 0) return [];
  const metadata = { name: SECRET_READER_ROLE, namespace: t.names.namespace, labels: tenantLabels(t, platform.fleet) };
  return [
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata,
      rules: [{ apiGroups: [""], resources: ["secrets"], resourceNames: [TENANT_SECRET], verbs: ["get"] }],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata,
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: SECRET_READER_ROLE },
      subjects: readers.map((namespace) => ({ kind: "ServiceAccount", name: TENANT_SECRET_READER, namespace })),
    },
  ];
}

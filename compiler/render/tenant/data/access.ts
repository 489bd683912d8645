// The tenant-namespace half of the credential flow: shared services' namespaces may read the tenant's own
// Secret (its generated passwords) and nothing else. Nothing of a shared service's admin ever comes here.
import { SHARED_SERVICES, TENANT_SECRET_READER } from "../../../model/data-services";
import { provisionedBy } from "../../../model/provisioning";
import type { ResolvedTenant } from "../../../model/resolve";
import { TENANT_SECRET } from "../../../model/secrets";
import type { Platform } from "../../../schema/platform";
import { deepFreeze, tenantLabels, type KubeObject } from "../../objects";

export const SECRET_READER_ROLE = "platform-secret-reader";

// the same in every tenant namespace; the subjects, by the set of readers
const RULES = deepFreeze([{ apiGroups: [""], resources: ["secrets"], resourceNames: [TENANT_SECRET], verbs: ["get"] }]);
const ROLE_REF = deepFreeze({ apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: SECRET_READER_ROLE });
const subjectLists = new Map<string, object[]>();
function subjectsOf(readers: string[]): object[] {
  const key = readers.join(" ");
  let s = subjectLists.get(key);
  if (!s) subjectLists.set(key, (s = deepFreeze(readers.map((namespace) => ({ kind: "ServiceAccount", name: TENANT_SECRET_READER, namespace })))));
  return s;
}

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
      rules: RULES,
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata,
      roleRef: ROLE_REF,
      subjects: subjectsOf(readers),
    },
  ];
}

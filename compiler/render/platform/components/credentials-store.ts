// The credentials namespace of a cluster and the ClusterSecretStore that reads it: the operator creates the
// mail relay's password and registry logins there by hand (docs/operator/credentials.md); tenants get copies
// through the store, which only tenant namespaces of this fleet may use.
import { CREDENTIALS_NAMESPACE, CREDENTIALS_READER, CREDENTIALS_READER_NAMESPACE, CREDENTIALS_STORE } from "../../../model/credentials";
import { LABELS } from "../../../model/names";
import { ESO_API, IN_CLUSTER_API } from "../../data/eso";
import { customResourceAnnotations } from "../../data/sync";
import type { KubeObject } from "../../objects";
import type { ComponentContext } from "../component";


export function credentialsStore(ctx: ComponentContext): KubeObject[] {
  const role = { name: CREDENTIALS_READER, namespace: CREDENTIALS_NAMESPACE };
  return [
    {
      apiVersion: "v1",
      kind: "Namespace",
      // holds no pods: the strictest level costs nothing
      metadata: { name: CREDENTIALS_NAMESPACE, labels: { "pod-security.kubernetes.io/enforce": "restricted" } },
    },
    { apiVersion: "v1", kind: "ServiceAccount", metadata: { name: CREDENTIALS_READER, namespace: CREDENTIALS_READER_NAMESPACE } },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "Role",
      metadata: role,
      // read-only, in this namespace alone; External Secrets validates the store with a rules review
      rules: [
        { apiGroups: [""], resources: ["secrets"], verbs: ["get", "list", "watch"] },
        { apiGroups: ["authorization.k8s.io"], resources: ["selfsubjectrulesreviews"], verbs: ["create"] },
      ],
    },
    {
      apiVersion: "rbac.authorization.k8s.io/v1",
      kind: "RoleBinding",
      metadata: role,
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: CREDENTIALS_READER },
      subjects: [{ kind: "ServiceAccount", name: CREDENTIALS_READER, namespace: CREDENTIALS_READER_NAMESPACE }],
    },
    {
      apiVersion: ESO_API,
      kind: "ClusterSecretStore",
      metadata: { name: CREDENTIALS_STORE, annotations: customResourceAnnotations({ keepData: false }) },
      spec: {
        provider: {
          kubernetes: {
            remoteNamespace: CREDENTIALS_NAMESPACE,
            // a cluster-wide store names the namespace of the CA's ConfigMap
            server: { ...IN_CLUSTER_API, caProvider: { ...IN_CLUSTER_API.caProvider, namespace: CREDENTIALS_READER_NAMESPACE } },
            auth: { serviceAccount: { name: CREDENTIALS_READER, namespace: CREDENTIALS_READER_NAMESPACE } },
          },
        },
        // tenant namespaces of this fleet only: no platform component or foreign namespace can read the credentials
        conditions: [{ namespaceSelector: { matchLabels: { [LABELS.fleet]: ctx.platform.fleet }, matchExpressions: [{ key: LABELS.tenant, operator: "Exists" }] } }],
      },
    },
  ];
}

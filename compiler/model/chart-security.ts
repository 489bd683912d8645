// Where each pinned chart takes the pod and container security contexts of every pod it runs, read from the
// chart's templates at the pinned version, and what the platform sets there. Several charts set nothing by
// default (mariadb-operator 26.6.0, psmdb-operator 1.22.0) or leave out the seccomp profile (meilisearch
// 0.34.0), which Pod Security `restricted` refuses; so every path is written explicitly, never left to a
// default. test/platform/chart-security.test.ts checks each path in the rendered values of every component
// and, in a `restricted` namespace, that the pod each workload makes passes `restricted`.
//
// Pod Security level enforced per platform namespace (ComponentDef.podSecurity), and why:
// | namespace        | level      | why                                                                       |
// | traefik          | restricted | chart defaults already restricted; written here as well                   |
// | ingress-nginx    | restricted | controller adds only NET_BIND_SERVICE (allowed); admission Jobs restricted |
// | cert-manager     | restricted | controller, webhook, cainjector restricted                                 |
// | external-secrets | restricted | controller, webhook, cert controller restricted                            |
// | metrics-server   | restricted | restricted container context                                               |
// | vpa              | restricted | recommender and the CRD Job restricted                                     |
// | karpenter        | restricted | template hard-codes a restricted container; pod seccomp from values        |
// | echo             | restricted | our own Deployment                                                         |
// | mariadb-operator | restricted | operator, webhook, cert controller: contexts set here (chart sets none)    |
// | psmdb-operator   | restricted | operator: contexts set here (chart sets none)                              |
// | redis            | restricted | Valkey chart restricted; our ACL reload CronJob restricted                 |
// | meilisearch      | restricted | seccomp profile added here (chart omits it)                                |
// | mysql            | baseline   | MariaDB pods are built by mariadb-operator from the MariaDB object, whose  |
// |                  |            | default pods set no seccomp profile or dropped capabilities                |
// | mongodb          | baseline   | likewise the Percona operator's replica-set pods (init container, PBM agent)|
// | monitoring       | privileged | node-exporter uses hostNetwork, hostPID and hostPath mounts                |
// | velero           | privileged | the node agent reads pod volumes through hostPath, as root                 |

type Context = Record<string, unknown>;

/** Where a chart takes one security context, and what the platform writes there. */
export interface ContextAt {
  /** Dotted values path (a number is an array index); none when the chart or an operator writes it itself. */
  path?: string;
  value: Context;
  /** What the chart's template (or the operator) writes on its own, under `value`. */
  fixed?: Context;
  /** The component writes this path itself (it is inside a list of its own values). */
  setByComponent?: boolean;
}

export interface SecuredWorkload {
  workload: string;
  pod: ContextAt;
  containers: ContextAt[];
}

const SECCOMP = { seccompProfile: { type: "RuntimeDefault" } };
const pod = (uid?: number, extra: Context = {}): Context => ({ runAsNonRoot: true, ...(uid !== undefined ? { runAsUser: uid, runAsGroup: uid } : {}), ...SECCOMP, ...extra });
/** What `restricted` asks of a container, plus a read-only root file system where the image allows it. */
export const RESTRICTED_CONTAINER: Context = { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } };
const container = (extra: Context = {}): Context => ({ ...RESTRICTED_CONTAINER, ...extra });
const READ_ONLY = { readOnlyRootFilesystem: true };
const at = (path: string, value: Context, more: Partial<ContextAt> = {}): ContextAt => ({ path, value, ...more });

/** Chart name → the workloads it runs with the values paths of their contexts. */
export const CHART_SECURITY: Record<string, readonly SecuredWorkload[]> = {
  // traefik 41.3.0 templates/_podtemplate.tpl: .Values.podSecurityContext, .Values.securityContext
  traefik: [{ workload: "traefik", pod: at("podSecurityContext", pod(65532)), containers: [at("securityContext", container(READ_ONLY))] }],
  // ingress-nginx 4.15.1: controller-deployment.yaml and _helpers.tpl (containerSecurityContext replaces the
  // one built from controller.image.*); admission-webhooks/job-patch/*.yaml for the two hook Jobs
  "ingress-nginx": [
    {
      workload: "controller",
      pod: at("controller.podSecurityContext", { ...SECCOMP }),
      containers: [at("controller.containerSecurityContext", { runAsNonRoot: true, runAsUser: 101, runAsGroup: 82, allowPrivilegeEscalation: false, ...SECCOMP, capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] }, readOnlyRootFilesystem: false })],
    },
    ...["createSecretJob", "patchWebhookJob"].map((job) => ({
      workload: `admission webhook ${job}`,
      pod: at("controller.admissionWebhooks.patch.securityContext", pod(65532)),
      containers: [at(`controller.admissionWebhooks.${job}.securityContext`, container({ ...READ_ONLY, runAsNonRoot: true, runAsUser: 65532, ...SECCOMP }))],
    })),
  ],
  // cert-manager v1.21.1: deployment.yaml, webhook-deployment.yaml, cainjector-deployment.yaml
  "cert-manager": ["", "webhook.", "cainjector."].map((p) => ({
    workload: p ? p.slice(0, -1) : "controller",
    pod: at(`${p}securityContext`, pod()),
    containers: [at(`${p}containerSecurityContext`, container(READ_ONLY))],
  })),
  // external-secrets 2.9.0: a context is rendered only with `enabled` and at least one more key
  "external-secrets": ["", "webhook.", "certController."].map((p) => ({
    workload: p ? p.slice(0, -1) : "controller",
    pod: at(`${p}podSecurityContext`, { enabled: true, ...pod() }),
    containers: [at(`${p}securityContext`, { enabled: true, ...container({ ...READ_ONLY, runAsNonRoot: true, runAsUser: 1000, ...SECCOMP }) })],
  })),
  // metrics-server 3.13.0 templates/deployment.yaml
  "metrics-server": [{ workload: "metrics-server", pod: at("podSecurityContext", pod()), containers: [at("securityContext", container({ ...READ_ONLY, runAsNonRoot: true, runAsUser: 1000, ...SECCOMP }))] }],
  // vertical-pod-autoscaler 11.1.1: recommender/deployment.yaml, crds/job.yaml (updater and admission controller are off)
  "vertical-pod-autoscaler": ["recommender", "crds"].map((w) => ({
    workload: w,
    pod: at(`${w}.podSecurityContext`, pod(65534)),
    containers: [at(`${w}.securityContext`, container({ ...READ_ONLY, runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534 }))],
  })),
  // kube-prometheus-stack 88.5.3 and its subcharts grafana 12.11.1, kube-state-metrics 8.4.0, prometheus-node-exporter 4.56.1
  "kube-prometheus-stack": [
    { workload: "prometheus-operator", pod: at("prometheusOperator.securityContext", pod(65534, { fsGroup: 65534 })), containers: [at("prometheusOperator.containerSecurityContext", container(READ_ONLY))] },
    ...["createSecretJob", "patchWebhookJob"].map((job) => ({
      workload: `admission webhook ${job}`,
      pod: at("prometheusOperator.admissionWebhooks.patch.securityContext", pod(2000)),
      containers: [at(`prometheusOperator.admissionWebhooks.${job}.securityContext`, container(READ_ONLY))],
    })),
    // the operator writes the Prometheus and Alertmanager containers' contexts itself
    ...["prometheus.prometheusSpec", "alertmanager.alertmanagerSpec"].map((spec) => ({
      workload: spec.split(".")[0]!,
      pod: at(`${spec}.securityContext`, pod(1000, { runAsGroup: 2000, fsGroup: 2000 })),
      containers: [{ value: {}, fixed: container(READ_ONLY) }],
    })),
    {
      workload: "grafana",
      pod: at("grafana.securityContext", pod(472, { fsGroup: 472 })),
      containers: [at("grafana.containerSecurityContext", container(SECCOMP)), at("grafana.sidecar.securityContext", container(SECCOMP))],
    },
    {
      workload: "kube-state-metrics",
      pod: at("kube-state-metrics.securityContext", { enabled: true, ...pod(65534, { fsGroup: 65534 }) }),
      containers: [at("kube-state-metrics.containerSecurityContext", container(READ_ONLY))],
    },
    // host network, host PID and hostPath mounts: the reason the namespace is privileged; still non-root
    { workload: "node-exporter", pod: at("prometheus-node-exporter.securityContext", pod(65534, { fsGroup: 65534 })), containers: [at("prometheus-node-exporter.containerSecurityContext", container(READ_ONLY))] },
  ],
  // velero 12.1.0: deployment.yaml (podSecurityContext, containerSecurityContext), node-agent-daemonset.yaml
  velero: [
    {
      workload: "velero",
      // the image's user is a name (cnb): a numeric uid lets the kubelet check runAsNonRoot
      pod: at("podSecurityContext", pod(65532)),
      containers: [at("containerSecurityContext", container()), at("initContainers.0.securityContext", container(), { setByComponent: true })],
    },
    // reads every pod's volumes on its node: root, hostPath (the reason the namespace is privileged)
    { workload: "node-agent", pod: at("nodeAgent.podSecurityContext", { runAsUser: 0, ...SECCOMP }), containers: [at("nodeAgent.containerSecurityContext", { privileged: false })] },
  ],
  // karpenter 1.14.1 templates/deployment.yaml hard-codes the container context; only its seccomp is a value
  karpenter: [
    {
      workload: "controller",
      pod: at("podSecurityContext", { fsGroup: 65532, ...SECCOMP }),
      containers: [at("controller.securityContext", { ...SECCOMP }, { fixed: container({ privileged: false, ...READ_ONLY, runAsNonRoot: true, runAsUser: 65532, runAsGroup: 65532 }) })],
    },
  ],
  // mariadb-operator 26.6.0: operator/, webhook/ and cert-controller/deployment.yaml render these as given
  // and default to {}; the image (distroless) runs as 65532
  "mariadb-operator": ["", "webhook.", "certController."].map((p) => ({
    workload: p ? p.slice(0, -1) : "operator",
    pod: at(`${p}podSecurityContext`, pod(65532)),
    containers: [at(`${p}securityContext`, container())],
  })),
  // psmdb-operator 1.22.0 templates/deployment.yaml: both default to {}; the image runs as uid 2
  "psmdb-operator": [{ workload: "operator", pod: at("podSecurityContext", pod(2, { fsGroup: 2 })), containers: [at("securityContext", container())] }],
  // valkey 0.11.0 templates/deploy_valkey.yaml: the init container and Valkey share `securityContext`
  valkey: [{ workload: "valkey", pod: at("podSecurityContext", pod(1000, { fsGroup: 1000 })), containers: [at("securityContext", container({ ...READ_ONLY, runAsNonRoot: true, runAsUser: 1000 }))] }],
  // meilisearch 0.34.0 templates/statefulset.yaml: its default podSecurityContext has no seccompProfile
  meilisearch: [
    { workload: "meilisearch", pod: at("podSecurityContext", pod(1000, { fsGroup: 1000, fsGroupChangePolicy: "OnRootMismatch" })), containers: [at("securityContext", container(READ_ONLY))] },
  ],
  // CRDs only: no pods
  "mariadb-operator-crds": [],
  // a tenant's dedicated databases: custom resources only, whose pods the operators make (the tenant namespace
  // is `baseline` while a dedicated service runs there: model/pod-security.ts)
  "mariadb-cluster": [],
  "psmdb-db": [],
};

const isMap = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** The values a chart needs for the contexts above (paths a component writes itself are left out). */
export function securityValues(chart: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const w of CHART_SECURITY[chart] ?? []) {
    for (const c of [w.pod, ...w.containers]) {
      if (!c.path || c.setByComponent) continue;
      const keys = c.path.split(".");
      let cur = out;
      for (const k of keys.slice(0, -1)) cur = (isMap(cur[k]) ? cur[k] : (cur[k] = {})) as Record<string, unknown>;
      cur[keys.at(-1)!] = c.value;
    }
  }
  return out;
}

/** The value at a dotted path of rendered values (numbers index arrays). */
export function valueAt(values: unknown, path: string): unknown {
  let cur: unknown = values;
  for (const k of path.split(".")) cur = Array.isArray(cur) ? cur[Number(k)] : isMap(cur) ? cur[k] : undefined;
  return cur;
}

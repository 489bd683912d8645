// Fleet alerts: tenants found by their namespace label (kube-state-metrics), HTTP errors from the ingress controller.
import { LABELS } from "../../../model/names";
import type { KubeObject } from "../../objects";
import { AFTER_CHART } from "./shared";

/** kube-state-metrics' name for the tenant label of a namespace (`kube_namespace_labels`). */
export const TENANT_LABEL_METRIC = `label_${LABELS.tenant.replace(/[^a-zA-Z0-9]/g, "_")}`;

/** Joins a per-namespace expression with the tenant of that namespace: only tenant namespaces remain. */
const forTenants = (expr: string) =>
  `(${expr}) * on (namespace) group_left (tenant) label_replace(kube_namespace_labels{${TENANT_LABEL_METRIC}!=""}, "tenant", "$1", "${TENANT_LABEL_METRIC}", "(.+)")`;

/** Request rate by tenant namespace and status code, from each controller's own metrics. */
const REQUESTS: Record<"traefik" | "ingress-nginx", string> = {
  // Traefik names an Ingress backend `<namespace>-<service>-<port>@kubernetes`; tenants route to caddy
  traefik: `sum by (namespace, code) (label_replace(rate(traefik_service_requests_total{service=~".+-caddy-.+@kubernetes"}[5m]), "namespace", "$1", "service", "(.+)-caddy-.+@kubernetes"))`,
  // scraped by a PodMonitor, the Ingress's namespace arrives as exported_namespace
  "ingress-nginx": `sum by (namespace, code) (label_replace(label_replace(rate(nginx_ingress_controller_requests{service="caddy"}[5m]), "namespace", "$1", "exported_namespace", "(.+)"), "code", "$1", "status", "(.+)"))`,
};

const available = (deployments: string) =>
  `(kube_deployment_status_replicas_available{deployment=~"${deployments}"} == 0) and on (namespace, deployment) (kube_deployment_spec_replicas > 0)`;

const alert = (name: string, expr: string, forDuration: string, severity: string, summary: string) => ({
  alert: name,
  expr,
  for: forDuration,
  labels: { severity },
  annotations: { summary },
});

export function fleetRules(namespace: string, controller: keyof typeof REQUESTS): KubeObject {
  const ratio = "fleet:tenant_http_5xx:rate5m / fleet:tenant_http_requests:rate5m";
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PrometheusRule",
    metadata: { name: "openedx-fleet", namespace, annotations: { ...AFTER_CHART } },
    spec: {
      groups: [
        {
          name: "openedx-fleet.recording",
          rules: [
            { record: "fleet:tenant_http_requests_by_code:rate5m", expr: REQUESTS[controller] },
            { record: "fleet:tenant_http_requests:rate5m", expr: "sum by (namespace) (fleet:tenant_http_requests_by_code:rate5m)" },
            { record: "fleet:tenant_http_5xx:rate5m", expr: `sum by (namespace) (fleet:tenant_http_requests_by_code:rate5m{code=~"5.."})` },
          ],
        },
        {
          name: "openedx-fleet.alerts",
          rules: [
            alert("OpenedxLmsDown", forTenants(available("lms")), "5m", "critical", "LMS of tenant {{ $labels.tenant }} has no available replica"),
            alert("OpenedxCmsDown", forTenants(available("cms")), "10m", "warning", "Studio of tenant {{ $labels.tenant }} has no available replica"),
            // Celery queue lengths live in Redis and are not exported; a worker with no replica is the measurable backlog cause
            alert("OpenedxWorkerDown", forTenants(available("lms-worker|cms-worker")), "15m", "warning", "{{ $labels.deployment }} of tenant {{ $labels.tenant }} has no available replica: tasks are piling up"),
            alert("OpenedxHigh5xxRate", forTenants(`(${ratio} > 0.05) and fleet:tenant_http_requests:rate5m > 0.1`), "10m", "warning", "{{ $value | humanizePercentage }} of requests to tenant {{ $labels.tenant }} fail with 5xx"),
            alert("OpenedxPodCrashLooping", forTenants(`max by (namespace, pod, container) (max_over_time(kube_pod_container_status_waiting_reason{reason="CrashLoopBackOff"}[5m])) >= 1`), "15m", "warning", "{{ $labels.pod }}/{{ $labels.container }} of tenant {{ $labels.tenant }} is crash-looping"),
          ],
        },
      ],
    },
  };
}

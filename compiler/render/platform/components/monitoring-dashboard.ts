// The fleet dashboard: one Grafana dashboard for every tenant, with a tenant selector.
import type { KubeObject } from "../../objects";
import { TENANT_LABEL_METRIC } from "./monitoring-rules";

const DATASOURCE = { type: "prometheus", uid: "${datasource}" };

function panel(id: number, title: string, expr: string, legend: string, unit: string) {
  const x = ((id - 1) % 2) * 12;
  const y = Math.floor((id - 1) / 2) * 8;
  return {
    id,
    type: "timeseries",
    title,
    datasource: DATASOURCE,
    gridPos: { h: 8, w: 12, x, y },
    fieldConfig: { defaults: { unit }, overrides: [] },
    targets: [{ refId: "A", datasource: DATASOURCE, expr, legendFormat: legend }],
  };
}

const sel = 'namespace=~"$tenant"';

function dashboard(): Record<string, unknown> {
  return {
    uid: "openedx-fleet",
    title: "Open edX fleet",
    tags: ["openedx-fleet"],
    schemaVersion: 39,
    editable: false,
    time: { from: "now-6h", to: "now" },
    refresh: "1m",
    templating: {
      list: [
        { name: "datasource", type: "datasource", query: "prometheus", label: "Data source" },
        {
          name: "tenant",
          label: "Tenant",
          type: "query",
          datasource: DATASOURCE,
          query: { refId: "tenants", query: `label_values(kube_namespace_labels{${TENANT_LABEL_METRIC}!=""}, ${TENANT_LABEL_METRIC})` },
          refresh: 2,
          multi: true,
          includeAll: true,
          sort: 1,
        },
      ],
    },
    panels: [
      panel(1, "Requests per second", `sum by (namespace) (fleet:tenant_http_requests:rate5m{${sel}})`, "{{namespace}}", "reqps"),
      panel(2, "Share of 5xx responses", `fleet:tenant_http_5xx:rate5m{${sel}} / fleet:tenant_http_requests:rate5m{${sel}}`, "{{namespace}}", "percentunit"),
      panel(3, "Available replicas", `kube_deployment_status_replicas_available{${sel}, deployment=~"lms|cms|lms-worker|cms-worker"}`, "{{namespace}} {{deployment}}", "short"),
      panel(4, "Container restarts (1h)", `sum by (namespace, pod) (increase(kube_pod_container_status_restarts_total{${sel}}[1h]))`, "{{namespace}} {{pod}}", "short"),
      panel(5, "CPU used", `sum by (namespace) (rate(container_cpu_usage_seconds_total{${sel}, container!=""}[5m]))`, "{{namespace}}", "short"),
      panel(6, "Memory used", `sum by (namespace) (container_memory_working_set_bytes{${sel}, container!=""})`, "{{namespace}}", "bytes"),
    ],
  };
}

/** A ConfigMap Grafana's dashboard sidecar loads (label `grafana_dashboard: "1"`). */
export function fleetDashboard(namespace: string): KubeObject {
  return {
    apiVersion: "v1",
    kind: "ConfigMap",
    metadata: { name: "openedx-fleet-dashboard", namespace, labels: { grafana_dashboard: "1" } },
    data: { "openedx-fleet.json": JSON.stringify(dashboard(), null, 2) + "\n" },
  };
}

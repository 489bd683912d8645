// Monitoring: kube-prometheus-stack with Grafana, fleet alerts, the fleet dashboard and the ingress controller's metrics.
// Tenants are found by the tenant label on their namespace (kube-state-metrics), not by per-tenant monitors:
// Open edX serves no Prometheus endpoint to scrape, and a new tenant then changes no platform file.
import { deepMerge } from "../../../model/components";
import { ingressOf } from "../../../model/ingress";
import { LABELS } from "../../../model/names";
import type { KubeObject } from "../../objects";
import type { ComponentContext, ComponentDef } from "../component";
import { alertmanagerValues } from "./monitoring-alerts";
import { fleetDashboard } from "./monitoring-dashboard";
import { fleetRules } from "./monitoring-rules";
import { AFTER_CHART, BEFORE_CHART, claimSpec } from "./shared";

const NAMESPACE = "monitoring";
/** Made in the cluster by External Secrets from a Password generator; never rendered, never in git. */
export const GRAFANA_ADMIN_SECRET = "grafana-admin";

function grafana(ctx: ComponentContext): Record<string, unknown> {
  const host = ctx.cluster.spec.hosts["grafana"];
  const ingress = ingressOf(ctx.platform, ctx.cluster.name);
  return {
    enabled: true,
    admin: { existingSecret: GRAFANA_ADMIN_SECRET, userKey: "admin-user", passwordKey: "admin-password" },
    // dashboards only from this namespace: a labelled ConfigMap in a tenant namespace must not reach Grafana
    sidecar: { dashboards: { enabled: true, label: "grafana_dashboard", labelValue: "1", searchNamespace: NAMESPACE } },
    ...(host
      ? {
          "grafana.ini": { server: { root_url: `https://${host}` } },
          ingress: {
            enabled: true,
            ingressClassName: ingress.className,
            annotations: { "cert-manager.io/cluster-issuer": ingress.clusterIssuer },
            hosts: [host],
            tls: [{ hosts: [host], secretName: "grafana-tls" }],
          },
        }
      : {}),
  };
}

function values(ctx: ComponentContext): Record<string, unknown> {
  const settings = ctx.cluster.components.monitoring;
  // off unless asked for: managed control planes hide these, and most others bind them to localhost
  const controlPlane = settings.controlPlane ?? false;
  const selectAll = { ruleSelectorNilUsesHelmValues: false, serviceMonitorSelectorNilUsesHelmValues: false, podMonitorSelectorNilUsesHelmValues: false, probeSelectorNilUsesHelmValues: false };
  return {
    crds: { enabled: true },
    grafana: grafana(ctx),
    prometheus: {
      prometheusSpec: {
        ...selectAll,
        retention: "15d",
        retentionSize: "45GB",
        storageSpec: { volumeClaimTemplate: { spec: claimSpec(ctx, "50Gi") } },
        resources: { requests: { cpu: "500m", memory: "2Gi" }, limits: { memory: "6Gi" } },
      },
    },
    alertmanager: deepMerge({ alertmanagerSpec: { storage: { volumeClaimTemplate: { spec: claimSpec(ctx, "2Gi") } } } }, alertmanagerValues(settings.alerts)),
    // the tenant label of each namespace becomes kube_namespace_labels{label_fleet_openedx_org_tenant=...}
    "kube-state-metrics": { metricLabelsAllowlist: [`namespaces=[${LABELS.tenant}]`] },
    // an unreachable control plane would only raise TargetDown (and its alerts) for good
    kubeControllerManager: { enabled: controlPlane },
    kubeScheduler: { enabled: controlPlane },
    kubeEtcd: { enabled: controlPlane },
    kubeProxy: { enabled: controlPlane },
  };
}

function grafanaAdmin(): KubeObject[] {
  const generator = "grafana-admin-password";
  return [
    {
      apiVersion: "generators.external-secrets.io/v1alpha1",
      kind: "Password",
      metadata: { name: generator, namespace: NAMESPACE, annotations: { ...BEFORE_CHART } },
      spec: { length: 32, digits: 6, symbols: 0, noUpper: false, allowRepeat: true },
    },
    {
      apiVersion: "external-secrets.io/v1",
      kind: "ExternalSecret",
      metadata: { name: GRAFANA_ADMIN_SECRET, namespace: NAMESPACE, annotations: { ...BEFORE_CHART } },
      spec: {
        // generated once: a refresh would rotate the password under a running Grafana
        refreshPolicy: "CreatedOnce",
        dataFrom: [{ sourceRef: { generatorRef: { apiVersion: "generators.external-secrets.io/v1alpha1", kind: "Password", name: generator } } }],
        target: { name: GRAFANA_ADMIN_SECRET, creationPolicy: "Owner", template: { data: { "admin-user": "admin", "admin-password": "{{ .password }}" } } },
      },
    },
  ];
}

/** Scrapes the ingress controller's pods, where every tenant's request and error counts come from. */
function ingressMonitor(ctx: ComponentContext): KubeObject {
  const { controller } = ingressOf(ctx.platform, ctx.cluster.name);
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: { name: "ingress-controller", namespace: NAMESPACE, annotations: { ...AFTER_CHART } },
    spec: {
      namespaceSelector: { matchNames: [controller.namespace] },
      selector: { matchLabels: controller.podLabels },
      podMetricsEndpoints: [{ port: "metrics", interval: "30s" }],
    },
  };
}

/**
 * cert-manager's controller metrics (certificate expiry, ACME errors). Ours rather than the chart's
 * ServiceMonitor: cert-manager syncs before this chart has installed the ServiceMonitor CRD.
 */
function certManagerMonitor(): KubeObject {
  return {
    apiVersion: "monitoring.coreos.com/v1",
    kind: "PodMonitor",
    metadata: { name: "cert-manager", namespace: NAMESPACE, annotations: { ...AFTER_CHART } },
    spec: {
      namespaceSelector: { matchNames: ["cert-manager"] },
      selector: { matchLabels: { "app.kubernetes.io/name": "cert-manager", "app.kubernetes.io/component": "controller" } },
      podMetricsEndpoints: [{ port: "http-metrics", interval: "60s" }],
    },
  };
}

function objects(ctx: ComponentContext): KubeObject[] {
  const { ingress, certManager } = ctx.cluster.components;
  const controller = ingress.controller ?? "traefik";
  return [
    ...(ctx.cluster.components.externalSecrets.enabled ? grafanaAdmin() : []),
    ...(ingress.enabled ? [ingressMonitor(ctx)] : []),
    ...(certManager.enabled ? [certManagerMonitor()] : []),
    fleetRules(NAMESPACE, controller),
    fleetDashboard(NAMESPACE),
  ];
}

export const monitoring: ComponentDef = {
  app: "monitoring",
  component: "monitoring",
  namespace: NAMESPACE,
  // after External Secrets (wave 0), whose CRDs make Grafana's admin password; before the data services
  // (wave 5), which may bring ServiceMonitors and PodMonitors of the CRDs this chart installs
  wave: 2,
  // 88.5.3 (Prometheus Operator v0.93.1, Grafana chart 12.11.1): the newest release; pin checked: release tag
  // kube-prometheus-stack-88.5.3 of github.com/prometheus-community/helm-charts
  chart: { repoURL: "https://prometheus-community.github.io/helm-charts", chart: "kube-prometheus-stack", version: "88.5.3" },
  releaseName: "kube-prometheus-stack",
  values,
  objects,
  keepsData: true,
  // node-exporter reads the host's /proc and /sys and uses the host network
  podSecurity: "privileged",
};

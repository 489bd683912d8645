// Checks of the shared components' settings, per cluster, once profile, platform and cluster are merged.
import { error, warning, type Diagnostic } from "../diagnostics";
import type { Source } from "../load";
import { clusterSetup, type ClusterSetup } from "../model/components";
import { DATA_SERVICES } from "../model/data-services";
import type { ComponentName } from "../schema/components";
import type { Platform } from "../schema/platform";
import { missingKarpenterSettings } from "../render/platform/components/karpenter";
import { publishedVersions } from "../render/platform/published-charts";
import { COMPONENTS } from "../render/platform/registry";

type ComponentRule = (p: Source<Platform>, cluster: ClusterSetup) => Diagnostic[];

/** The most specific place a component is configured: the cluster's setting, the platform's, or the cluster. */
function settingPath(p: Platform, cluster: ClusterSetup, c: ComponentName): string[] {
  if (cluster.spec.components?.[c] !== undefined) return ["clusters", cluster.name, "components", c];
  if (p.components[c] !== undefined) return ["components", c];
  return ["clusters", cluster.name];
}

const located = (p: Source<Platform>, cluster: ClusterSetup, c: ComponentName) => {
  const path = settingPath(p.value, cluster, c);
  return { at: p.locator.value(path), path: path.join(".") };
};

/** Backups are on by default but need somewhere to go: say so instead of deploying a Velero that fails. */
const backupsNeedStorage: ComponentRule = (p, cluster) => {
  const b = cluster.components.backups;
  if (!b.enabled || b.storage) return [];
  const { at, path } = located(p, cluster, "backups");
  return [
    warning("backups-storage", at, `backups of cluster "${cluster.name}" are off: no \`backups.storage\` is set`, {
      path,
      hint: 'set `components: { backups: { storage: { bucket: "...", region: "...", credentialsSecret: "velero-credentials" } } }`, or `backups: { enabled: false }`',
    }),
  ];
};

/** Turned on by the platform file itself, not only by the provider profile. */
const askedFor = (p: Platform, cluster: ClusterSetup, c: ComponentName) => cluster.spec.components?.[c]?.enabled === true || p.components[c]?.enabled === true;

/**
 * Karpenter: aws only. On aws the profile turns it on, but it cannot guess the EKS cluster and node role:
 * missing settings are an error when the platform asks for Karpenter, and a warning (Karpenter stays off)
 * when only the profile does, so an aws cluster compiles before its IAM roles exist.
 */
const karpenterOnAws: ComponentRule = (p, cluster) => {
  const k = cluster.components.karpenter;
  if (!k.enabled) return [];
  const { at, path } = located(p, cluster, "karpenter");
  if (cluster.spec.provider !== "aws") {
    return [error("karpenter-provider", at, `Karpenter runs on aws clusters only; cluster "${cluster.name}" has provider "${cluster.spec.provider}"`, { path, hint: "set `karpenter: { enabled: false }` for this cluster" })];
  }
  const missing = missingKarpenterSettings(k);
  if (missing.length === 0) return [];
  const report = askedFor(p.value, cluster, "karpenter") ? error : warning;
  const what = missing.map((f) => `\`${f}\``).join(" and ");
  return [
    report("karpenter-settings", at, `Karpenter on cluster "${cluster.name}" needs ${what}${report === warning ? "; it stays off until then" : ""}`, {
      path,
      hint: 'set `karpenter: { clusterName: "<EKS cluster name>", nodeRole: "<IAM role name of the nodes>" }`, or `karpenter: { enabled: false }`',
    }),
  ];
};

/** Grafana's admin password is generated in the cluster by External Secrets; without it someone must make the Secret. */
const grafanaAdminSecret: ComponentRule = (p, cluster) => {
  const { monitoring, externalSecrets } = cluster.components;
  if (!monitoring.enabled || externalSecrets.enabled) return [];
  const { at, path } = located(p, cluster, "externalSecrets");
  return [
    warning("grafana-admin", at, `External Secrets is off on cluster "${cluster.name}", so Grafana's admin password is not generated`, {
      path,
      hint: "create Secret `grafana-admin` (keys admin-user, admin-password) in namespace monitoring yourself, or turn externalSecrets back on",
    }),
  ];
};

/**
 * Every data component carries External Secrets objects: generated admin passwords, copies of tenants'
 * passwords, search keys. Without the operator their Applications could never sync.
 */
const dataNeedExternalSecrets: ComponentRule = (p, cluster) => {
  const c = cluster.components;
  const on = DATA_SERVICES.filter((d) => c[d].enabled);
  if (c.externalSecrets.enabled || on.length === 0) return [];
  const { at, path } = located(p, cluster, "externalSecrets");
  return [
    error("data-external-secrets", at, `${on.join(", ")} on cluster "${cluster.name}" need External Secrets, which is off: their passwords and keys are made by it`, {
      path,
      hint: `turn externalSecrets back on, or turn ${on.map((d) => `\`${d}\``).join(", ")} off`,
    }),
  ];
};

/** Alertmanager without a receiver evaluates every alert and tells nobody: say so until one is set. */
const alertsNeedReceiver: ComponentRule = (p, cluster) => {
  const m = cluster.components.monitoring;
  if (!m.enabled || m.alerts) return [];
  const { at, path } = located(p, cluster, "monitoring");
  return [
    warning("alerts-receiver", at, `alerts of cluster "${cluster.name}" reach nobody: no \`monitoring.alerts\` receiver is set`, {
      path,
      hint: 'set `monitoring: { alerts: { secret: "alertmanager-receivers", slack: { channel: "#alerts", urlKey: "slack-url" } } }` (or `email`, `webhook`), and create that Secret in namespace monitoring',
    }),
  ];
};

/**
 * A `chartVersion` Argo CD may not find: not among the versions recorded as published for that chart
 * (render/platform/published-charts.ts). A warning, since the record lags behind new releases.
 */
const chartVersionPublished: ComponentRule = (p, cluster) =>
  COMPONENTS.filter((d) => d.chart && cluster.components[d.component].enabled).flatMap((d) => {
    const version = cluster.components[d.component].chartVersion;
    const known = publishedVersions(d.chart!.repoURL, d.chart!.chart);
    if (!version || !known || known.includes(version)) return [];
    const own = cluster.spec.components?.[d.component]?.chartVersion !== undefined;
    const path = own ? ["clusters", cluster.name, "components", d.component, "chartVersion"] : ["components", d.component, "chartVersion"];
    return [
      warning("chart-version", p.locator.value(path), `${d.chart!.chart} ${version} is not among the versions recorded as published (${known.join(", ")})`, {
        path: path.join("."),
        hint: `check the chart's published index: a version Argo CD cannot fetch stops the component's sync; then add it to compiler/render/platform/published-charts.ts`,
      }),
    ];
  });

const RULES: readonly ComponentRule[] = [backupsNeedStorage, karpenterOnAws, grafanaAdminSecret, dataNeedExternalSecrets, alertsNeedReceiver, chartVersionPublished];

export function checkComponents(p: Source<Platform>): Diagnostic[] {
  return Object.keys(p.value.clusters)
    .sort()
    .flatMap((name) => {
      const cluster = clusterSetup(p.value, name);
      return RULES.flatMap((rule) => rule(p, cluster));
    });
}

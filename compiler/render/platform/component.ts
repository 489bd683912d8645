// A shared component: an upstream Helm chart pinned by exact version, values generated from platform/,
// and objects of our own (issuers, provisioning), deployed by one Argo CD Application per cluster.
import type { ClusterSetup } from "../../model/components";
import type { ComponentName } from "../../schema/components";
import type { Platform } from "../../schema/platform";
import type { KubeObject } from "../objects";

export interface ComponentContext {
  platform: Platform;
  cluster: ClusterSetup;
  // No tenants here on purpose: adding a tenant must change only that tenant's files (and fleet.json), so
  // per-tenant objects — even those in platform namespaces (provisioning, search keys, backups) — are
  // rendered by a TENANT_RESOURCES entry into generated/tenants/<id>/resources/ with an explicit namespace.
}

export interface Chart {
  repoURL: string;
  chart: string;
  /** The tested default; `components.<name>.chartVersion` replaces it. */
  version: string;
}

export interface ComponentDef {
  /** Application and folder name: `platform-<app>`, `generated/platform/<app>/`. */
  app: string;
  /** The setting under `components` that turns it on and off. */
  component: ComponentName;
  /** Further condition, e.g. the ingress controller chosen. */
  when?: (ctx: ComponentContext) => boolean;
  namespace: string;
  /**
   * Sync wave in its cluster's platform root, which waits until a wave is Healthy before the next: CRD owners
   * and operators 0, monitoring 2 (it uses External Secrets' CRDs and owns the ServiceMonitor CRD), their
   * users 5. Keep it to these three: every further wave makes more components wait on more others' health.
   * An object whose CRD comes in a later wave (a ServiceMonitor of a wave-0 chart) needs no wave of its own:
   * its apply fails and is retried, and an object not yet there does not count against its app's health.
   * Backups (Velero) ignore it: they sync alone, so they wait on no other component.
   */
  wave: number;
  chart?: Chart;
  /** Helm release name; the app name when omitted. */
  releaseName?: string;
  values?: (ctx: ComponentContext) => Record<string, unknown>;
  objects?: (ctx: ComponentContext) => KubeObject[];
  /** Holds data: its Application never cascades deletion into what it deployed. */
  keepsData?: boolean;
  /** Pod Security admission level of its namespace, and why: see the table in model/chart-security.ts. */
  podSecurity: "privileged" | "baseline" | "restricted";
  /**
   * Objects Argo CD must never prune nor delete, whatever the sync or the Application's deletion (CRDs whose
   * deletion would delete every custom resource of the cluster); the chart gives no way to annotate them.
   */
  neverPrune?: boolean;
}

// The shared Meilisearch (Tutor 21's search engine): master key generated in the cluster once, never in git;
// public at the cluster's `search` host for the browser's tenant tokens. Per-tenant keys: render/tenant/data/search.ts.
import { ingressOf } from "../../../model/ingress";
import { KEEP_DATA, SYNC_OPTIONS } from "../../argocd";
import { MEILISEARCH_MASTER_KEY_SECRET, SHARED_SERVICES } from "../../../model/data-services";
import { CHARTS } from "../../data/charts";
import { generatedPassword } from "../../data/eso";
import { MASTER_KEY } from "../../tenant/data/search";
import type { ComponentContext, ComponentDef } from "../component";
import { earlier } from "./shared";

const { namespace, name } = SHARED_SERVICES.search;

/** Chart values of a Meilisearch, shared or dedicated. */
export function meilisearchValues(ctx: Pick<ComponentContext, "platform" | "cluster">, opts: { name: string; masterKeySecret: string; host?: string; size: string }): Record<string, unknown> {
  const ingress = ingressOf(ctx.platform, ctx.cluster.name);
  return {
    fullnameOverride: opts.name,
    environment: { MEILI_ENV: "production", MEILI_NO_ANALYTICS: true },
    auth: { existingMasterKeySecret: opts.masterKeySecret },
    // the index volume: never deleted or pruned by a sync
    persistence: { enabled: true, size: opts.size, annotations: { [SYNC_OPTIONS]: KEEP_DATA }, ...(ctx.cluster.storageClass ? { storageClass: ctx.cluster.storageClass } : {}) },
    resources: { requests: { cpu: "250m", memory: "1Gi" }, limits: { memory: "2Gi" } },
    ...(opts.host
      ? {
          ingress: {
            enabled: true,
            className: ingress.className,
            annotations: { "cert-manager.io/cluster-issuer": ingress.clusterIssuer },
            path: "/",
            hosts: [opts.host],
            tls: [{ secretName: `${opts.name}-tls`, hosts: [opts.host] }],
          },
        }
      : {}),
  };
}

export const meilisearch: ComponentDef = {
  app: "meilisearch",
  component: "search",
  namespace,
  wave: 5,
  chart: CHARTS.meilisearch,
  values: (ctx) => meilisearchValues(ctx, { name, masterKeySecret: MEILISEARCH_MASTER_KEY_SECRET, host: ctx.cluster.spec.hosts["search"], size: ctx.cluster.components.search.storageSize ?? "20Gi" }),
  // the master key must exist before Meilisearch starts
  objects: () => generatedPassword(MEILISEARCH_MASTER_KEY_SECRET, namespace, MASTER_KEY).map(earlier),
  keepsData: true,
  podSecurity: "restricted",
};

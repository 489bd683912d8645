// ingress-nginx, selectable instead of Traefik (`components.ingress.controller`); retired upstream since March 2026.
import { ingressOf } from "../../../model/ingress";
import type { ComponentContext, ComponentDef } from "../component";
import { ha } from "./shared";

function values(ctx: ComponentContext): Record<string, unknown> {
  const { exposure } = ctx.cluster.profile;
  const ingress = ingressOf(ctx.platform, ctx.cluster.name);
  const { replicas, pdb } = ha(ctx);
  return {
    controller: {
      replicaCount: replicas,
      // the chart makes a PodDisruptionBudget from minAvailable once there are two replicas
      ...(pdb.enabled ? { minAvailable: 1 } : {}),
      ingressClass: ingress.className,
      ingressClassResource: { name: ingress.className, enabled: true, default: true, controllerValue: "k8s.io/ingress-nginx" },
      service: {
        type: exposure.type,
        annotations: exposure.annotations,
        ...(exposure.nodePorts ? { nodePorts: { http: exposure.nodePorts.http, https: exposure.nodePorts.https } } : {}),
      },
      metrics: { enabled: true },
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
    },
  };
}

export const ingressNginx: ComponentDef = {
  app: "ingress-nginx",
  component: "ingress",
  when: (ctx) => ctx.cluster.components.ingress.controller === "ingress-nginx",
  namespace: "ingress-nginx",
  wave: 0,
  // 4.15.1 (controller v1.15.1), the last release line before the project's retirement;
  // pin checked: gh-pages index.yaml of github.com/kubernetes/ingress-nginx (published-charts.ts)
  chart: { repoURL: "https://kubernetes.github.io/ingress-nginx", chart: "ingress-nginx", version: "4.15.1" },
  values,
  podSecurity: "restricted",
};

// Traefik, the default ingress controller: one shared load balancer (or node ports) for every tenant host.
import { ingressOf } from "../../../model/ingress";
import type { ComponentContext, ComponentDef } from "../component";
import { ha } from "./shared";

const controllerOf = (ctx: ComponentContext) => ctx.cluster.components.ingress.controller ?? "traefik";

function values(ctx: ComponentContext): Record<string, unknown> {
  const { exposure } = ctx.cluster.profile;
  const ingress = ingressOf(ctx.platform, ctx.cluster.name);
  const { replicas, pdb } = ha(ctx);
  return {
    deployment: { replicas },
    podDisruptionBudget: pdb,
    ingressClass: { enabled: true, isDefaultClass: true, name: ingress.className },
    ports: {
      web: {
        // cert-manager's http01 solver routes must answer on plain HTTP despite the redirect to HTTPS
        allowACMEByPass: true,
        http: { redirections: { entryPoint: { to: "websecure", scheme: "https", permanent: true } } },
        ...(exposure.nodePorts ? { nodePort: exposure.nodePorts.http } : {}),
      },
      websecure: {
        // Traefik v3 stops reading a request body after 60s by default: a course import over a slow link
        // would fail at the ingress. Traefik sets no body size limit.
        transport: { respondingTimeouts: { readTimeout: "600s" } },
        ...(exposure.nodePorts ? { nodePort: exposure.nodePorts.https } : {}),
      },
    },
    service: { annotations: exposure.annotations, spec: { type: exposure.type } },
    // per-service request counts by status code: the monitoring component's 5xx alerts read these
    metrics: { prometheus: { addEntryPointsLabels: true, addServicesLabels: true } },
    resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { memory: "512Mi" } },
    global: { checkNewVersion: false, sendAnonymousUsage: false },
  };
}

export const traefik: ComponentDef = {
  app: "traefik",
  component: "ingress",
  when: (ctx) => controllerOf(ctx) === "traefik",
  namespace: "traefik",
  wave: 0,
  // 41.3.0 (Traefik v3.7.11) is the newest release whose values schema we read and test against;
  // pin checked: release tag v41.3.0 of github.com/traefik/traefik-helm-chart (published-charts.ts)
  chart: { repoURL: "https://traefik.github.io/charts", chart: "traefik", version: "41.3.0" },
  values,
  podSecurity: "restricted",
};

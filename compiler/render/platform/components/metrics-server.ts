// metrics-server: the resource metrics API that the tenants' HorizontalPodAutoscalers read.
import type { ComponentDef } from "../component";

export const metricsServer: ComponentDef = {
  app: "metrics-server",
  component: "metricsServer",
  namespace: "metrics-server",
  wave: 0,
  // pin checked: gh-pages index.yaml of github.com/kubernetes-sigs/metrics-server (3.13.1 is newer, untested)
  chart: { repoURL: "https://kubernetes-sigs.github.io/metrics-server/", chart: "metrics-server", version: "3.13.0" },
  values: (ctx) => ({
    replicas: 2,
    podDisruptionBudget: { enabled: true, minAvailable: 1 },
    resources: { requests: { cpu: "100m", memory: "200Mi" }, limits: { memory: "400Mi" } },
    // kind and minikube kubelets serve self-signed certificates
    ...(ctx.cluster.spec.provider === "local" ? { args: ["--kubelet-insecure-tls"] } : {}),
  }),
  podSecurity: "restricted",
};

// The Vertical Pod Autoscaler, recommender only: it measures what tenant pods really use, and changes nothing.
import type { ComponentDef } from "../component";

export const vpa: ComponentDef = {
  app: "vpa",
  component: "vpa",
  namespace: "vpa",
  wave: 0,
  // cowboysysop's chart (11.1.1, VPA 1.5): kept current for years and widely used; the chart in
  // kubernetes/autoscaler still calls itself "not ready for production"; pin checked: gh-pages index.yaml of
  // github.com/cowboysysop/charts
  chart: { repoURL: "https://cowboysysop.github.io/charts/", chart: "vertical-pod-autoscaler", version: "11.1.1" },
  values: () => ({
    // the chart applies its CRDs with a hook Job, so nothing is applied by hand
    crds: { enabled: true },
    recommender: { replicaCount: 1, resources: { requests: { cpu: "50m", memory: "256Mi" }, limits: { memory: "1Gi" } } },
    // Tenants scale on CPU with HorizontalPodAutoscalers: a VPA updater evicting the same pods to resize them
    // would fight the HPA, and the admission controller's webhook certificate would be minted at render time.
    // VerticalPodAutoscaler objects in mode "Off" give the recommendations that size presets are tuned from.
    updater: { enabled: false },
    admissionController: { enabled: false },
  }),
  podSecurity: "restricted",
};

// A cluster echo endpoint (as Harmony has) to test the shared load balancer, ingress and TLS end to end.
import type { V1Deployment, V1Ingress, V1Service } from "@kubernetes/client-node";
import { ingressOf } from "../../../model/ingress";
import type { KubeObject } from "../../objects";
import type { ComponentContext, ComponentDef } from "../component";

const NAMESPACE = "echo";
const NAME = "echo";
const PORT = 8080;
const labels = { "app.kubernetes.io/name": NAME };

function objects(ctx: ComponentContext): KubeObject[] {
  const deployment: V1Deployment & KubeObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: NAME, namespace: NAMESPACE },
    spec: {
      replicas: 1,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          securityContext: { runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name: NAME,
              // Kubernetes' own test image: answers with the request it received
              image: "registry.k8s.io/e2e-test-images/agnhost:2.53",
              args: ["netexec", `--http-port=${PORT}`],
              ports: [{ name: "http", containerPort: PORT }],
              resources: { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "64Mi" } },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
            },
          ],
        },
      },
    },
  };
  const service: V1Service & KubeObject = {
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: NAME, namespace: NAMESPACE },
    spec: { selector: labels, ports: [{ name: "http", port: 80, targetPort: "http" }] },
  };
  const host = ctx.cluster.spec.hosts["echo"];
  if (!host) return [deployment, service];
  const ingress = ingressOf(ctx.platform, ctx.cluster.name);
  const route: V1Ingress & KubeObject = {
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name: NAME, namespace: NAMESPACE, annotations: { "cert-manager.io/cluster-issuer": ingress.clusterIssuer } },
    spec: {
      ingressClassName: ingress.className,
      tls: [{ hosts: [host], secretName: "echo-tls" }],
      rules: [{ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: NAME, port: { name: "http" } } } }] } }],
    },
  };
  return [deployment, service, route];
}

export const echo: ComponentDef = { app: "echo", component: "echo", namespace: NAMESPACE, wave: 5, objects, podSecurity: "restricted" };

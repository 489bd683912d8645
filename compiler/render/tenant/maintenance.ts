// The maintenance page of a tenant in `maintenance`: a small unprivileged nginx in the tenant namespace
// (ConfigMap with the page, Deployment, Service). Rendered only in that state; the Ingress points at it.
import type { V1ConfigMap, V1Deployment, V1Service } from "@kubernetes/client-node";
import { MAINTENANCE_SERVICE } from "../../model/names";
import type { ResolvedTenant } from "../../model/resolve";
import { hashOf } from "../../output/manifest";
import type { Platform } from "../../schema/platform";
import { tenantLabels, type KubeObject } from "../objects";
import { pullSecretsOf } from "./credentials";
import { maintenanceHtml, maintenanceNginxConf } from "./maintenance-page";

/** Runs as uid 101 and listens on 8080 by design; exact tag (the image's own build of nginx 1.27.4 on Alpine 3.21). */
export const MAINTENANCE_IMAGE = "docker.io/nginxinc/nginx-unprivileged:1.27.4-alpine3.21-slim";
const NGINX_UID = 101;
/** What the page's one pod asks for; the tenant's quota adds it while in maintenance. */
export const MAINTENANCE_RESOURCES = { requests: { cpu: "10m", memory: "16Mi" }, limits: { memory: "64Mi" } };
const PAGE_CONFIG = "maintenance-page";

export function maintenancePage(t: ResolvedTenant, platform: Platform): KubeObject[] {
  if (t.state !== "maintenance") return [];
  const ns = t.names.namespace;
  const labels = tenantLabels(t, platform.fleet);
  const meta = (name: string) => ({ name, namespace: ns, labels });
  const selector = { "app.kubernetes.io/name": MAINTENANCE_SERVICE.name };
  const data = { "default.conf": maintenanceNginxConf(MAINTENANCE_SERVICE.port), "maintenance.html": maintenanceHtml(t) };

  const config: V1ConfigMap & KubeObject = { apiVersion: "v1", kind: "ConfigMap", metadata: meta(PAGE_CONFIG), data };
  const service: V1Service & KubeObject = {
    apiVersion: "v1",
    kind: "Service",
    metadata: meta(MAINTENANCE_SERVICE.name),
    spec: { selector, ports: [{ name: "http", port: MAINTENANCE_SERVICE.port, targetPort: "http", protocol: "TCP" }] },
  };
  const deployment: V1Deployment & KubeObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: meta(MAINTENANCE_SERVICE.name),
    spec: {
      replicas: 1,
      selector: { matchLabels: selector },
      template: {
        // a changed page rolls the pod, which reads its files at start
        metadata: { labels: { ...labels, ...selector }, annotations: { "fleet.openedx.org/page-checksum": hashOf(JSON.stringify(data)) } },
        spec: {
          automountServiceAccountToken: false,
          ...withPullSecrets(pullSecretsOf(t, platform)),
          securityContext: { runAsNonRoot: true, runAsUser: NGINX_UID, runAsGroup: NGINX_UID, seccompProfile: { type: "RuntimeDefault" } },
          containers: [
            {
              name: "nginx",
              image: MAINTENANCE_IMAGE,
              env: [{ name: "NGINX_ENTRYPOINT_QUIET_LOGS", value: "1" }],
              ports: [{ name: "http", containerPort: MAINTENANCE_SERVICE.port, protocol: "TCP" }],
              resources: MAINTENANCE_RESOURCES,
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] } },
              readinessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10 },
              livenessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 30 },
              volumeMounts: [
                { name: "page", mountPath: "/usr/share/nginx/html", readOnly: true },
                { name: "conf", mountPath: "/etc/nginx/conf.d", readOnly: true },
                { name: "tmp", mountPath: "/tmp" },
              ],
            },
          ],
          volumes: [
            { name: "page", configMap: { name: PAGE_CONFIG, items: [{ key: "maintenance.html", path: "maintenance.html" }] } },
            { name: "conf", configMap: { name: PAGE_CONFIG, items: [{ key: "default.conf", path: "default.conf" }] } },
            { name: "tmp", emptyDir: { sizeLimit: "16Mi" } },
          ],
        },
      },
    },
  };
  return [config, service, deployment];
}

const withPullSecrets = (names: string[]) => (names.length > 0 ? { imagePullSecrets: names.map((name) => ({ name })) } : {});

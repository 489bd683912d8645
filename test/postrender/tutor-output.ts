// A small stand-in for Tutor 21's kustomize output, with its shapes: hashed ConfigMap names, the managed-by
// label in selectors, template Jobs labelled component=job, a NodePort mfe Service, the Namespace.
import YAML from "yaml";
import { build } from "../../compiler/compile";
import type { InitTask, RenderContext } from "../../compiler/postrender/index";
import { FIXTURE_FLEET } from "../helpers/fleet";

const tutorLabels = (name?: string) => ({
  "app.kubernetes.io/instance": "openedx-acme",
  "app.kubernetes.io/managed-by": "tutor",
  ...(name ? { "app.kubernetes.io/name": name } : {}),
  "app.kubernetes.io/part-of": "openedx",
});

const secretEnv = [{ name: "CMS_OAUTH2_SECRET", valueFrom: { secretKeyRef: { name: "openedx-secrets", key: "CMS_OAUTH2_SECRET" } } }];

function deployment(name: string) {
  return {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name, namespace: "acme", labels: tutorLabels(name) },
    spec: {
      selector: { matchLabels: tutorLabels(name) },
      template: {
        metadata: { labels: tutorLabels(name) },
        spec: { containers: [{ name, image: "docker.io/overhangio/openedx:21.0.8", env: secretEnv }], volumes: [{ name: "settings-lms", configMap: { name: "openedx-settings-lms-c4542c8bk6" } }] },
      },
    },
  };
}

function templateJob(service: string, image: string, command?: string[]) {
  return {
    apiVersion: "batch/v1",
    kind: "Job",
    metadata: { name: `${service}-job`, namespace: "acme", labels: { "app.kubernetes.io/component": "job", ...tutorLabels() } },
    spec: { template: { spec: { restartPolicy: "Never", containers: [{ name: service, image, ...(command ? { command } : {}), ...(service === "lms" ? { env: secretEnv } : {}) }] } } },
  };
}

const service = (name: string, port: number, type?: string) => ({
  apiVersion: "v1",
  kind: "Service",
  metadata: { name, namespace: "acme", labels: tutorLabels(name) },
  spec: { ...(type ? { type } : {}), ports: [{ port, protocol: "TCP", ...(type === "NodePort" ? { nodePort: 30080 } : {}) }], selector: tutorLabels(name) },
});

const configMap = (name: string, data: Record<string, string>) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name, namespace: "acme", labels: tutorLabels() }, data });

export function tutorObjects(): Record<string, unknown>[] {
  return [
    { apiVersion: "v1", kind: "Namespace", metadata: { name: "acme", labels: tutorLabels() } },
    configMap("caddy-config-72kdfb42ck", { Caddyfile: "{$default_site_port} {\n  reverse_proxy lms:8000\n}\n" }),
    configMap("openedx-settings-lms-c4542c8bk6", { "production.py": 'SECRET_KEY = "from-cluster-secret:OPENEDX_SECRET_KEY"\n' }),
    configMap("openedx-config-7259f44476", { "lms.env.yml": 'SECRET_KEY: "from-cluster-secret:OPENEDX_SECRET_KEY"\n' }),
    service("caddy", 80),
    service("lms", 8000),
    service("cms", 8000),
    service("mfe", 8002, "NodePort"),
    deployment("caddy"),
    deployment("lms"),
    deployment("cms"),
    deployment("lms-worker"),
    deployment("cms-worker"),
    // the mfe plugin's Deployment (Tutor's smtp relay never renders: RUN_SMTP is false)
    { ...deployment("mfe"), spec: { ...deployment("mfe").spec, template: { metadata: { labels: tutorLabels("mfe") }, spec: { containers: [{ name: "mfe", image: "docker.io/overhangio/openedx-mfe:21.0.0", ports: [{ containerPort: 8002 }] }] } } } },
    templateJob("lms", "docker.io/overhangio/openedx:21.0.8"),
    templateJob("cms", "docker.io/overhangio/openedx:21.0.8"),
    templateJob("mysql", "docker.io/mysql:8.4.0", []),
    { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", metadata: { name: "lms-hpa", namespace: "acme" }, spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "lms" }, minReplicas: 1, maxReplicas: 2 } },
  ];
}

export const toManifests = (objects: unknown[]) => objects.map((o) => `---\n${YAML.stringify(o)}`).join("");
export const tutorOutput = () => toManifests(tutorObjects());

export const initTasks = (): InitTask[] => [
  { contexts: ["app:lms"], service: "lms", script: "for d in /mnt/*; do :; done\n" },
  { contexts: ["app:mysql"], service: "mysql", script: 'mysql --password="from-cluster-secret:MYSQL_ROOT_PASSWORD" -e "CREATE DATABASE acme"\n' },
  { contexts: ["app:meilisearch"], service: "lms", script: "client = meilisearch.Client(url, 'from-cluster-secret:MEILISEARCH_MASTER_KEY')\n" },
  { contexts: ["app:lms"], service: "lms", script: "./manage.py lms migrate\n./manage.py lms create_dot_application --client-secret from-cluster-secret:CMS_OAUTH2_SECRET cms-sso cms\n" },
  { contexts: ["app:cms"], service: "cms", script: "./manage.py cms migrate\n" },
  { contexts: ["app:mfe", "plugins"], service: "lms", script: "./manage.py lms create_dot_application learning_mfe\n" },
];

export const context: RenderContext = {
  tenant: "acme",
  namespace: "acme",
  labels: { "app.kubernetes.io/managed-by": "openedx-fleet", "fleet.openedx.org/fleet": "example", "fleet.openedx.org/tenant": "acme" },
  // the example tenant's resolved size (preset small)
  size: build(FIXTURE_FLEET).model.tenants.find((t) => t.id === "acme")!.size,
  tutorPlugins: "../../tutor/plugins",
};

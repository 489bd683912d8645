// What the compiler knows of Tutor 21's settings: which a tenant may tune in `tutor`, which the compiler
// sets itself, and which hold secrets. Tutor silently keeps unknown keys; we refuse them instead.

type Kind = "string" | "number" | "boolean" | "list" | "dict";

/** Core settings a tenant may set through `tutor: { ... }`, with the type of their value. */
export const TUNABLE_CORE_KEYS: Record<string, Kind> = {
  ATLAS_OPTIONS: "string",
  ATLAS_REPOSITORY: "string",
  ATLAS_REVISION: "string",
  CMS_OAUTH2_KEY_SSO: "string",
  DOCKER_IMAGE_CADDY: "string",
  DOCKER_IMAGE_MEILISEARCH: "string",
  DOCKER_IMAGE_MONGODB: "string",
  DOCKER_IMAGE_MYSQL: "string",
  DOCKER_IMAGE_PERMISSIONS: "string",
  DOCKER_IMAGE_REDIS: "string",
  DOCKER_IMAGE_SMTP: "string",
  EDX_PLATFORM_REPOSITORY: "string",
  EDX_PLATFORM_VERSION: "string",
  JWT_COMMON_AUDIENCE: "string",
  MONGODB_AUTH_MECHANISM: "string",
  NPM_REGISTRY: "string",
  OPENEDX_AWS_ACCESS_KEY: "string",
  OPENEDX_CMS_UWSGI_WORKERS: "number",
  OPENEDX_COMMON_VERSION: "string",
  OPENEDX_EXTRA_PIP_REQUIREMENTS: "list",
  OPENEDX_LMS_UWSGI_WORKERS: "number",
  SMTP_HOST: "string",
  SMTP_PORT: "number",
  SMTP_USERNAME: "string",
  SMTP_USE_SSL: "boolean",
  SMTP_USE_TLS: "boolean",
};

/** Settings the compiler writes from the tenant file; the reason names the field to change instead. */
export const OWNED_KEYS: Record<string, string> = {
  ID: "derived from the tenant id, so Deployment selectors never change",
  LMS_HOST: "set from `hosts.lms`",
  CMS_HOST: "set from `hosts.cms`",
  MFE_HOST: "set from `hosts.mfe`",
  K8S_NAMESPACE: "the tenant's namespace is its id",
  PLATFORM_NAME: "set from `platformName`",
  CONTACT_EMAIL: "set from `contactEmail`",
  LANGUAGE_CODE: "set from `language`",
  PLUGINS: "set from `plugins`",
  PLUGIN_INDEXES: "plugins come from the platform's pinned catalog only",
  DOCKER_IMAGE_OPENEDX: "set from `image` (or the release's default image)",
  DOCKER_REGISTRY: "set `image.registry` instead",
  DOCKER_IMAGE_OPENEDX_DEV: "development images are not used on a cluster",
  ENABLE_HTTPS: "TLS is always on, terminated by the platform's ingress",
  ENABLE_WEB_PROXY: "the platform's ingress is the web proxy",
  CADDY_HTTP_PORT: "Caddy is the in-cluster router; its port is fixed",
  JWT_COMMON_ISSUER: "derived from `hosts.lms`",
  MOUNTS: "bind mounts are a local-development feature",
  DEV_PROJECT_NAME: "not used on Kubernetes",
  LOCAL_PROJECT_NAME: "not used on Kubernetes",
  RUN_MYSQL: "set from `services.mysql`",
  RUN_MONGODB: "set from `services.mongodb`",
  RUN_REDIS: "set from `services.redis`",
  RUN_MEILISEARCH: "set from `services.search`",
  RUN_SMTP: "set by the platform",
  MYSQL_HOST: "set from `services.mysql`",
  MYSQL_PORT: "set from `services.mysql`",
  MYSQL_ROOT_USERNAME: "a tenant never holds admin credentials of a shared database",
  OPENEDX_MYSQL_DATABASE: "derived from the tenant id",
  OPENEDX_MYSQL_USERNAME: "derived from the tenant id",
  MONGODB_HOST: "set from `services.mongodb`",
  MONGODB_PORT: "set from `services.mongodb`",
  MONGODB_DATABASE: "derived from the tenant id",
  MONGODB_USERNAME: "derived from the tenant id",
  MONGODB_AUTH_SOURCE: "set from `services.mongodb`",
  MONGODB_REPLICA_SET: "set from `services.mongodb`",
  MONGODB_USE_SSL: "set from `services.mongodb`",
  REDIS_HOST: "set from `services.redis`",
  REDIS_PORT: "set from `services.redis`",
  REDIS_USERNAME: "derived from the tenant id",
  OPENEDX_CACHE_REDIS_DB: "set from `services.redis`",
  OPENEDX_CELERY_REDIS_DB: "set from `services.redis`",
  MEILISEARCH_URL: "set from `services.search`",
  MEILISEARCH_HOST: "set from `services.search`",
  MEILISEARCH_PUBLIC_URL: "set from `services.search`",
  MEILISEARCH_INDEX_PREFIX: "derived from the tenant id",
  MEILISEARCH_API_KEY_UID: "derived from the tenant id",
  FLEET_SECRETS_REDIS_KEY_PREFIX: "derived from the tenant id (the shared Redis's ACL admits only these keys)",
  FLEET_SECRETS_EXTRA_HOSTS: "set from `hosts.extra`",
  K8S_HARMONY_NAMESPACE: "set by the platform",
  K8S_HARMONY_INGRESS_CLASS_NAME: "set by the platform",
  K8S_HARMONY_ADDITIONAL_INGRESS_HOST_LIST: "set from `hosts.extra`",
  K8S_HARMONY_SEARCH_CLUSTER_INDEX_PREFIX: "derived from the tenant id",
  K8S_HARMONY_ENABLE_SHARED_SEARCH_CLUSTER: "set from `services.search`",
};

/** Settings that hold secrets: they live only in the cluster, never in git. */
export const SECRET_KEYS = new Set([
  "CMS_OAUTH2_SECRET",
  "JWT_COMMON_SECRET_KEY",
  "JWT_RSA_PRIVATE_KEY",
  "MEILISEARCH_API_KEY",
  "MEILISEARCH_MASTER_KEY",
  "MONGODB_PASSWORD",
  "MYSQL_ROOT_PASSWORD",
  "OPENEDX_AWS_SECRET_ACCESS_KEY",
  "OPENEDX_MYSQL_PASSWORD",
  "OPENEDX_SECRET_KEY",
  "REDIS_PASSWORD",
  "SMTP_PASSWORD",
  "K8S_HARMONY_SEARCH_CLUSTER_HTTP_AUTH",
]);

/** Plugin settings we can check by name; other catalog plugins' keys are checked by prefix only. */
export const PLUGIN_KEYS: Record<string, Record<string, Kind>> = {
  mfe: {
    MFE_CADDY_DOCKER_IMAGE: "string",
    MFE_COMMON_VERSION: "string",
    MFE_DOCKER_IMAGE: "string",
    MFE_DOCKER_IMAGE_DEV_PREFIX: "string",
    MFE_HOST_EXTRA_FILES: "boolean",
  },
  k8s_harmony: {
    K8S_HARMONY_DEPLOYMENT_REVISION_HISTORY_LIMIT: "number",
  },
  "pod-autoscaling": {
    POD_AUTOSCALING_EXTRA_SERVICES: "dict",
  },
};

const SECRET_LOOKING = /(PASSWORD|SECRET|PRIVATE_KEY|API_KEY|MASTER_KEY|TOKEN|HTTP_AUTH|CREDENTIALS)/;

/** The settings prefix of a plugin: `pod-autoscaling` → `POD_AUTOSCALING_`. */
export const pluginPrefix = (plugin: string) => `${plugin.toUpperCase().replace(/-/g, "_")}_`;

export type TutorKeyVerdict =
  | { ok: true; kind?: Kind }
  | { ok: false; code: "tutor-secret" | "tutor-owned" | "tutor-unknown"; reason: string; suggestions: string[] };

/** Decides whether a tenant may set `key`, given the plugins it enables. */
export function checkTutorKey(key: string, plugins: readonly string[]): TutorKeyVerdict {
  // owned first: a compiler-set key whose name looks secret (FLEET_SECRETS_*) is refused for what it is
  if (key in OWNED_KEYS) return { ok: false, code: "tutor-owned", reason: `is set by the compiler: ${OWNED_KEYS[key]}`, suggestions: [] };
  if (SECRET_KEYS.has(key) || SECRET_LOOKING.test(key)) {
    return { ok: false, code: "tutor-secret", reason: "holds a secret: secrets are generated and kept in the cluster, never written in git", suggestions: [] };
  }
  if (key in TUNABLE_CORE_KEYS) return { ok: true, kind: TUNABLE_CORE_KEYS[key] };
  for (const plugin of plugins) {
    const known = PLUGIN_KEYS[plugin];
    if (known && key in known) return { ok: true, kind: known[key] };
    if (!known && key.startsWith(pluginPrefix(plugin))) return { ok: true };
  }
  const suggestions = [...Object.keys(TUNABLE_CORE_KEYS), ...plugins.flatMap((p) => Object.keys(PLUGIN_KEYS[p] ?? {}))];
  const owner = Object.entries(PLUGIN_KEYS).find(([, keys]) => key in keys)?.[0];
  const reason = owner ? `belongs to the plugin "${owner}", which this tenant does not enable` : "is not a Tutor 21 setting the compiler knows";
  return { ok: false, code: "tutor-unknown", reason, suggestions };
}

export function kindOf(value: unknown): Kind {
  if (Array.isArray(value)) return "list";
  if (value !== null && typeof value === "object") return "dict";
  return typeof value as Kind;
}

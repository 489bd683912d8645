// What the compiler knows of Tutor 21's settings: which a tenant may tune in `tutor`, which the compiler
// sets itself, and which hold secrets. Tutor silently keeps unknown keys; we refuse them instead.
import { z } from "zod";
import { TutorText } from "../schema/tutor-text";
import { PLUGIN_KEYS } from "./plugin-keys";
import { GitRef, HostOrAddress, ImageRef, PipRequirement, PlainUrl, Port, ShellWords, Text, Token, Workers } from "./value-types";

export { PLUGIN_KEYS };

/** Core settings a tenant may set through `tutor: { ... }`, with the type of their value (Tutor 21.0.8's
 * templates show where each lands: Python settings, YAML env files, shell scripts, the Dockerfile). */
export const TUNABLE_CORE_KEYS: Record<string, z.ZodType> = {
  ATLAS_OPTIONS: ShellWords,
  ATLAS_REPOSITORY: TutorText.regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, { error: "ATLAS_REPOSITORY is a GitHub owner/name, e.g. openedx/openedx-translations" }),
  ATLAS_REVISION: GitRef,
  CMS_OAUTH2_KEY_SSO: Token,
  DOCKER_IMAGE_CADDY: ImageRef,
  DOCKER_IMAGE_MEILISEARCH: ImageRef,
  DOCKER_IMAGE_MONGODB: ImageRef,
  DOCKER_IMAGE_MYSQL: ImageRef,
  DOCKER_IMAGE_PERMISSIONS: ImageRef,
  DOCKER_IMAGE_REDIS: ImageRef,
  DOCKER_IMAGE_SMTP: ImageRef,
  EDX_PLATFORM_REPOSITORY: PlainUrl,
  EDX_PLATFORM_VERSION: GitRef,
  JWT_COMMON_AUDIENCE: Token,
  MONGODB_AUTH_MECHANISM: z.enum(["", "SCRAM-SHA-1", "SCRAM-SHA-256", "MONGODB-X509", "MONGODB-AWS", "MONGODB-OIDC", "PLAIN", "GSSAPI"]),
  NPM_REGISTRY: PlainUrl,
  OPENEDX_AWS_ACCESS_KEY: TutorText.regex(/^[A-Z0-9]{0,128}$/, { error: "an AWS access key id is upper-case letters and digits" }),
  OPENEDX_CMS_UWSGI_WORKERS: Workers,
  OPENEDX_COMMON_VERSION: GitRef,
  OPENEDX_EXTRA_PIP_REQUIREMENTS: z.array(PipRequirement).max(50),
  OPENEDX_LMS_UWSGI_WORKERS: Workers,
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
  MFE_DOCKER_IMAGE_DEV_PREFIX: "development images are not used on a cluster",
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
  RUN_SMTP: "Tutor's own relay never runs: mail goes through the platform's relay (`mail`)",
  SMTP_HOST: "set from `mail` (the tenant's own relay) or the platform's relay",
  SMTP_PORT: "set from `mail` (the tenant's own relay) or the platform's relay",
  SMTP_USERNAME: "set from `mail` (the tenant's own relay) or the platform's relay",
  SMTP_USE_TLS: "set from `mail.security`",
  SMTP_USE_SSL: "set from `mail.security`",
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

const SECRET_LOOKING = /(PASSWORD|SECRET|PRIVATE_KEY|API_KEY|MASTER_KEY|TOKEN|HTTP_AUTH|CREDENTIALS)/;

export type TutorKeyVerdict =
  | { ok: true; schema: z.ZodType }
  | { ok: false; code: "tutor-secret" | "tutor-owned" | "tutor-unknown"; reason: string; suggestions: string[] };

/** Decides whether a tenant may set `key`, given the plugins it enables, and the type of its value. */
export function checkTutorKey(key: string, plugins: readonly string[]): TutorKeyVerdict {
  // owned first: a compiler-set key whose name looks secret (FLEET_SECRETS_*) is refused for what it is
  if (Object.hasOwn(OWNED_KEYS, key)) return { ok: false, code: "tutor-owned", reason: `is set by the compiler: ${OWNED_KEYS[key]}`, suggestions: [] };
  if (SECRET_KEYS.has(key) || SECRET_LOOKING.test(key)) {
    return { ok: false, code: "tutor-secret", reason: "holds a secret: secrets are generated and kept in the cluster, never written in git", suggestions: [] };
  }
  if (Object.hasOwn(TUNABLE_CORE_KEYS, key)) return { ok: true, schema: TUNABLE_CORE_KEYS[key]! };
  const enabled = plugins.filter((p) => Object.hasOwn(PLUGIN_KEYS, p));
  for (const plugin of enabled) {
    if (Object.hasOwn(PLUGIN_KEYS[plugin]!, key)) return { ok: true, schema: PLUGIN_KEYS[plugin]![key]! };
  }
  const suggestions = [...Object.keys(TUNABLE_CORE_KEYS), ...enabled.flatMap((p) => Object.keys(PLUGIN_KEYS[p]!))];
  const owner = Object.entries(PLUGIN_KEYS).find(([, keys]) => Object.hasOwn(keys, key))?.[0];
  const reason = owner
    ? `belongs to the plugin "${owner}", which this tenant does not enable`
    : "is not a Tutor 21 setting a tenant may set (core settings and those its enabled plugins define)";
  return { ok: false, code: "tutor-unknown", reason, suggestions };
}

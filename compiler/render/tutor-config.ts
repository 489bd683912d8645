// generated/tenants/<id>/config.yml: the Tutor 21 configuration of one instance, with no secret in it.
import { endpointsOf } from "../model/endpoints";
import type { ResolvedTenant } from "../model/resolve";
import { GENERATED_SECRET_KEYS, secretPlaceholder } from "../tutor/pinned";
import { SMTP_PASSWORD, STORAGE_ENV } from "../tutor/secret-env";
import { STORAGE_CONFIG } from "../tutor/storage-settings";
import { searchKeyUid } from "./tenant/data/search";
import { FLEET_CONFIG, FLEET_PLUGIN } from "./tenant/tutor-plugin";
import type { Json } from "./yaml";

/**
 * Mail goes through the relay the platform (or the tenant) declares, never through Tutor's own exim relay,
 * which needs port 25 outbound. The password is a placeholder the fleet_secrets plugin fills from the
 * cluster (openedx-smtp). Without a declared relay, Django's mail goes nowhere: the compiler warns.
 */
function mailConfig(t: ResolvedTenant): Record<string, Json> {
  const relay = t.mail?.relay;
  if (!relay) return { RUN_SMTP: false, SMTP_HOST: "localhost", SMTP_PORT: 25, SMTP_USE_TLS: false, SMTP_USE_SSL: false };
  return {
    RUN_SMTP: false,
    SMTP_HOST: relay.host,
    SMTP_PORT: relay.port,
    SMTP_USE_TLS: relay.security === "starttls",
    SMTP_USE_SSL: relay.security === "tls",
    SMTP_USERNAME: relay.username ?? "",
    ...(t.mail?.passwordSecret ? { SMTP_PASSWORD: secretPlaceholder(SMTP_PASSWORD) } : {}),
  };
}

/** The tenant's bucket (the fleet plugin configures django-storages from it); its keys are placeholders. */
function addStorageConfig(config: Record<string, Json>, t: ResolvedTenant): void {
  const s = t.storage;
  if (!s) return;
  // assigned one by one, not built with computed keys and spreads: a thousand tenants ask
  config[STORAGE_CONFIG.bucket] = s.bucket;
  config[STORAGE_CONFIG.endpointUrl] = s.endpointUrl;
  config[STORAGE_CONFIG.region] = s.spec.region;
  // MinIO serves buckets under the endpoint's path; S3 and Spaces as host names
  config[STORAGE_CONFIG.addressingStyle] = s.spec.provider === "minio" ? "path" : "virtual";
  // with IRSA there is no key pair: boto3 takes the role's token that EKS mounts
  if (s.roleArn) config[STORAGE_CONFIG.irsa] = true;
  else {
    config.OPENEDX_AWS_ACCESS_KEY = secretPlaceholder(STORAGE_ENV.accessKeyId);
    config.OPENEDX_AWS_SECRET_ACCESS_KEY = secretPlaceholder(STORAGE_ENV.secretAccessKey);
  }
}

export function tutorConfig(t: ResolvedTenant): Record<string, Json> {
  const e = endpointsOf(t);
  const n = t.names;
  const config: Record<string, Json> = {
    // identity and site
    ID: n.tutorId,
    LMS_HOST: t.hosts.lms,
    CMS_HOST: t.hosts.cms,
    PLATFORM_NAME: t.platformName,
    CONTACT_EMAIL: t.contactEmail,
    LANGUAGE_CODE: t.language,
    K8S_NAMESPACE: n.namespace,
    DOCKER_IMAGE_OPENEDX: t.image,
    // TLS ends at the platform's ingress; Caddy only routes inside the namespace
    ENABLE_HTTPS: true,
    ENABLE_WEB_PROXY: false,
    // the generated plugin (plugins/fleet_secrets.yml) makes Open edX read its secrets from the cluster
    PLUGINS: [...t.plugins, FLEET_PLUGIN].sort(),
    PLUGIN_INDEXES: [],
    // backing services
    RUN_MYSQL: false,
    MYSQL_HOST: e.mysql.host,
    MYSQL_PORT: e.mysql.port,
    OPENEDX_MYSQL_DATABASE: n.mysqlDatabase,
    OPENEDX_MYSQL_USERNAME: n.mysqlUser,
    RUN_MONGODB: false,
    MONGODB_HOST: e.mongodb.host,
    MONGODB_PORT: e.mongodb.port,
    MONGODB_DATABASE: n.mongodbDatabase,
    MONGODB_USERNAME: n.mongodbUser,
    MONGODB_AUTH_SOURCE: e.mongodb.authSource,
    MONGODB_REPLICA_SET: e.mongodb.replicaSet,
    MONGODB_USE_SSL: e.mongodb.useSsl,
    RUN_REDIS: false,
    REDIS_HOST: e.redis.host,
    REDIS_PORT: e.redis.port,
    REDIS_USERNAME: n.redisUser,
    // the generated plugin prefixes every Redis key with it: the shared Redis's ACL admits only those keys
    [FLEET_CONFIG.redisKeyPrefix]: n.redisKeyPrefix,
    [FLEET_CONFIG.extraHosts]: t.hosts.extra,
    RUN_MEILISEARCH: false,
    MEILISEARCH_URL: e.search.url,
    MEILISEARCH_PUBLIC_URL: e.search.publicUrl,
    MEILISEARCH_INDEX_PREFIX: n.searchIndexPrefix,
    MEILISEARCH_API_KEY_UID: searchKeyUid(t.id),
  };
  Object.assign(config, mailConfig(t));
  addStorageConfig(config, t);
  if (t.plugins.includes("mfe")) config.MFE_HOST = t.hosts.mfe;
  for (const key of GENERATED_SECRET_KEYS) config[key] = secretPlaceholder(key);
  // the tenant's own settings were checked against the owned and secret keys, so they cannot override the above
  for (const [key, value] of Object.entries(t.tutor)) config[key] = value as Json;
  return config;
}

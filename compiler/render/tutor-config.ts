// generated/tenants/<id>/config.yml: the Tutor 21 configuration of one instance, with no secret in it.
import { endpointsOf } from "../model/endpoints";
import type { ResolvedTenant } from "../model/resolve";
import { GENERATED_SECRET_KEYS, secretPlaceholder } from "../tutor/pinned";
import { SMTP_PASSWORD } from "../tutor/secret-env";
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
  if (t.plugins.includes("mfe")) config.MFE_HOST = t.hosts.mfe;
  for (const key of GENERATED_SECRET_KEYS) config[key] = secretPlaceholder(key);
  // the tenant's own settings were checked against the owned and secret keys, so they cannot override the above
  for (const [key, value] of Object.entries(t.tutor)) config[key] = value as Json;
  return config;
}

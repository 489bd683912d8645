// Where each tenant's secrets live in the cluster. Nothing here holds a value: values are generated in the
// cluster and never leave it. Renderers of provisioning (databases, search) and of the instance agree on
// these names.

/** Secret in the tenant namespace holding the tenant's own generated credentials (ExternalSecret, CreatedOnce). */
export const TENANT_SECRET = "openedx-secrets";

/** Keys of TENANT_SECRET. */
export const TENANT_SECRET_KEYS = {
  /** Django SECRET_KEY (Tutor's OPENEDX_SECRET_KEY). */
  secretKey: "OPENEDX_SECRET_KEY",
  /** Password of the tenant's MySQL user. */
  mysqlPassword: "OPENEDX_MYSQL_PASSWORD",
  /** Password of the tenant's MongoDB user. */
  mongodbPassword: "MONGODB_PASSWORD",
  /** Password of the tenant's Redis ACL user. */
  redisPassword: "REDIS_PASSWORD",
  /** OAuth2 client secret of Studio's SSO client. */
  cmsOauth2Secret: "CMS_OAUTH2_SECRET",
} as const;

/** Secret in the tenant namespace with the tenant's Meilisearch API key (restricted to its index prefix). */
export const SEARCH_KEY_SECRET = "openedx-search-key";
export const SEARCH_KEY_SECRET_KEY = "MEILISEARCH_API_KEY";

/** Secret in the tenant namespace with the JWT signing key pair (RSA, made in-cluster). */
export const JWT_SECRET = "openedx-jwt";

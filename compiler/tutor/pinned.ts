// Values Tutor would otherwise invent at the first `tutor config save`, pinned so every render is the same.
import { createHash } from "node:crypto";

/** Secrets are never in git: config.yml holds this placeholder and the value comes from the cluster. */
export const secretPlaceholder = (key: string) => `from-cluster-secret:${key}`;

/** Tutor's generated keys that hold secrets; each is pinned to a placeholder. */
export const GENERATED_SECRET_KEYS = [
  "CMS_OAUTH2_SECRET",
  "JWT_RSA_PRIVATE_KEY",
  "MEILISEARCH_API_KEY",
  "MEILISEARCH_MASTER_KEY",
  "MYSQL_ROOT_PASSWORD",
  "OPENEDX_MYSQL_PASSWORD",
  "OPENEDX_SECRET_KEY",
] as const;

// Fixed namespace for name-based UUIDs of this project (RFC 4122 §4.3); changing it would change every key UID.
const UUID_NAMESPACE = "5b8e0a52-6f2d-4c1e-9d7a-3f0c2b1a4e6d";

/** RFC 4122 version-5 UUID: a stable UUID for a name, e.g. the Meilisearch API key UID of a tenant. */
export function uuidV5(name: string, namespace = UUID_NAMESPACE): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  const hash = createHash("sha1").update(ns).update(name, "utf8").digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

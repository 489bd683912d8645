// The naming and matching rules of each system a name derived from a tenant id ends up in: what a name may
// hold there, which characters that system reads as wildcards, and so what a pattern reaches. Renderers
// escape through these functions, and fleet invariants decide overlaps with `reach`, never by equality.

/** What a name or pattern can match in its system: one name, or every name that starts with `prefix`. */
export interface Reach {
  prefix: string;
  exact: boolean;
}

/** Whether two reaches share at least one name. */
export function overlaps(a: Reach, b: Reach): boolean {
  if (a.exact && b.exact) return a.prefix === b.prefix;
  if (a.exact) return a.prefix.startsWith(b.prefix);
  if (b.exact) return b.prefix.startsWith(a.prefix);
  return a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
}

/**
 * Reads a pattern as its system does: literal text up to the first unescaped wildcard. A wildcard anywhere
 * but at the end is over-approximated as "anything after the prefix", which only ever finds more overlaps.
 */
function reachOf(pattern: string, wildcards: string, escape: string | undefined = "\\"): Reach {
  let literal = "";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === escape && i + 1 < pattern.length) literal += pattern[++i];
    else if (wildcards.includes(c)) return { prefix: literal, exact: false };
    else literal += c;
  }
  return { prefix: literal, exact: true };
}

/** Puts `\` before every character of `specials` (and before `\` itself). */
function escapeWith(text: string, specials: string): string {
  let out = "";
  for (const c of text) out += specials.includes(c) || c === "\\" ? `\\${c}` : c;
  return out;
}

/** MySQL and MariaDB (the shared server is MariaDB, managed by mariadb-operator). */
export const MYSQL = {
  /** Tutor writes the names unquoted into SQL and URLs, so no '-'; ids hold no '_', so the mapping is one-to-one. */
  name: (id: string) => id.replace(/-/g, "_"),
  /**
   * GRANT reads `_` and `%` in a database name as LIKE wildcards, even inside backquotes: a grant on `ac_e`
   * also covers `acme`. mariadb-operator 26.6.0 passes Grant.spec.database through, only backquoted
   * (pkg/sql/sql.go escapeWildcard), so the escape belongs in the CR.
   */
  grantDatabase: (database: string) => escapeWith(database, "_%"),
  grantReach: (pattern: string) => reachOf(pattern, "_%"),
  /** Names differ by case only where lower_case_table_names=0; some servers and managed services fold case. */
  normalise: (name: string) => name.toLowerCase(),
  /** System schemas and accounts (MariaDB 10.11 adds the PUBLIC role; `mariadb.sys` owns system views). */
  reserved: new Set(["mysql", "sys", "information_schema", "performance_schema", "root", "public", "mariadb.sys", "mariadb"]),
  limits: { database: 64, user: 32 },
} as const;

/** MongoDB (Percona Server for MongoDB on a shared instance). */
export const MONGODB = {
  /** Database names cannot hold `/\. "$*<>:|?`; '-' is legal but the tenant's names follow MySQL's for one name per tenant. */
  name: (id: string) => id.replace(/-/g, "_"),
  /** MongoDB refuses two databases whose names differ only by case. */
  normalise: (name: string) => name.toLowerCase(),
  /** Roles are granted on a database by exact name: no pattern. */
  roleReach: (database: string): Reach => ({ prefix: database.toLowerCase(), exact: true }),
  /** Selective restore takes mongorestore's namespace patterns: `*` matches, `\` escapes. */
  restoreNamespace: (database: string) => `${escapeWith(database, "*")}.*`,
  reserved: new Set(["admin", "local", "config"]),
  limits: { database: 63 },
} as const;

/** Users of the shared Redis that are not tenants: `default` (may only PING, for probes) and the platform's own. */
const REDIS_USERS = { probe: "default", admin: "admin" } as const;

/** Redis and Valkey ACLs. */
export const REDIS = {
  /** ACL key (`~`) and channel (`&`) patterns are globs: `*`, `?` and `[...]` match, `\` escapes. */
  pattern: (prefix: string) => `${escapeWith(prefix, "*?[]")}*`,
  reach: (pattern: string) => reachOf(pattern, "*?["),
  users: REDIS_USERS,
  reserved: new Set<string>(Object.values(REDIS_USERS)),
} as const;

/** Meilisearch API keys. */
export const MEILISEARCH = {
  /** An index uid holds `[A-Za-z0-9_-]`; an API key's `indexes` entry may end with one `*`, matching any rest. */
  indexPattern: (prefix: string) => `${prefix}*`,
  reach: (pattern: string): Reach => (pattern.endsWith("*") ? { prefix: pattern.slice(0, -1), exact: false } : { prefix: pattern, exact: true }),
  validIndexUid: (uid: string) => /^[A-Za-z0-9_-]{1,400}$/.test(uid),
} as const;

/** Kubernetes object names and label values. */
export const KUBERNETES = {
  /** Namespaces are DNS-1123 labels; Helm release names are cut at 53 by Helm itself. */
  limits: { namespace: 63, helmRelease: 53, labelValue: 63 },
} as const;

/** DNS host names, compared label by label. */
export const DNS = {
  /** `host` is `domain` or a host under it (whole labels: `notacme.example.org` is not under `acme.example.org`). */
  atOrUnder: (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`),
  /** The domains above `host`, nearest first: `a.b.c` → `b.c`, `c`. */
  parents(host: string): string[] {
    const out: string[] = [];
    for (let i = host.indexOf("."); i >= 0; i = host.indexOf(".", i + 1)) out.push(host.slice(i + 1));
    return out;
  },
} as const;

/**
 * Browser cookies. Tutor 21 sets SESSION_COOKIE_DOMAIN to LMS_HOST (lms.env.yml) and CMS_HOST (cms.env.yml);
 * Open edX's shared (JWT) cookies follow SESSION_COOKIE_DOMAIN. A cookie with a Domain attribute is sent to
 * that host and to every host under it, so another owner's host there would receive the tenant's sessions.
 */
export const COOKIES = {
  scopes: (hosts: { lms: string; cms: string }) => [hosts.lms, hosts.cms],
} as const;

/** S3 bucket names (AWS's rules; Spaces and MinIO follow them): global, 3–63 characters, lower-case letters,
 * digits, '-' and '.', starting and ending with a letter or digit, and none of the reserved prefixes and suffixes. */
export const S3 = {
  bucket: (prefix: string, id: string) => `${prefix}-${id}`,
  bucketProblem(name: string): string | undefined {
    if (name.length < 3 || name.length > 63) return `is ${name.length} characters long (S3 allows 3 to 63)`;
    if (!/^[a-z0-9][a-z0-9.-]*[a-z0-9]$/.test(name)) return "holds characters S3 refuses in a bucket name";
    if (/^(xn--|sthree-|amzn-s3-demo-)/.test(name) || /(-s3alias|--ol-s3|--x-s3|--table-s3)$/.test(name)) return "starts or ends with a prefix or suffix S3 reserves";
    return undefined;
  },
} as const;

// Which objects hold data that a sync must never delete or prune on its own: they carry KEEP_DATA
// (render/argocd.ts), and `npm run check` refuses any that does not.

/** `group/kind` (core group empty) of every kind whose deletion loses data or credentials. */
export const DATA_BEARING_KINDS: ReadonlySet<string> = new Set([
  "/Namespace", // deleting it deletes everything in it
  "/PersistentVolumeClaim",
  "/Secret", // credentials generated in the cluster cannot be regenerated without breaking the instance
  "external-secrets.io/ExternalSecret", // when it generates its values (see isDataBearing)
  "k8s.mariadb.com/MariaDB",
  "k8s.mariadb.com/Database",
  "k8s.mariadb.com/User",
  "k8s.mariadb.com/Grant",
  "psmdb.percona.com/PerconaServerMongoDB",
  "mongodbcommunity.mongodb.com/MongoDBCommunity",
]);

const groupOf = (apiVersion: string) => {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? "" : apiVersion.slice(0, slash);
};

// the same set by kind, then group: most objects (Deployments, Services, policies) are passed on their kind alone
const GROUPS_BY_KIND = new Map<string, Set<string>>();
for (const k of DATA_BEARING_KINDS) {
  const slash = k.indexOf("/");
  const [group, kind] = [k.slice(0, slash), k.slice(slash + 1)];
  GROUPS_BY_KIND.set(kind, (GROUPS_BY_KIND.get(kind) ?? new Set()).add(group));
}

/**
 * An ExternalSecret holds data only when it generates its values (a Password generator): deleting it
 * deletes the credentials, which exist nowhere else. One that copies a Secret from a store can be remade.
 */
export function isDataBearing(o: { apiVersion: string; kind: string; spec?: unknown }): boolean {
  if (!GROUPS_BY_KIND.get(o.kind)?.has(groupOf(o.apiVersion))) return false;
  if (o.kind !== "ExternalSecret") return true;
  const dataFrom = (o.spec as { dataFrom?: { sourceRef?: { generatorRef?: unknown } }[] } | undefined)?.dataFrom ?? [];
  return dataFrom.some((d) => d.sourceRef?.generatorRef !== undefined);
}

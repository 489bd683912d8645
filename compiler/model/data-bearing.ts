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

const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.split("/")[0]! : "");

/**
 * An ExternalSecret holds data only when it generates its values (a Password generator): deleting it
 * deletes the credentials, which exist nowhere else. One that copies a Secret from a store can be remade.
 */
// the kinds alone, to pass most objects (Deployments, Services, policies) without building their `group/kind`
const KINDS = new Set([...DATA_BEARING_KINDS].map((k) => k.slice(k.indexOf("/") + 1)));

export function isDataBearing(o: { apiVersion: string; kind: string; spec?: unknown }): boolean {
  if (!KINDS.has(o.kind) || !DATA_BEARING_KINDS.has(`${groupOf(o.apiVersion)}/${o.kind}`)) return false;
  if (o.kind !== "ExternalSecret") return true;
  const dataFrom = (o.spec as { dataFrom?: { sourceRef?: { generatorRef?: unknown } }[] } | undefined)?.dataFrom ?? [];
  return dataFrom.some((d) => d.sourceRef?.generatorRef !== undefined);
}

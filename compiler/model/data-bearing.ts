// Which objects hold data that a sync must never delete or prune on its own: they carry KEEP_DATA
// (render/argocd.ts), and `npm run check` refuses any that does not.

/** `group/kind` (core group empty) of every kind whose deletion loses data or credentials. */
export const DATA_BEARING_KINDS: ReadonlySet<string> = new Set([
  "/Namespace", // deleting it deletes everything in it
  "/PersistentVolumeClaim",
  "/Secret", // credentials generated in the cluster cannot be regenerated without breaking the instance
  "external-secrets.io/ExternalSecret", // owns its target Secret: deleting it deletes the credentials
  "k8s.mariadb.com/MariaDB",
  "k8s.mariadb.com/Database",
  "k8s.mariadb.com/User",
  "k8s.mariadb.com/Grant",
  "psmdb.percona.com/PerconaServerMongoDB",
  "mongodbcommunity.mongodb.com/MongoDBCommunity",
]);

const groupOf = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.split("/")[0]! : "");

export function isDataBearing(o: { apiVersion: string; kind: string }): boolean {
  return DATA_BEARING_KINDS.has(`${groupOf(o.apiVersion)}/${o.kind}`);
}

// The tenant's Meilisearch API key, restricted to its index prefix: an idempotent Job creates it with the
// tenant's pinned uid (as the master key's holder, in the search service's namespace), and an ExternalSecret
// in the tenant namespace fetches its value through a store that can read that one key and nothing else.
// The master key never reaches the tenant namespace of a shared instance.
import { IMAGES, MEILISEARCH_MASTER_KEY_SECRET, SHARED_SERVICES } from "../../../model/data-services";
import { endpointsOf } from "../../../model/endpoints";
import { provisionedBy } from "../../../model/provisioning";
import type { ResolvedTenant } from "../../../model/resolve";
import { SEARCH_KEY_SECRET, SEARCH_KEY_SECRET_KEY } from "../../../model/secrets";
import type { Platform } from "../../../schema/platform";
import { uuidV5 } from "../../../tutor/pinned";
import { ESO_API, generatedPassword } from "../../data/eso";
import { provisioningJob, secretEnv } from "../../data/jobs";
import { customResourceAnnotations } from "../../data/sync";
import { deepFreeze, tenantLabels, type KubeObject } from "../../objects";

/** Tutor's MEILISEARCH_API_KEY_UID: Meilisearch derives the key's value from the master key and this uid. */
export function searchKeyUid(id: string): string {
  // the tenant's config and its provisioning Job ask for it in turn: the last one is kept
  if (lastUid.id !== id) lastUid = { id, uid: uuidV5(`meilisearch-api-key:${id}`) };
  return lastUid.uid;
}
let lastUid = { id: "", uid: "" };
/**
 * What Open edX does with its key: index, configure and search its own indexes. No `keys.*`: a key that may
 * read keys reads every tenant's; the instance takes its key's uid from config.yml instead of asking.
 */
const ACTIONS = ["search", "documents.*", "indexes.*", "settings.*", "tasks.get", "stats.get"];
export const MASTER_KEY = "MEILI_MASTER_KEY";

// created, or there already (a key's uid, indexes and actions never change, so either is converged)
const SCRIPT = `code=$(curl -sS -o /tmp/out -w '%{http_code}' -X POST "$MEILI_URL/keys" -H "Authorization: Bearer $MEILI_MASTER_KEY" -H 'Content-Type: application/json' --data "$KEY_SPEC")
cat /tmp/out; echo
[ "$code" = 201 ] || grep -q '"code":"api_key_already_exists"' /tmp/out`;

// the store's request and the master key of the shared instance, the same for every tenant (written, never changed)
const HEADERS = deepFreeze({ Authorization: `Bearer {{ .master.${MASTER_KEY} }}` });
const RESULT = deepFreeze({ jsonPath: "$.key" });
const SHARED_MASTER = deepFreeze([{ name: "master", secretRef: { name: MEILISEARCH_MASTER_KEY_SECRET, namespace: SHARED_SERVICES.search.namespace } }]);
const SHARED_MASTER_ENV = deepFreeze(secretEnv(MASTER_KEY, MEILISEARCH_MASTER_KEY_SECRET, MASTER_KEY));

/** Where the tenant's key lives: the shared instance's namespace, or the tenant's own for a dedicated one. */
function keyHome(t: ResolvedTenant): { namespace: string; masterKeySecret: string } {
  return t.services.search === "shared"
    ? { namespace: SHARED_SERVICES.search.namespace, masterKeySecret: MEILISEARCH_MASTER_KEY_SECRET }
    : { namespace: t.names.namespace, masterKeySecret: dedicatedMasterKeySecret(t.id) };
}

export const dedicatedMasterKeySecret = (id: string) => `${id}-meilisearch-master-key`;

export function searchProvisioning(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const dedicated = t.services.search === "dedicated";
  if (!dedicated && !provisionedBy(t).search) return [];
  const labels = tenantLabels(t, platform.fleet);
  const home = keyHome(t);
  const url = endpointsOf(t).search.url;
  const uid = searchKeyUid(t.id);
  // on its own instance the tenant may read its key (and nothing else is there to read)
  const actions = dedicated ? [...ACTIONS, "keys.get"] : ACTIONS;
  const spec = { uid, name: t.id, description: `Open edX tenant ${t.id}`, actions, indexes: [t.names.searchIndexPattern], expiresAt: null };
  const job = provisioningJob({
    name: `search-key-${t.id}`,
    namespace: home.namespace,
    labels,
    image: IMAGES.curl,
    script: SCRIPT,
    env: [{ name: "MEILI_URL", value: url }, { name: "KEY_SPEC", value: JSON.stringify(spec) }, dedicated ? secretEnv(MASTER_KEY, home.masterKeySecret, MASTER_KEY) : SHARED_MASTER_ENV],
  });
  const storeName = `search-key-${t.id}`;
  const provider = {
    webhook: {
      // the uid is fixed here, not taken from the ExternalSecret: the store can read this one key only
      url: `${url}/keys/${uid}`,
      method: "GET",
      headers: HEADERS,
      secrets: dedicated ? [{ name: "master", secretRef: { name: home.masterKeySecret } }] : SHARED_MASTER,
      result: RESULT,
    },
  };
  const annotations = customResourceAnnotations({ keepData: false });
  const store: KubeObject = dedicated
    ? { apiVersion: ESO_API, kind: "SecretStore", metadata: { name: storeName, namespace: t.names.namespace, labels, annotations }, spec: { provider } }
    : { apiVersion: ESO_API, kind: "ClusterSecretStore", metadata: { name: storeName, labels, annotations }, spec: { provider, conditions: [{ namespaces: [t.names.namespace] }] } };
  const key: KubeObject = {
    apiVersion: ESO_API,
    kind: "ExternalSecret",
    metadata: { name: SEARCH_KEY_SECRET, namespace: t.names.namespace, labels, annotations },
    spec: {
      refreshInterval: "1h",
      secretStoreRef: { kind: store.kind, name: storeName },
      target: { name: SEARCH_KEY_SECRET, creationPolicy: "Owner" },
      data: [{ secretKey: SEARCH_KEY_SECRET_KEY, remoteRef: { key: uid } }],
    },
  };
  const master = dedicated ? generatedPassword(home.masterKeySecret, t.names.namespace, MASTER_KEY, labels) : [];
  return [...master, store, key, job];
}

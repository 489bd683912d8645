// generated/tutor/plugins/fleet_secrets.yml: the Tutor YAML plugin that makes Open edX read its secrets
// at runtime from the cluster. config.yml holds placeholders; this plugin (1) gives every Open edX container
// the Secrets as environment variables and (2) replaces each placeholder in the Django settings with its
// variable, and derives the JWT key set from the private key, when the settings load.
import { SECRET_PLACEHOLDER_PREFIX } from "../../tutor/pinned";
import { SECRET_ENV, secretEnvVars } from "../../tutor/secret-env";
import { yamlFileWithBody, type OutputFile } from "../files";
import { DATA_KEY_ORDER, toYaml, type Json } from "../yaml";

export const FLEET_PLUGIN = "fleet_secrets";
/** Settings of the plugin (Tutor prefixes a plugin's defaults with its name); config.yml sets them per tenant. */
export const FLEET_CONFIG = { redisKeyPrefix: "FLEET_SECRETS_REDIS_KEY_PREFIX", extraHosts: "FLEET_SECRETS_EXTRA_HOSTS" } as const;
/** One file for the whole fleet (the plugin is the same for every tenant); each tenant's render.json points at it. */
export const FLEET_PLUGINS_DIR = "tutor/plugins";

/** Tutor's workloads that load the Open edX settings; hook Jobs are made from the two template Jobs. */
const OPENEDX_WORKLOADS = [
  { kind: "Deployment", apiVersion: "apps/v1", name: "lms", container: "lms" },
  { kind: "Deployment", apiVersion: "apps/v1", name: "cms", container: "cms" },
  { kind: "Deployment", apiVersion: "apps/v1", name: "lms-worker", container: "lms-worker" },
  { kind: "Deployment", apiVersion: "apps/v1", name: "cms-worker", container: "cms-worker" },
  { kind: "Job", apiVersion: "batch/v1", name: "lms-job", container: "lms" },
  { kind: "Job", apiVersion: "batch/v1", name: "cms-job", container: "cms" },
];

/** Strategic-merge patches (Tutor's k8s-override) adding the secret variables to each container. */
function envPatches(): string {
  const env = secretEnvVars() as unknown as Json;
  const patches = OPENEDX_WORKLOADS.map((w) => ({
    apiVersion: w.apiVersion,
    kind: w.kind,
    metadata: { name: w.name },
    spec: { template: { spec: { containers: [{ name: w.container, env }] } } },
  }));
  return toYaml(patches, { multi: true });
}

/**
 * The Django settings into which Tutor 21.0.8's templates and edx-platform's production settings carry the
 * secret keys of config.yml (auth.yml, lms/cms.env.yml, common_all.py, common_cms.py, and tutor-forum 21.0.0's
 * common settings): the only settings whose
 * placeholders are resolved. Any other setting is left as it is, so a placeholder written elsewhere (say, as a
 * site name) never becomes a secret.
 */
export const SECRET_SETTINGS = [
  "BROKER_URL",
  "CACHES",
  "CELERY_BROKER_PASSWORD",
  "CELERY_BROKER_URL",
  "CONTENTSTORE",
  "DATABASES",
  "DOC_STORE_CONFIG",
  "EMAIL_HOST_PASSWORD",
  "FORUM_MONGODB_CLIENT_PARAMETERS",
  "JWT_AUTH",
  "MEILISEARCH_API_KEY",
  "MEILISEARCH_MASTER_KEY",
  "MODULESTORE",
  "SECRET_KEY",
  "SOCIAL_AUTH_EDX_OAUTH2_SECRET",
] as const;

const pyList = (names: readonly string[]) => `[${names.map((n) => `"${n}"`).join(", ")}]`;

// Runs last in lms/cms production settings (after edx-platform and Tutor computed every derived setting).
const SETTINGS = `# fleet_secrets: secrets come from the cluster's Secrets as environment variables, never from config.yml
_FLEET_SECRET_SETTINGS = ${pyList(SECRET_SETTINGS)}
_FLEET_SECRET_NAMES = frozenset(${pyList([...new Set(SECRET_ENV.map((s) => s.env))].sort())})


def _fleet_resolve(value, _seen, _prefix="${SECRET_PLACEHOLDER_PREFIX}"):
    # placeholders inside strings (also in URLs and nested settings) become the variable of the same name,
    # for the compiler's own secret names only
    import re as _re
    if isinstance(value, str):
        if _prefix not in value:
            return value
        _pattern = _re.escape(_prefix) + r"([A-Z0-9_]+)"
        return _re.sub(_pattern, lambda m: os.environ[m.group(1)] if m.group(1) in _FLEET_SECRET_NAMES else m.group(0), value)
    if id(value) in _seen:
        return value
    _seen.add(id(value))
    if isinstance(value, dict):
        for _k in list(value):
            value[_k] = _fleet_resolve(value[_k], _seen)
    elif isinstance(value, list):
        value[:] = [_fleet_resolve(_v, _seen) for _v in value]
    elif type(value) is tuple:
        # only plain tuples are rebuilt, and only when something changed
        _items = [_fleet_resolve(_v, _seen) for _v in value]
        if any(_a is not _b for _a, _b in zip(_items, value)):
            value = tuple(_items)
    return value


def _fleet_jwks():
    # the key set Tutor would compute at render time, computed here from the in-cluster key
    import base64 as _b64
    from cryptography.hazmat.primitives.serialization import load_pem_private_key
    def _b(n):
        return _b64.urlsafe_b64encode(n.to_bytes((n.bit_length() + 7) // 8, "big")).rstrip(b"=").decode()
    _priv = load_pem_private_key(os.environ["JWT_RSA_PRIVATE_KEY"].encode(), password=None).private_numbers()
    _pub = {"kid": "openedx", "kty": "RSA", "e": _b(_priv.public_numbers.e), "n": _b(_priv.public_numbers.n)}
    _full = dict(_pub, d=_b(_priv.d), p=_b(_priv.p), q=_b(_priv.q), dp=_b(_priv.dmp1), dq=_b(_priv.dmq1), qi=_b(_priv.iqmp))
    return json.dumps(_full), json.dumps({"keys": [_pub]})


_fleet_seen = set()
for _name in _FLEET_SECRET_SETTINGS:
    if _name in globals():
        globals()[_name] = _fleet_resolve(globals()[_name], _fleet_seen)
# edx-platform keeps the YAML env as ENV_TOKENS/AUTH_TOKENS for plugins: the same settings, and only those, in it
for _tokens in [globals().get(_n) for _n in ("ENV_TOKENS", "AUTH_TOKENS", "_YAML_TOKENS")]:
    if isinstance(_tokens, dict):
        for _name in _FLEET_SECRET_SETTINGS:
            if _name in _tokens:
                _tokens[_name] = _fleet_resolve(_tokens[_name], _fleet_seen)
JWT_AUTH["JWT_PRIVATE_SIGNING_JWK"], JWT_AUTH["JWT_PUBLIC_SIGNING_JWK_SET"] = _fleet_jwks()

# The forum (tutor-forum) keeps legacy MongoDB data in a database of a fixed name; the tenant's MongoDB user may use
# its own database only (forum v2 stores new data in MySQL, and its collections never meet the modulestore's)
FORUM_MONGODB_DATABASE = "{{ MONGODB_DATABASE }}"

# The shared Redis admits this instance only to keys under its prefix (its ACL user): caches and Celery use it
_fleet_redis_prefix = "{{ ${FLEET_CONFIG.redisKeyPrefix} }}"
for _fleet_cache in CACHES.values():
    if "redis" in str(_fleet_cache.get("BACKEND", "")).lower():
        _fleet_cache["KEY_PREFIX"] = _fleet_redis_prefix + str(_fleet_cache.get("KEY_PREFIX", ""))
# whichever name edx-platform's Celery app reads (old or CELERY_-namespaced)
_fleet_broker = "BROKER_TRANSPORT_OPTIONS" if "BROKER_TRANSPORT_OPTIONS" in globals() and "CELERY_BROKER_TRANSPORT_OPTIONS" not in globals() else "CELERY_BROKER_TRANSPORT_OPTIONS"
globals()[_fleet_broker] = dict(globals().get(_fleet_broker) or {}, global_keyprefix=_fleet_redis_prefix)


def _fleet_pin_search_key_uid():
    # The tenant's search key may not read keys (that right would show every tenant's key), so Open edX's
    # look-up of its own key's uid is answered from config.yml, where the uid is pinned.
    try:
        import meilisearch as _meili
    except ImportError:
        return
    _get_key = _meili.Client.get_key
    _uid = "{{ MEILISEARCH_API_KEY_UID }}"
    def _own_key(self, key_or_uid):
        if key_or_uid in (MEILISEARCH_API_KEY, _uid):
            return type("Key", (), {"uid": _uid, "key": MEILISEARCH_API_KEY})()
        return _get_key(self, key_or_uid)
    _meili.Client.get_key = _own_key


_fleet_pin_search_key_uid()
`;

// The LMS also answers on the tenant's extra hosts (hosts.extra).
const LMS_SETTINGS = `${SETTINGS}
for _fleet_host in {{ ${FLEET_CONFIG.extraHosts} }}:
    ALLOWED_HOSTS.append(_fleet_host)
    if isinstance(globals().get("CSRF_TRUSTED_ORIGINS"), list):
        CSRF_TRUSTED_ORIGINS.append("https://" + _fleet_host)
`;

// Caddy routes the extra hosts to the LMS like its own host (Tutor's LMS site block, without its patch point).
const CADDY_EXTRA_HOSTS = `{% for host in ${FLEET_CONFIG.extraHosts} %}
{{ host }}{$default_site_port} {
    @favicon_matcher {
        path_regexp ^/favicon.ico$
    }
    rewrite @favicon_matcher /theming/asset/images/favicon.ico
    import proxy "lms:8000"
    handle_path /* {
        request_body {
            max_size 4MB
        }
    }
}
{% endfor %}`;

let body: string | undefined;

/** The plugin file, generated/tutor/plugins/fleet_secrets.yml: settings per tenant come from its config.yml. */
export function fleetPluginFile(): OutputFile {
  body ??= toYaml(fleetTutorPlugin(), { leading: DATA_KEY_ORDER });
  return yamlFileWithBody(`${FLEET_PLUGINS_DIR}/${FLEET_PLUGIN}.yml`, "compiler/render/tenant/tutor-plugin.ts", body);
}

export function fleetTutorPlugin(): Record<string, Json> {
  return {
    name: FLEET_PLUGIN,
    version: "1.0.0",
    config: { defaults: { REDIS_KEY_PREFIX: "", EXTRA_HOSTS: [] } },
    patches: {
      caddyfile: CADDY_EXTRA_HOSTS,
      "k8s-override": envPatches(),
      "openedx-lms-production-settings": LMS_SETTINGS,
      "openedx-cms-production-settings": SETTINGS,
    },
  };
}

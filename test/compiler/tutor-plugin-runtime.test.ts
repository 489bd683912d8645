// The generated Tutor plugin's runtime wiring that Tutor renders per tenant: Redis key prefixes the shared
// Redis's ACL demands, the pinned search key uid, and the extra hosts routed by Caddy and allowed by Django.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { FLEET_CONFIG } from "../../compiler/render/tenant/tutor-plugin";
import { compiledFixture, run, tempFleet, tenantSource } from "../helpers/fleet";

const fixture = await compiledFixture();
const generated = (rel: string) => fs.readFileSync(path.join(fixture, "generated", rel), "utf8");

test("config.yml sets the plugin's Redis key prefix (the ACL's key pattern) and the extra hosts", () => {
  const globex = YAML.parse(generated("tenants/globex/config.yml"));
  assert.is(globex[FLEET_CONFIG.redisKeyPrefix], "globex:");
  assert.equal(globex[FLEET_CONFIG.extraHosts], ["learn.globex.com"]);
  assert.match(generated("tenants/globex/resources/objects.yaml"), /~globex:\*/);
  assert.equal(YAML.parse(generated("tenants/acme/config.yml"))[FLEET_CONFIG.extraHosts], []);
});

test("the plugin declares its settings and patches caches, Celery, the search key uid, Caddy and allowed hosts", () => {
  const plugin = YAML.parse(generated("tutor/plugins/fleet_secrets.yml"));
  assert.equal(plugin.config.defaults, { REDIS_KEY_PREFIX: "", EXTRA_HOSTS: [], S3_BUCKET: "", S3_ENDPOINT_URL: "", S3_REGION: "", S3_ADDRESSING_STYLE: "virtual", S3_IRSA: false });
  for (const name of ["openedx-lms-production-settings", "openedx-cms-production-settings"]) {
    const settings: string = plugin.patches[name];
    assert.match(settings, `_fleet_redis_prefix = "{{ ${FLEET_CONFIG.redisKeyPrefix} }}"`);
    assert.match(settings, 'global_keyprefix=_fleet_redis_prefix');
    assert.match(settings, '_uid = "{{ MEILISEARCH_API_KEY_UID }}"');
  }
  assert.match(plugin.patches["openedx-lms-production-settings"], `for _fleet_host in {{ ${FLEET_CONFIG.extraHosts} }}:`);
  assert.not.match(plugin.patches["openedx-cms-production-settings"], "ALLOWED_HOSTS");
  assert.match(plugin.patches.caddyfile, `{% for host in ${FLEET_CONFIG.extraHosts} %}`);
  assert.match(plugin.patches.caddyfile, 'import proxy "lms:8000"');
});

test("a tenant cannot set the plugin's settings itself", async () => {
  const root = tempFleet({ examples: false, tenants: { delta: tenantSource("delta", `tutor: { ${FLEET_CONFIG.extraHosts}: ["x.example.org"] },`) } });
  const r = await run(root, "compile");
  assert.is(r.code, 1);
  assert.match(r.err, /tenants\/delta\.ts:\d+:\d+ error tutor\.FLEET_SECRETS_EXTRA_HOSTS: FLEET_SECRETS_EXTRA_HOSTS is set by the compiler: set from `hosts.extra` \[tutor-owned\]/);
});

test.run();

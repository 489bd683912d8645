// Defence in depth behind the schema, run with the real Python, Jinja and PyYAML: the settings patch resolves
// secret placeholders only in the settings the compiler wired, and the render refuses a config.yml that holds
// template syntax or a misplaced placeholder before Tutor reads it.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { fleetTutorPlugin, SECRET_SETTINGS } from "../../compiler/render/tenant/tutor-plugin";
import { askPython, SYSTEM_PYTHON } from "../helpers/real-python";
import { REPO_ROOT, tempDir } from "../helpers/fleet";

const GUARD = path.join(REPO_ROOT, "compiler", "pipeline", "config_guard.py");

function guard(configYml: string): { code: number | null; err: string } {
  const root = tempDir("tutor-guard-");
  fs.writeFileSync(path.join(root, "config.yml"), configYml);
  const r = spawnSync(SYSTEM_PYTHON, [GUARD, root], { encoding: "utf8" });
  return { code: r.status, err: r.stderr };
}

test("the render guard accepts every generated config.yml", () => {
  const dir = path.join(REPO_ROOT, "generated", "tenants");
  for (const id of fs.readdirSync(dir)) {
    const file = path.join(dir, id, "config.yml");
    if (fs.existsSync(file)) assert.equal(guard(fs.readFileSync(file, "utf8")), { code: 0, err: "" }, id);
  }
});

test("the render guard refuses template syntax (also when YAML escapes spell it) and misplaced placeholders", () => {
  const cases: [string, string][] = [
    ['PLATFORM_NAME: "{{ 7*7 }}"\n', "PLATFORM_NAME"],
    ['PLATFORM_NAME: "\\x7B\\x7B 7*7 }}"\n', "PLATFORM_NAME"],
    ["X:\n  - ok\n  - a: '{% raw %}'\n", "X.1.a"],
    ["'{# k': 1\n", "<key"],
    ["PLATFORM_NAME: from-cluster-secret:OPENEDX_SECRET_KEY\n", "placeholder"],
  ];
  for (const [yml, words] of cases) {
    const r = guard(yml);
    assert.is(r.code, 1, yml);
    assert.ok(r.err.includes(words) && r.err.includes("refusing to render"), r.err);
  }
  assert.is(guard("OPENEDX_SECRET_KEY: from-cluster-secret:OPENEDX_SECRET_KEY\nPLATFORM_NAME: \"{ ok }\"\n").code, 0);
});

// The patch's resolution step, rendered by Jinja as Tutor would and run with settings that carry placeholders.
const RUN_PATCH = String.raw`
import json, os, sys
import jinja2
src, settings = json.load(sys.stdin)
code = jinja2.Environment(undefined=jinja2.StrictUndefined).from_string(src).render(FLEET_SECRETS_REDIS_KEY_PREFIX="t:", MEILISEARCH_API_KEY_UID="u", MONGODB_DATABASE="t")
code = code.split('JWT_AUTH["JWT_PRIVATE_SIGNING_JWK"]')[0]  # the key-set step needs the cryptography package
os.environ.update({"OPENEDX_SECRET_KEY": "s3cret", "REDIS_PASSWORD": "r3dis", "OPENEDX_MYSQL_PASSWORD": "my5ql"})
ns = dict(settings, os=os, json=json)
exec(compile(code, "settings.py", "exec"), ns)
print(json.dumps({k: ns[k] for k in settings}))
`;

test("the settings patch resolves placeholders only in the settings it lists, only for the compiler's secret names", () => {
  const patch = fleetTutorPlugin().patches as Record<string, string>;
  const p = "from-cluster-secret:";
  const settings = {
    SECRET_KEY: `${p}OPENEDX_SECRET_KEY`,
    DATABASES: { default: { PASSWORD: `${p}OPENEDX_MYSQL_PASSWORD` } },
    CACHES: { default: { BACKEND: "django_redis.cache.RedisCache", LOCATION: `redis://t:${p}REDIS_PASSWORD@redis:6379/1` } },
    JWT_AUTH: { JWT_ISSUERS: [{ SECRET_KEY: `${p}OPENEDX_SECRET_KEY` }] },
    PLATFORM_NAME: `${p}OPENEDX_SECRET_KEY`,
    CONTACT_MAILING_ADDRESS: `${p}REDIS_PASSWORD`,
    MEILISEARCH_API_KEY: `${p}PATH`,
    ENV_TOKENS: { SECRET_KEY: `${p}OPENEDX_SECRET_KEY`, PLATFORM_NAME: `${p}OPENEDX_SECRET_KEY` },
  };
  const out = askPython<Record<string, unknown>>(RUN_PATCH, [patch["openedx-cms-production-settings"], settings]);
  assert.is(out.SECRET_KEY, "s3cret");
  assert.equal(out.DATABASES, { default: { PASSWORD: "my5ql" } });
  assert.is((out.CACHES as { default: { LOCATION: string } }).default.LOCATION, "redis://t:r3dis@redis:6379/1");
  assert.equal(out.JWT_AUTH, { JWT_ISSUERS: [{ SECRET_KEY: "s3cret" }] });
  // a placeholder in any other setting stays text, and a listed setting never reads a variable outside the list
  assert.is(out.PLATFORM_NAME, settings.PLATFORM_NAME);
  assert.is(out.CONTACT_MAILING_ADDRESS, settings.CONTACT_MAILING_ADDRESS);
  assert.is(out.MEILISEARCH_API_KEY, `${p}PATH`);
  assert.equal(out.ENV_TOKENS, { SECRET_KEY: "s3cret", PLATFORM_NAME: `${p}OPENEDX_SECRET_KEY` });
  assert.ok(SECRET_SETTINGS.includes("SECRET_KEY"));
});

test.run();

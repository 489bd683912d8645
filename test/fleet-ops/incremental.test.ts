// The compile cache is never wrong: after each kind of change, an incremental build equals a full one, and
// only what depends on the change is rebuilt. Damaged cache files are ignored.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { cacheDir, TenantCache } from "../../compiler/cache/tenant-cache";
import { build } from "../../compiler/compile";
import { readTree, run, tempFleet, tenantSource, writeTenant } from "../helpers/fleet";

const filesOf = (b: ReturnType<typeof build>) => new Map(b.files.map((f) => [f.path, f.content]));

/** Warms the cache, applies `change`, then builds incrementally and in full and compares. */
function afterChange(change: (root: string) => void, opts: { version?: string } = {}) {
  const root = tempFleet({ tenants: { delta: tenantSource("delta") } });
  build(root, { cache: new TenantCache(root) });
  const before = filesOf(build(root));
  change(root);
  const cache = new TenantCache(root, opts);
  const incremental = filesOf(build(root, { cache }));
  const full = filesOf(build(root));
  assert.equal([...incremental.keys()], [...full.keys()]);
  for (const [p, content] of full) assert.is(incremental.get(p), content, p);
  return { root, cache, before, full };
}

const edit = (root: string, rel: string, from: string | RegExp, to: string) => {
  const file = path.join(root, rel);
  const text = fs.readFileSync(file, "utf8");
  assert.ok(typeof from === "string" ? text.includes(from) : from.test(text), `${rel} contains ${from}`);
  fs.writeFileSync(file, text.replace(from, to));
};

test("an unchanged fleet comes entirely from the cache", () => {
  const { cache } = afterChange(() => {});
  assert.equal(cache.stats, { hits: 4, misses: 0 });
});

test("tenant edited: only that tenant is rebuilt", () => {
  const { cache, before, full } = afterChange((root) => edit(root, "tenants/acme.ts", "Acme Academy", "Acme Academy Online"));
  assert.equal(cache.stats, { hits: 3, misses: 1 });
  assert.is.not(full.get("tenants/acme/config.yml"), before.get("tenants/acme/config.yml"));
});

test("platform edited: every tenant is rebuilt", () => {
  const { cache, before, full } = afterChange((root) => edit(root, "platform/platform.ts", 'cms: { requests: { cpu: "250m", memory: "1Gi" }', 'cms: { requests: { cpu: "300m", memory: "1Gi" }'));
  assert.equal(cache.stats, { hits: 0, misses: 4 });
  assert.is.not(full.get("fleet.json"), before.get("fleet.json"));
});

test("preset edited: the tenants importing it are rebuilt, the others are not", () => {
  const { cache, before, full } = afterChange((root) => edit(root, "platform/presets.ts", /standardPlugins = \[[^\]]*\]/, 'standardPlugins = ["mfe", "indigo"]'));
  // globex imports standardPlugins, initech imports universityTutor from the same module
  assert.equal(cache.stats, { hits: 2, misses: 2 });
  assert.is.not(full.get("tenants/globex/config.yml"), before.get("tenants/globex/config.yml"));
});

test("a preset imported through another preset is a dependency too", () => {
  const root = tempFleet({
    files: {
      "platform/outer.ts": 'import { innerPlugins } from "./inner";\nexport const outerPlugins = [...innerPlugins] as const;\n',
      "platform/inner.ts": 'export const innerPlugins = ["mfe"] as const;\n',
    },
    tenants: { nested: tenantSource("nested", 'plugins: [...outerPlugins],').replace('from "../compiler/api";', 'from "../compiler/api";\nimport { outerPlugins } from "../platform/outer";') },
  });
  build(root, { cache: new TenantCache(root) });
  edit(root, "platform/inner.ts", '["mfe"]', '["mfe", "indigo"]');
  const cache = new TenantCache(root);
  const incremental = filesOf(build(root, { cache }));
  assert.equal(cache.stats, { hits: 3, misses: 1 });
  assert.match(incremental.get("tenants/nested/config.yml")!, "indigo");
  assert.equal(incremental, filesOf(build(root)));
});

test("tenant added and removed", () => {
  const added = afterChange((root) => writeTenant(root, "omega", tenantSource("omega")));
  assert.equal(added.cache.stats, { hits: 4, misses: 1 });
  assert.ok(added.full.has("apps/omega.yaml"));
  const removed = afterChange((root) => fs.rmSync(path.join(root, "tenants", "delta.ts")));
  assert.equal(removed.cache.stats, { hits: 3, misses: 0 });
  assert.not.ok(removed.full.has("apps/delta.yaml"));
});

test("compiler version bumped: nothing is reused", () => {
  const { cache } = afterChange(() => {}, { version: "another compiler" });
  assert.equal(cache.stats, { hits: 0, misses: 4 });
});

const damages: [string, (text: string) => string][] = [
  ["truncated", (t) => t.slice(0, Math.floor(t.length / 2))],
  ["one byte changed", (t) => t.replace("Acme Academy", "Acme Academz")],
  ["checksum line lost", (t) => t.slice(t.indexOf("\n") + 1)],
  ["empty", () => ""],
];
for (const [what, damage] of damages) {
  test(`a cache file ${what} is ignored, not trusted`, () => {
    const { cache } = afterChange((root) => {
      for (const name of fs.readdirSync(cacheDir(root))) {
        const file = path.join(cacheDir(root), name);
        fs.writeFileSync(file, damage(fs.readFileSync(file, "utf8")));
      }
    });
    assert.equal(cache.stats, { hits: 0, misses: 4 });
  });
}

test("an unchanged platform comes from the cache, an edited or damaged one is read again", () => {
  const root = tempFleet();
  build(root, { cache: new TenantCache(root) });
  const full = filesOf(build(root));
  const hit = new TenantCache(root);
  assert.equal(filesOf(build(root, { cache: hit })), full);
  assert.ok(hit.platformFromCache);
  const file = path.join(root, ".cache", "platform.json");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace('"example"', '"exampla"'));
  const damaged = new TenantCache(root);
  assert.equal(filesOf(build(root, { cache: damaged })), full);
  assert.not.ok(damaged.platformFromCache);
  const platform = path.join(root, "platform", "platform.ts");
  fs.writeFileSync(platform, fs.readFileSync(platform, "utf8").replace('fleet: "example"', 'fleet: "other"'));
  const edited = new TenantCache(root);
  const after = filesOf(build(root, { cache: edited }));
  assert.not.ok(edited.platformFromCache);
  assert.equal(after, filesOf(build(root)));
});

test("a damaged pack is replaced by the next compile", () => {
  const root = tempFleet();
  build(root, { cache: new TenantCache(root) });
  const [name] = fs.readdirSync(cacheDir(root));
  fs.writeFileSync(path.join(cacheDir(root), name!), "garbage");
  build(root, { cache: new TenantCache(root) });
  // the same entries make the same pack (named by its content): rewritten in place, no longer damaged
  assert.equal(fs.readdirSync(cacheDir(root)), [name]);
  assert.is.not(fs.readFileSync(path.join(cacheDir(root), name!), "utf8"), "garbage");
  const again = new TenantCache(root);
  build(root, { cache: again });
  assert.equal(again.stats, { hits: 3, misses: 0 });
});

test("npm run compile with the cache writes what a compile without it writes, after each edit", async () => {
  const root = tempFleet();
  const fresh = tempFleet();
  const steps: ((r: string) => void)[] = [
    () => {},
    (r) => edit(r, "tenants/acme.ts", 'size: "small"', 'size: "medium"'),
    // archived, so that removing it below is allowed (lifecycle guard)
    (r) => writeTenant(r, "delta", tenantSource("delta", 'state: "archived",')),
    (r) => edit(r, "platform/presets.ts", "OPENEDX_LMS_UWSGI_WORKERS: 4", "OPENEDX_LMS_UWSGI_WORKERS: 6"),
    (r) => fs.rmSync(path.join(r, "tenants", "delta.ts")),
  ];
  for (const step of steps) {
    step(root);
    step(fresh);
    assert.is((await run(root, "compile")).code, 0);
    fs.rmSync(path.join(fresh, ".cache"), { recursive: true, force: true });
    assert.is((await run(fresh, "compile", "--no-cache")).code, 0);
    assert.equal(readTree(path.join(root, "generated")), readTree(path.join(fresh, "generated")));
  }
  assert.ok(fs.existsSync(cacheDir(root)));
  assert.not.ok(fs.existsSync(cacheDir(fresh)));
});

test("files of a cached platform and cached tenants that generated/ lacks or holds edited are rendered again, exactly", async () => {
  const root = tempFleet();
  assert.is((await run(root, "compile")).code, 0);
  const clean = readTree(path.join(root, "generated"));
  const platformFiles = [...clean.keys()].filter((p) => p.startsWith("platform/")).sort();
  assert.ok(platformFiles.length > 2);
  fs.rmSync(path.join(root, "generated", "apps", "acme.yaml"));
  fs.appendFileSync(path.join(root, "generated", "tenants", "globex", "config.yml"), "EXTRA: edited\n");
  fs.rmSync(path.join(root, "generated", platformFiles[0]!));
  fs.appendFileSync(path.join(root, "generated", platformFiles[1]!), "# edited\n");
  // a tenant edited, so the compiler runs (an unchanged fleet is answered without it) with the platform cached
  edit(root, "tenants/acme.ts", "Acme Academy", "Acme Academy Online");
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  edit(root, "tenants/acme.ts", "Acme Academy Online", "Acme Academy");
  assert.is((await run(root, "compile")).code, 0);
  assert.match(r.err, "generated/tenants/globex/config.yml had been edited by hand; overwritten");
  assert.match(r.err, `generated/${platformFiles[1]} had been edited by hand; overwritten`);
  assert.equal(readTree(path.join(root, "generated")), clean);
  const c = await run(root, "check");
  assert.is(c.code, 0, c.err);
});

test("check only reads the cache", async () => {
  const root = tempFleet();
  assert.is((await run(root, "compile", "--no-cache")).code, 0);
  assert.is((await run(root, "check")).code, 0);
  assert.not.ok(fs.existsSync(cacheDir(root)));
});

test.run();

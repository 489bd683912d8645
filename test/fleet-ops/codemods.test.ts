// tenant:new and fleet:upgrade: valid results only, located errors otherwise, comments and layout kept.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO_ROOT, readTree, run, tempFleet } from "../helpers/fleet";

const read = (root: string, rel: string) => fs.readFileSync(path.join(root, rel), "utf8");

/** The example platform with a second release, so there is something to upgrade to. */
const platformWithTeak = () =>
  read(REPO_ROOT, "platform/platform.ts").replace(
    "releases: {\n",
    'releases: {\n    teak: { tutor: "21.0.9", image: "docker.io/overhangio/openedx:21.0.9" },\n',
  );

const COMMENTED = `import { defineTenant } from "../compiler/api";
import { standardPlugins } from "../platform/presets";

/* Block comment before the export. */
export default defineTenant({
  // who we are
  id: "commented", // trailing comment on the id
  release:   'ulmo' , // odd spacing, single quotes: kept
  hosts: { lms: "learn.commented.example.org" },
  platformName: "Commented", /* inline block */
  contactEmail: "ops@commented.example.org",
  size: "small",
  plugins: [
    ...standardPlugins, // from the presets
  ],
});
// trailing comment at the end of the file
`;

test("tenant:new writes a tenant file that compiles", async () => {
  const root = tempFleet();
  const r = await run(root, "tenant:new", "zeta", "--host", "learn.zeta.example.org", "--name", "Zeta's «Quoted» U", "--plugin", "mfe", "--plugin", "indigo", "--size", "medium");
  assert.is(r.code, 0, r.err);
  const text = read(root, "tenants/zeta.ts");
  assert.match(text, 'platformName: "Zeta\'s «Quoted» U"');
  assert.match(text, 'plugins: ["mfe", "indigo"]');
  const canary = await run(root, "tenant:new", "canary", "--host", "learn.canary.example.org", "--wave", "0", "--cluster", "main");
  assert.is(canary.code, 0, canary.err);
  assert.match(read(root, "tenants/canary.ts"), '  cluster: "main",\n  wave: 0,\n');
  // no plugin named: the platform's standard plugins (a complete site), by reference to the presets
  assert.match(read(root, "tenants/canary.ts"), 'import { standardPlugins } from "../platform/presets";\n');
  assert.match(read(root, "tenants/canary.ts"), "  plugins: [...standardPlugins],\n");
  const c = await run(root, "compile");
  assert.is(c.code, 0, c.err);
  assert.ok(fs.existsSync(path.join(root, "generated", "apps", "zeta.yaml")));
});

test("tenant:new without presets' standardPlugins names the catalog's complete-site plugins", async () => {
  const root = tempFleet({ examples: false, files: { "platform/presets.ts": "export const universityTutor = {} as const;\n" } });
  const r = await run(root, "tenant:new", "zeta", "--host", "learn.zeta.example.org");
  assert.is(r.code, 0, r.err);
  assert.match(read(root, "tenants/zeta.ts"), '  plugins: ["mfe", "forum"],\n');
  assert.not.match(read(root, "tenants/zeta.ts"), "presets");
});

const refusals: [string, string[], RegExp][] = [
  ["a host outside the platform's domains", ["zeta", "--host", "learn.zeta.nowhere.net"], /tenants\/zeta\.ts:\d+:\d+ error hosts\.lms: .* \[host-domain\]/],
  ["an unknown plugin", ["zeta", "--host", "learn.zeta.example.org", "--plugin", "mfx"], /tenants\/zeta\.ts:\d+:\d+ error plugins\[0\]: .*\[unknown-plugin\]\n\s+fix: did you mean "mfe"\?/],
  ["an unknown size", ["zeta", "--host", "learn.zeta.example.org", "--size", "huge"], /\[unknown-size\]/],
  ["a host another tenant uses", ["zeta", "--host", "learn.acme.example.org"], /\[duplicate-host\]/],
  ["a name Tutor would write unescaped into Python", ["zeta", "--host", "learn.zeta.example.org", "--name", 'Zeta "Quoted" U'], /tenants\/zeta\.ts:\d+:\d+ error platformName: .*double quote.*\[unsafe-char\]/],
  ["a reserved id", ["platform", "--host", "learn.p.example.org"], /\[reserved-id\]/],
  ["an unknown cluster", ["zeta", "--host", "learn.zeta.example.org", "--cluster", "mian"], /\[unknown-cluster\]\n\s+fix: did you mean "main"\?/],
  ["a wave out of range", ["zeta", "--host", "learn.zeta.example.org", "--wave", "12"], /tenants\/zeta\.ts:7:9 error wave: number 12 is too large \(maximum 9\)/],
];
for (const [what, args, expected] of refusals) {
  test(`tenant:new refuses ${what} and writes nothing`, async () => {
    const root = tempFleet();
    const before = readTree(path.join(root, "tenants"));
    const r = await run(root, "tenant:new", ...args);
    assert.is(r.code, 1);
    assert.match(r.err, expected);
    assert.match(r.err, "Nothing was written.");
    assert.equal(readTree(path.join(root, "tenants")), before);
  });
}

test("tenant:new refuses an existing id, a malformed id and missing arguments", async () => {
  const root = tempFleet();
  assert.is((await run(root, "tenant:new", "acme", "--host", "x.example.org")).code, 1);
  assert.is((await run(root, "tenant:new", "../evil", "--host", "x.example.org")).code, 1);
  assert.is((await run(root, "tenant:new", "zeta")).code, 1);
  assert.is((await run(root, "tenant:new", "zeta", "--host", "x.example.org", "--colour", "blue")).code, 1);
  assert.not.ok(fs.existsSync(path.join(root, "evil.ts")));
});

test("fleet:upgrade --wave 0 rewrites only the canaries' release", async () => {
  const root = tempFleet({ platform: platformWithTeak() });
  const before = readTree(path.join(root, "tenants"));
  const r = await run(root, "fleet:upgrade", "--release", "teak", "--wave", "0");
  assert.is(r.code, 0, r.err);
  assert.match(r.out, "tenants/globex.ts: release ulmo → teak");
  assert.match(r.out, "changed 1 tenant file(s) of 1 selected");
  const after = readTree(path.join(root, "tenants"));
  for (const [p, text] of after) {
    if (p === "globex.ts") assert.is(text, before.get(p)!.replace('release: "ulmo"', 'release: "teak"'));
    else assert.is(text, before.get(p), p);
  }
  assert.is((await run(root, "compile")).code, 0);
});

test("fleet:upgrade selects with --where on fleet.json fields; conditions combine", async () => {
  const root = tempFleet({ platform: platformWithTeak() });
  const cases: [string[], string[]][] = [
    [["--where", "state=maintenance"], ["initech"]],
    [["--where", "labels.team=corporate-learning"], ["globex"]],
    [["--where", "size=small"], ["acme"]],
    [["--where", "plugins=indigo"], ["globex", "initech"]],
    [["--where", "plugins=indigo", "--where", "services.search=dedicated"], ["globex"]],
    [["--where", "cluster=main", "--wave", "1"], ["acme"]],
  ];
  for (const [args, ids] of cases) {
    const r = await run(root, "fleet:upgrade", "--release", "teak", "--dry-run", ...(args.includes("--wave") ? [] : ["--all-waves"]), ...args);
    assert.is(r.code, 0, r.err);
    const changed = [...r.out.matchAll(/tenants\/([a-z-]+)\.ts: release/g)].map((m) => m[1]);
    assert.equal(changed, ids, args.join(" "));
    assert.match(r.out, "would change");
  }
  assert.not.match(read(root, "tenants/globex.ts"), "teak"); // dry runs wrote nothing
});

test("fleet:upgrade keeps comments and formatting, and overrides a release that comes from a spread", async () => {
  const spread = `import { defineTenant } from "../compiler/api";
import { baseline } from "../platform/baseline";

export default defineTenant({
  ...baseline, // release comes from here
  id: "spread",
  hosts: { lms: "learn.spread.example.org" },
  platformName: "Spread",
  contactEmail: "ops@spread.example.org",
});
`;
  const root = tempFleet({
    platform: platformWithTeak(),
    tenants: { commented: COMMENTED, spread },
    files: { "platform/baseline.ts": 'export const baseline = { release: "ulmo", size: "small" } as const;\n' },
  });
  assert.is((await run(root, "compile")).code, 0);
  const r = await run(root, "fleet:upgrade", "--release", "teak", "--all-waves", "--where", "release=ulmo");
  assert.is(r.code, 0, r.err);
  assert.is(read(root, "tenants/commented.ts"), COMMENTED.replace("'ulmo'", "'teak'"));
  assert.match(read(root, "tenants/spread.ts"), /\.\.\.baseline, \/\/ release comes from here[\s\S]*release: "teak"/);
  const c = await run(root, "compile");
  assert.is(c.code, 0, c.err);
  const index = JSON.parse(read(root, "generated/fleet.json"));
  assert.ok(index.tenants.every((t: { release: string }) => t.release === "teak"));
});

test("fleet:upgrade refuses a release the catalog lacks, with the compiler's located error, writing nothing", async () => {
  const root = tempFleet();
  const before = readTree(path.join(root, "tenants"));
  const r = await run(root, "fleet:upgrade", "--release", "teek", "--wave", "0");
  assert.is(r.code, 1);
  assert.match(r.err, /tenants\/globex\.ts:10:12 error release: release "teek" is not in the platform's catalog \[unknown-release\]/);
  assert.match(r.err, "Nothing was written.");
  assert.equal(readTree(path.join(root, "tenants")), before);
});

test("fleet:upgrade refuses an unknown --where field and a malformed condition", async () => {
  const root = tempFleet({ platform: platformWithTeak() });
  const unknown = await run(root, "fleet:upgrade", "--release", "teak", "--all-waves", "--where", "colour=blue");
  assert.is(unknown.code, 1);
  assert.match(unknown.err, "unknown field colour");
  assert.is((await run(root, "fleet:upgrade", "--release", "teak", "--all-waves", "--where", "state")).code, 1);
});

test.run();

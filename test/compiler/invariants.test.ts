// Fleet-wide invariants and platform rules, each shown to fire (and not to fire) with its location.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO_ROOT, run, tempFleet, tenantSource } from "../helpers/fleet";

const platformText = fs.readFileSync(path.join(REPO_ROOT, "platform", "platform.ts"), "utf8");

async function errors(tenants: Record<string, string>, platform?: string): Promise<string[]> {
  const root = tempFleet({ examples: false, tenants, ...(platform ? { platform } : {}) });
  const r = await run(root, "compile");
  return r.err.split("\n").filter((l) => / error /.test(l));
}

// [name, tenants, expected error lines (substrings); [] means it compiles]
const cases: [string, Record<string, string>, string[]][] = [
  ["distinct tenants compile", { one: tenantSource("one"), two: tenantSource("two") }, []],
  ["ids that differ only in where the hyphen is are distinct", { "ab-c": tenantSource("ab-c"), "a-bc": tenantSource("a-bc") }, []],
  [
    "duplicate lms host, reported on both tenants",
    { one: tenantSource("one"), two: tenantSource("two").replace('"two.example.org"', '"one.example.org"') },
    ['tenants/one.ts:5:17 error hosts.lms: host "one.example.org" is also used by tenant "two"', 'tenants/two.ts:5:17 error hosts.lms: host "one.example.org" is already used by tenant "one"'],
  ],
  [
    "a derived studio host colliding with another tenant's lms host",
    { one: tenantSource("one"), two: tenantSource("two").replace('"two.example.org"', '"studio.one.example.org"') },
    ['host "studio.one.example.org" is already used by tenant "one" (derived cms host)'],
  ],
  [
    "an extra host colliding with a platform host",
    { one: tenantSource("one", 'hosts: { lms: "one.example.org", extra: ["grafana.example.org"] },').replace('  hosts: { lms: "one.example.org" },\n', "") },
    ['tenants/one.ts:8:44 error hosts.extra[0]: host "grafana.example.org" is already used by the platform (main.grafana)'],
  ],
  ["reserved id", { argocd: tenantSource("argocd") }, ['tenants/argocd.ts:3:7 error id: "argocd" is reserved']],
  ["platform namespace as id", { traefik: tenantSource("traefik") }, ['"traefik" is reserved: the namespace of the platform component traefik']],
  ["reserved prefix", { "platform-x": tenantSource("platform-x") }, ['ids starting with "platform-" are reserved']],
  ["double hyphen", { "a--b": tenantSource("a--b") }, ['ids cannot contain "--"']],
  ["system database name", { mysql: tenantSource("mysql") }, ['"mysql" is reserved']],
  [
    "MySQL user length limit",
    { "abcdefghij-abcdefghij-abcdefghij-x": tenantSource("abcdefghij-abcdefghij-abcdefghij-x") },
    ['makes the MySQL user "abcdefghij_abcdefghij_abcdefghij_x" 34 characters long; the limit is 32'],
  ],
  ["host outside the allowed domains", { one: tenantSource("one").replace('"one.example.org"', '"one.example.com"') }, ['"one.example.com" is not under an allowed domain']],
];

for (const [name, tenants, expected] of cases) {
  test(name, async () => {
    const lines = await errors(tenants);
    if (expected.length === 0) assert.equal(lines, []);
    for (const e of expected) assert.ok(lines.some((l) => l.includes(e)), `expected "${e}" in:\n${lines.join("\n")}`);
  });
}

test("tenants on different clusters; a second cluster needs a default", async () => {
  const twoClusters = platformText.replace(
    "  defaultCluster: \"main\",",
    `  defaultCluster: "main",`,
  ).replace("  clusters: {\n", `  clusters: {\n    eu: { provider: "aws", server: "https://eu.k8s.example.org", capacity: { cpu: "32", memory: "128Gi" }, domains: ["example.eu"] },\n`);
  const ok = await errors({ one: tenantSource("one"), two: tenantSource("two", 'cluster: "eu",').replace('"two.example.org"', '"two.example.eu"') }, twoClusters);
  assert.equal(ok, []);
  const root = tempFleet({ examples: false, platform: twoClusters, tenants: { two: tenantSource("two", 'cluster: "eu",').replace('"two.example.org"', '"two.example.eu"') } });
  await run(root, "compile");
  const app = fs.readFileSync(path.join(root, "generated", "apps", "two.yaml"), "utf8");
  assert.match(app, "server: https://eu.k8s.example.org");
  const noDefault = await errors({ one: tenantSource("one") }, twoClusters.replace('  defaultCluster: "main",\n', ""));
  assert.ok(noDefault.some((l) => l.includes('several clusters are declared but no `defaultCluster`')), noDefault.join("\n"));
  const wrongDomain = await errors({ two: tenantSource("two", 'cluster: "eu",') }, twoClusters);
  assert.ok(wrongDomain.some((l) => l.includes('"two.example.org" is not under an allowed domain (example.eu)')), wrongDomain.join("\n"));
});

test("archived tenants keep their ids and hosts reserved", async () => {
  const lines = await errors({ old: tenantSource("old", 'state: "archived",'), neu: tenantSource("neu").replace('"neu.example.org"', '"old.example.org"') });
  assert.ok(lines.some((l) => l.includes('host "old.example.org" is already used by tenant "neu"') || l.includes('is also used by tenant "neu"')), lines.join("\n"));
});

test.run();

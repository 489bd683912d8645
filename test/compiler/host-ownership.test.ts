// Who may use which host, which ids are reserved, as the platform configures them: customer domains, base
// domains, public suffixes, the platform's own hosts, reserved namespaces and managed services' accounts.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { isPublicSuffix, placeHost } from "../../compiler/model/host-ownership";
import { PlatformSchema } from "../../compiler/schema/platform";
import { FIXTURE_FLEET, run, tempFleet, tenantSource } from "../helpers/fleet";

const platformText = fs.readFileSync(path.join(FIXTURE_FLEET, "platform", "platform.ts"), "utf8");
const withPlatform = (edit: (text: string) => string) => {
  const text = edit(platformText);
  assert.is.not(text, platformText, "the edit applied");
  return text;
};
const newco = (text: string) => text.replace('"globex.com": { tenants: ["globex"] },', '"globex.com": { tenants: ["globex"] },\n    "newco.com": { tenants: ["newco"] },');

async function errors(tenants: Record<string, string>, platform?: string): Promise<string[]> {
  const root = tempFleet({ examples: false, tenants, ...(platform ? { platform } : {}) });
  const r = await run(root, "compile");
  return r.err.split("\n").filter((l) => / error /.test(l));
}

// [name, tenants, platform edit, expected error lines (substrings); [] means it compiles]
const cases: [string, Record<string, string>, ((t: string) => string) | undefined, string[]][] = [
  ["a customer's tenant may use the customer's apex and hosts under it", { newco: tenantSource("newco").replace('"newco.example.org"', '"newco.com"') }, newco, []],
  [
    "another tenant may not use a host in that customer's domain",
    { newco: tenantSource("newco").replace('"newco.example.org"', '"newco.com"'), other: tenantSource("other").replace('"other.example.org"', '"learn.newco.com"') },
    newco,
    ['tenants/other.ts:5:17 error hosts.lms: "learn.newco.com" is under newco.com, a customer domain the platform assigns to "newco" only [host-customer-domain]'],
  ],
  [
    "with no base domains any host goes, but never a public suffix or a customer's domain",
    { one: tenantSource("one").replace('"one.example.org"', '"one.example.net"'), two: tenantSource("two").replace('"two.example.org"', '"co.uk"'), three: tenantSource("three").replace('"three.example.org"', '"x.globex.com"') },
    (t) => t.replace('domains: ["example.org", "example.edu"],', "domains: [],"),
    ['tenants/two.ts:5:17 error hosts.lms: "co.uk" is a public suffix', 'tenants/three.ts:5:17 error hosts.lms: "x.globex.com" is under globex.com'],
  ],
  [
    "a base domain of one cluster is an apex too",
    { one: tenantSource("one").replace('"one.example.org"', '"example.org"') },
    undefined,
    ['tenants/one.ts:5:17 error hosts.lms: "example.org" is a base domain of the platform'],
  ],
  [
    "the platform's own domains and hosts are checked",
    {},
    (t) => t.replace('domains: ["example.org", "example.edu"],', 'domains: ["example.org", "co.uk"],').replace('grafana: "grafana.example.org"', 'grafana: "example.org"'),
    ['platform/platform.ts:43:28 error domains[1]: "co.uk" is a public suffix', 'error clusters.main.hosts.grafana: the grafana host "example.org" is a base domain'],
  ],
  [
    "a tenant host above a platform service host is the tenant's error alone",
    { lab: tenantSource("lab") },
    (t) => t.replace('search: "search.example.org"', 'search: "search.lab.example.org"'),
    ['tenants/lab.ts:5:17 error hosts.lms: host "lab.example.org" is above "search.lab.example.org" of the platform (main.search)'],
  ],
  [
    "the platform's reserved namespaces, exact and by prefix",
    { ops: tenantSource("ops"), "sandbox-a": tenantSource("sandbox-a"), sandbox: tenantSource("sandbox") },
    undefined,
    ['tenants/ops.ts:3:7 error id: "ops" is reserved: reserved by the platform', 'tenants/sandbox-a.ts:3:7 error id: ids starting with "sandbox-" are reserved'],
  ],
  [
    "a managed MySQL's admin account cannot be a tenant's user",
    { "fleet-admin": tenantSource("fleet-admin") },
    (t) => t.replace("      components: {\n", '      components: {\n        mysql: { external: { host: "db.example.net", adminUser: "fleet_admin" } },\n'),
    ['tenants/fleet-admin.ts:3:7 error id: "fleet-admin" is reserved: its MySQL user "fleet_admin" is the managed MySQL\'s admin user'],
  ],
];

for (const [name, tenants, edit, expected] of cases) {
  test(name, async () => {
    const lines = await errors(tenants, edit ? withPlatform(edit) : undefined);
    if (expected.length === 0) assert.equal(lines, []);
    for (const e of expected) assert.ok(lines.some((l) => l.includes(e)), `expected "${e}" in:\n${lines.join("\n")}`);
    if (name.startsWith("a tenant host above")) assert.not.ok(lines.some((l) => l.startsWith("platform/")), lines.join("\n"));
    if (name.startsWith("the platform's reserved")) assert.not.ok(lines.some((l) => l.includes("tenants/sandbox.ts") && l.includes("[reserved-id]")), "a prefix is not the name");
  });
}

test("placement, label by label", () => {
  const platform = PlatformSchema.parse({
    fleet: "f",
    repo: { url: "u" },
    clusters: { main: { provider: "local", capacity: { cpu: "1", memory: "1Gi" }, egress: {} } },
    domains: ["example.org"],
    customerDomains: { "globex.com": { tenants: ["globex"] } },
    acmeEmail: "a@example.org",
    releases: {},
    sizes: {},
  });
  const code = (id: string, host: string) => {
    const p = placeHost(platform, id, host, platform.domains);
    return p.ok ? "ok" : p.code;
  };
  assert.is(code("x", "learn.example.org"), "ok");
  assert.is(code("x", "example.org"), "host-apex");
  assert.is(code("x", "notexample.org"), "host-domain");
  assert.is(code("globex", "globex.com"), "ok");
  assert.is(code("globex", "a.b.globex.com"), "ok");
  assert.is(code("x", "a.b.globex.com"), "host-customer-domain");
  assert.is(code("x", "notglobex.com"), "host-domain");
  assert.is(code("x", "github.io"), "host-public-suffix");
  assert.ok(isPublicSuffix("co.uk") && !isPublicSuffix("example.co.uk"));
});

test.run();

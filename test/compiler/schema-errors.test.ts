// Schema errors point at the value, key or object to fix, with suggestions for misspellings.
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { sortDiagnostics } from "../../compiler/diagnostics";
import { TenantSchema } from "../../compiler/schema/tenant";
import { StaticReader } from "../../compiler/source/static-reader";
import { validate } from "../../compiler/validate/schema-issues";
import { nearest } from "../../compiler/validate/suggest";
import { REPO_ROOT } from "../helpers/fleet";

function check(fields: string) {
  const reader = new StaticReader({ root: REPO_ROOT, apiModule: path.join(REPO_ROOT, "compiler", "api"), presetDir: path.join(REPO_ROOT, "platform") });
  const text = `import { defineTenant } from "../compiler/api";\nexport default defineTenant({\n  id: "t",\n  release: "ulmo",\n  platformName: "T",\n  contactEmail: "ops@t.example.org",\n${fields}\n});\n`;
  const read = reader.read(path.join(REPO_ROOT, "tenants", "t.ts"), "defineTenant", text);
  return sortDiagnostics(validate(TenantSchema, read.value, read.locator, read.unreadable).diagnostics).map((d) => `${d.line}:${d.col} ${d.path ?? ""}: ${d.message}${d.hint ? ` | ${d.hint}` : ""}`);
}

const OK_HOSTS = `  hosts: { lms: "t.example.org" },`;
const cases: [string, string, string[]][] = [
  ["valid", `${OK_HOSTS}\n  size: "small",`, []],
  ["invalid host at its value", `  hosts: { lms: "Bad_Host" },\n  size: "small",`, [`7:17 hosts.lms: "Bad_Host" is not a valid host name (lower-case letters, digits, '-' and '.')`]],
  ["unknown key at the key, with suggestion", `${OK_HOSTS}\n  size: "small",\n  pluggins: [],`, [`9:3 pluggins: unknown property "pluggins" | did you mean "plugins"?`]],
  ["unknown nested key", `  hosts: { lms: "t.example.org", studio: "s.example.org" },\n  size: "small",`, [`7:34 hosts.studio: unknown property "studio" | known properties: cms, extra, lms, mfe`]],
  ["missing property at its object", `  hosts: { cms: "c.example.org" },\n  size: "small",`, [`7:10 hosts.lms: required property "lms" is missing | add \`lms: ...\` to hosts`]],
  ["wrong type", `${OK_HOSTS}\n  size: "small",\n  wave: "1",`, [`9:9 wave: expected a number, got "1"`]],
  ["enum with suggestion", `${OK_HOSTS}\n  size: "small",\n  services: { mysql: "dedicate" },`, [`9:22 services.mysql: "dedicate" is not one of "shared", "dedicated" | did you mean "dedicated"?`]],
  ["number range", `${OK_HOSTS}\n  size: "small",\n  wave: 12,`, [`9:9 wave: number 12 is too large (maximum 9)`]],
  ["size object branch of the union", `${OK_HOSTS}\n  size: { preset: "small", lms: { replicaz: {} } },`, [`8:35 size.lms.replicaz: unknown property "replicaz" | did you mean "replicas"?`]],
  ["array element", `${OK_HOSTS}\n  size: "small",\n  hosts2: 1,\n  plugins: ["mfe", 7],`, [`9:3 hosts2: unknown property "hosts2" | did you mean "hosts"?`, `10:20 plugins[1]: expected a string, got number 7`]],
];

for (const [name, fields, expected] of cases) {
  test(name, () => assert.equal(check(fields), expected));
}

test("suggestions: close misspellings only", () => {
  assert.is(nearest("lsm", ["lms", "cms", "mfe"]), "lms");
  assert.is(nearest("platfromName", ["platformName", "plugins"]), "platformName");
  assert.is(nearest("LMS", ["lms"]), "lms");
  assert.is(nearest("zzzz", ["lms", "cms"]), undefined);
});

test.run();

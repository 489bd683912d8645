// Names of Object.prototype's members as catalog names (release, size, cluster, plugin, defaultCluster) are
// unknown names like any other: a located error with the known names, never a crash (exit 2) nor acceptance.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { run, tempFleet } from "../helpers/fleet";

const tenant = (release: string, size: string, extra = "") => `import { defineTenant } from "../compiler/api";
export default defineTenant({
  id: "t1",
  release: ${release},
  hosts: { lms: "t1.example.org" },
  platformName: "T",
  contactEmail: "ops@example.org",
  size: ${size},${extra}
});
`;

// [what, tenant file, code, line:col, a known name the hint suggests]
const cases: [string, string, string, string, string][] = [
  ["toString as release", tenant(`"toString"`, `"small"`), "unknown-release", "4:12", "ulmo"],
  ["constructor as release", tenant(`"constructor"`, `"small"`), "unknown-release", "4:12", "ulmo"],
  ["hasOwnProperty as size", tenant(`"ulmo"`, `"hasOwnProperty"`), "unknown-size", "8:9", "small"],
  ["valueOf as size preset", tenant(`"ulmo"`, `{ preset: "valueOf" }`), "unknown-size", "8:19", "small"],
  ["constructor as cluster", tenant(`"ulmo"`, `"small"`, `\n  cluster: "constructor",`), "unknown-cluster", "9:12", "main"],
  ["toString as plugin", tenant(`"ulmo"`, `"small"`, `\n  plugins: ["mfe", "toString"],`), "unknown-plugin", "9:20", "mfe"],
  ["__defineGetter__ as plugin", tenant(`"ulmo"`, `"small"`, `\n  plugins: ["__defineGetter__"],`), "unknown-plugin", "9:13", "mfe"],
];

for (const [name, text, code, where, known] of cases) {
  test(`${name}: ${code} at ${where}`, async () => {
    const root = tempFleet({ examples: false, tenants: { t1: text } });
    const r = await run(root, "compile");
    assert.is(r.code, 1, r.err);
    const line = r.err.split("\n").find((l) => l.startsWith(`tenants/t1.ts:${where} error`) && l.includes(`[${code}]`));
    assert.ok(line, r.err);
    assert.match(r.err, known);
    assert.match(r.err, "Nothing was written.");
  });
}

test("constructor as defaultCluster is an unknown cluster of the platform file", async () => {
  const root = tempFleet({ examples: false, tenants: { t1: tenant(`"ulmo"`, `"small"`) } });
  const file = path.join(root, "platform", "platform.ts");
  fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/defaultCluster: "[a-z-]+"/, `defaultCluster: "constructor"`));
  const r = await run(root, "compile");
  assert.is(r.code, 1, r.err);
  assert.match(r.err, /platform\/platform\.ts:\d+:\d+ error defaultCluster: defaultCluster "constructor" is not a declared cluster \[default-cluster\]/);
});

test.run();

// Files built to exhaust the compiler (huge, deeply nested) fail the compile at their line with exit 1,
// and leave generated/ as it was. They are generated here: as fixtures they would weigh on the repository.
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MAX_FILE_BYTES } from "../../compiler/source/limits";
import { run, tempFleet, tenantSource, treeHash, writeTenant } from "../helpers/fleet";

const root = tempFleet({ examples: false, tenants: { base: tenantSource("base") } });
const ready = run(root, "compile");

const cases: [string, string, string][] = [
  ["a file over the size limit", tenantSource("huge", `labels: { note: "${"x".repeat(MAX_FILE_BYTES)}" },`), "tenants/huge.ts:1:1 error the file is larger than 256 KiB [too-large]"],
  ["brackets nested 100,000 deep", tenantSource("deep", `tutor: { X: ${"[".repeat(100_000)}${"]".repeat(100_000)} },`), "tenants/deep.ts:9:76 error brackets nest deeper than 64 levels [too-deep]"],
  ["a type nested 30,000 deep", `const t: ${"Array<".repeat(30_000)}1${">".repeat(30_000)} = 1;\n` + tenantSource("deeptype"), "tenants/deeptype.ts:1:6003 error the file nests too deeply for the parser [too-deep]"],
];

for (const [name, text, expected] of cases) {
  test(`${name}: exit 1 at its line, nothing written`, async () => {
    assert.is((await ready).code, 0);
    const before = treeHash(path.join(root, "generated"));
    const id = /id: "([a-z]+)"/.exec(text)![1]!;
    writeTenant(root, id, text);
    const r = await run(root, "compile");
    (await import("node:fs")).rmSync(path.join(root, "tenants", `${id}.ts`));
    assert.is(r.code, 1, r.err.slice(0, 2000));
    assert.ok(r.err.split("\n").some((l) => l.startsWith(expected) && /\[too-(large|deep)\]/.test(l)), r.err.slice(0, 2000));
    assert.match(r.err, "Nothing was written.");
    assert.is(treeHash(path.join(root, "generated")), before);
  });
}

test.run();

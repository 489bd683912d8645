// What a reviewer reads in the PR comment: compile warnings, one flag per risk and object, no false
// secret flag for a host, capacity as `report` computes it, and a failed check (or compile) on top.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Review } from "../../compiler/review/report";
import { run, tempDir, tenantSource } from "../helpers/fleet";
import { gitFleet, patchFile, resetTo } from "../helpers/git-fleet";

const { root, base } = gitFleet();

async function review(...args: string[]): Promise<Review> {
  const r = await run(root, "diff", "--base", base, "--format", "json", ...args);
  assert.is(r.code, 0, r.err);
  return JSON.parse(r.out) as Review;
}

test("comment: a changed extra host is one host flag per object, and no secret flag", async () => {
  resetTo(root, base);
  patchFile(root, "tenants/globex.ts", `"learn.globex.com"`, `"learn2.globex.com"`);
  const r = await review();
  assert.equal([...new Set(r.flags.map((f) => f.rule))], ["host-changed"]);
  const subjects = r.flags.map((f) => `${f.rule} ${f.subject}`);
  assert.equal(subjects, [...new Set(subjects)], "one flag per rule and object");
  const ingress = r.flags.find((f) => f.subject.startsWith("Ingress "));
  assert.ok(ingress, JSON.stringify(r.flags));
  assert.match(ingress.message, /\/spec\/rules\/\d+\/host, \/spec\/tls\/0\/hosts\/\d+: learn\.globex\.com → learn2\.globex\.com/);
});

test("comment: compile warnings are in it, and its capacity figures are those of `npm run report`", async () => {
  resetTo(root, base);
  // two large tenants take the fixture's cluster past its capacity (a warning, under the over-commit)
  for (const id of ["bigco", "hugeco"]) fs.writeFileSync(path.join(root, "tenants", `${id}.ts`), tenantSource(id).replace(`size: "small"`, `size: "medium"`));
  const r = await review();
  const capacity = r.warnings.find((w) => /^platform\/platform\.ts:\d+:\d+ warning .*tenant quotas on cluster main .*% of its capacity/.test(w));
  assert.ok(capacity, r.warnings.join("\n"));
  const md = (await run(root, "diff", "--base", base)).out;
  assert.match(md, new RegExp(`#### ⚠️ Compile warnings \\(${r.warnings.length}\\)\n\n- platform/platform\\.ts:\\d+:\\d+ warning`));
  assert.ok(md.includes(`- ${capacity.split("\n")[0]}`), "the capacity warning is in the comment");
  const report = JSON.parse((await run(root, "report", "--format", "json")).out) as { clusters: { cluster: string; requests: { cores: number; bytes: number }; max: { cores: number; bytes: number } }[] };
  assert.is(r.capacity.length, report.clusters.length);
  for (const c of report.clusters) {
    const mine = r.capacity.find((x) => x.cluster === c.cluster)!;
    assert.is(Math.round(mine.requests.cpu * 1000) / 1000, c.requests.cores);
    assert.is(mine.requests.memory, c.requests.bytes);
    assert.is(Math.round(mine.max.cpu * 1000) / 1000, c.max.cores);
    assert.ok(mine.before && mine.before.cpu < mine.requests.cpu, "the requests before the change are shown");
  }
  // the percentage the warning names is the tenant-quota one the comment shows
  const percent = /(\d+)% of its capacity/.exec(capacity)![1];
  assert.match(md, new RegExp(`tenant quotas [^;]*\\(${percent}%\\)`));
});

test("comment: a failed check is on top, above the summary", async () => {
  resetTo(root, base);
  patchFile(root, "tenants/acme.ts", "learn.acme.example.org", "courses.acme.example.org");
  const file = path.join(tempDir("fleet-failure-"), "check.txt");
  fs.writeFileSync(file, "generated/ is not what the compiler writes: 4 file(s) differ\n    fix: run `npm run compile` and commit generated/\n");
  const md = (await run(root, "diff", "--base", base, "--failure", file)).out;
  const failure = md.indexOf("#### ❌ A check of this change failed");
  assert.ok(failure > 0 && failure < md.indexOf("**Tenants:**"), md.slice(0, 600));
  assert.match(md, /```text\ngenerated\/ is not what the compiler writes/);
  assert.is((await run(root, "diff", "--base", base, "--failure", path.join(root, "no-such-file"))).code, 1);
});

test("comment: a working tree that does not compile still gets a comment: its errors, located", async () => {
  resetTo(root, base);
  patchFile(root, "tenants/acme.ts", `size: "small"`, `size: "smal"`);
  const r = await run(root, "diff", "--base", base);
  assert.is(r.code, 1);
  assert.match(r.out, /<!-- openedx-fleet:review -->/);
  assert.match(r.out, /#### ❌ A check of this change failed[^]*tenants\/acme\.ts:\d+:\d+ error/);
  assert.match(r.err, /tenants\/acme\.ts:\d+:\d+ error/);
});

test.run();

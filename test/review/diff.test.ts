// `npm run diff` on small git repositories: each risk flag fires when it should and not otherwise, the
// JSON output, the user's checkout and worktree list left untouched, and bad refs.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { Review } from "../../compiler/review/report";
import { RULES } from "../../compiler/review/flags";
import { compileRevision } from "../../compiler/review/worktree";
import { run, tempFleet, tenantSource } from "../helpers/fleet";
import { commitVariant, gitFleet, patchFile, resetTo, worktrees } from "../helpers/git-fleet";

const { root, base } = gitFleet();
const write = (rel: string, text: string) => fs.writeFileSync(path.join(root, rel), text);
const edit = (rel: string, from: string, to: string) => patchFile(root, rel, from, to);

async function review(ref = base, ...args: string[]): Promise<Review> {
  const r = await run(root, "diff", "--base", ref, "--format", "json", ...args);
  assert.is(r.code, 0, r.err);
  return JSON.parse(r.out) as Review;
}

// a base whose compiler differed: a PVC per tenant, older secret placeholders, an older chart pin
const variant = commitVariant(root, base, () => {
  edit("compiler/render/tenant.ts", "export const TENANT_RESOURCES: Record<string, ResourceRenderer> = {", `export const TENANT_RESOURCES: Record<string, ResourceRenderer> = {
  uploads: (t) => [{ apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "uploads", namespace: t.names.namespace, annotations: { "argocd.argoproj.io/sync-options": "Delete=false,Prune=confirm" } }, spec: { accessModes: ["ReadWriteOnce"], resources: { requests: { storage: "1Gi" } } } }],`);
  edit("compiler/tutor/pinned.ts", "from-cluster-secret:", "from-cluster-secret:old-");
  edit("compiler/render/platform/components/metrics-server.ts", `version: "3.13.0"`, `version: "3.12.2"`);
});

interface Case {
  name: string;
  change: () => void;
  ref?: string;
  /** Flags that must fire; every other rule must stay silent unless listed in `may`. */
  fires: string[];
  may?: string[];
  check?: (r: Review) => void;
}

const CASES: Case[] = [
  { name: "no change", change: () => {}, fires: [], check: (r) => assert.is(r.summary.files, 0) },
  {
    name: "tenant added",
    change: () => write("tenants/newco.ts", tenantSource("newco")),
    fires: [],
    check: (r) => {
      assert.equal(r.summary.tenants.added, ["newco"]);
      assert.ok(r.tenants.find((t) => t.id === "newco")?.details.includes("release ulmo"));
    },
  },
  { name: "tenant removed", change: () => fs.rmSync(path.join(root, "tenants/initech.ts")), fires: ["tenant-removed", "namespace-removed"], may: ["data-deleted"], check: (r) => assert.equal(r.summary.tenants.removed, ["initech"]) },
  { name: "tenant archived", change: () => edit("tenants/acme.ts", `id: "acme",`, `id: "acme",\n  state: "archived",`), fires: [], check: (r) => assert.equal(r.summary.tenants.archived, ["acme"]) },
  {
    name: "image changed",
    change: () => edit("tenants/globex.ts", "21.0.8-globex.4", "21.0.8-globex.5"),
    fires: ["release-or-image-changed"],
    check: (r) => assert.ok(r.tenants.find((t) => t.id === "globex")?.details.includes("image: ghcr.io/globex/openedx:21.0.8-globex.4 → ghcr.io/globex/openedx:21.0.8-globex.5")),
  },
  { name: "host changed", change: () => edit("tenants/acme.ts", "learn.acme.example.org", "courses.acme.example.org"), fires: ["host-changed"] },
  { name: "resources cut", change: () => edit("tenants/initech.ts", `preset: "large"`, `preset: "medium"`), fires: ["resources-cut"], check: (r) => assert.ok(r.tenants[0]!.details.includes("size: large → medium")) },
  { name: "resources grown is no cut", change: () => edit("tenants/acme.ts", `size: "small"`, `size: "medium"`), fires: [] },
  { name: "project widened (new source repository)", change: () => edit("platform/platform.ts", "https://github.com/example/openedx-fleet.git", "https://github.com/example/other.git"), fires: ["project-widened"] },
  { name: "compiler change in the base", ref: variant, change: () => {}, fires: ["data-deleted", "secret-reference-changed", "release-or-image-changed"] },
];

for (const c of CASES) {
  test(`diff: ${c.name}`, async () => {
    resetTo(root, base);
    c.change();
    const r = await review(c.ref ?? base);
    const fired = new Set(r.flags.map((f) => f.rule));
    for (const rule of c.fires) assert.ok(fired.has(rule), `${rule} should fire; fired: ${[...fired].join(", ") || "none"}`);
    for (const rule of Object.keys(RULES)) if (!c.fires.includes(rule) && !(c.may ?? []).includes(rule)) assert.not.ok(fired.has(rule), `${rule} should not fire: ${JSON.stringify(r.flags.filter((f) => f.rule === rule))}`);
    c.check?.(r);
  });
}

test("diff: the user's checkout and its worktrees are left as they were", async () => {
  resetTo(root, base);
  edit("tenants/acme.ts", "learn.acme.example.org", "courses.acme.example.org");
  const status = execFileSync("git", ["-C", root, "status", "--porcelain"], { encoding: "utf8" });
  const r = await run(root, "diff", "--base", "main");
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /<!-- openedx-fleet:review -->/);
  assert.match(r.out, /<details><summary><code>tenants\/acme\/config.yml<\/code> modified/);
  assert.is(execFileSync("git", ["-C", root, "status", "--porcelain"], { encoding: "utf8" }), status);
  assert.not.ok(fs.existsSync(path.join(root, "generated")), "nothing written to the checkout");
  assert.is(worktrees(root), 1);
});

test("diff: JSON carries the same content as the Markdown comment", async () => {
  resetTo(root, base);
  edit("tenants/acme.ts", "learn.acme.example.org", "courses.acme.example.org");
  const r = await review();
  const md = (await run(root, "diff", "--base", base)).out;
  assert.ok(r.files.length > 0 && r.files.every((f) => f.patch.startsWith("--- a/generated/")));
  for (const f of r.files) assert.ok(md.includes(`<code>${f.path}</code>`));
  for (const f of r.flags) assert.ok(md.includes(f.message), f.message);
  assert.ok(r.files.every((f) => !f.patch.includes("# Generated by")), "header comments filtered");
});

test("diff: a base that does not compile is compared through its committed generated/, and says so", async () => {
  resetTo(root, base);
  const broken = commitVariant(root, base, () => edit("tenants/acme.ts", `size: "small"`, `size: "tiny"`));
  const r = await review(broken);
  assert.match(r.notes.join(" "), /did not compile .*its committed generated\/ is compared instead/);
  // this repository commits no generated/: everything is new
  assert.ok(r.files.length > 0 && r.files.every((f) => f.status === "added"));
});

test("diff: a fleet kept apart from the compiler (--root) has its base compiled by this compiler", async () => {
  const fleet = tempFleet();
  const git = (...args: string[]) => execFileSync("git", ["-C", fleet, "-c", "user.name=t", "-c", "user.email=t@example.org", ...args]);
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "base");
  fs.writeFileSync(path.join(fleet, "tenants/newco.ts"), tenantSource("newco"));
  const r = await run(fleet, "diff", "--base", "HEAD", "--format", "json");
  const review = JSON.parse(r.out) as Review;
  assert.equal(review.notes, []);
  assert.equal(review.summary.tenants.added, ["newco"]);
});

test("diff: a base with this very compiler is built in this process, to the same files its worktree compile gives", () => {
  resetTo(root, base);
  const before = fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith("fleet-review-")).length;
  const fast = compileRevision(root, base);
  const slow = compileRevision(root, base, () => true, { worktree: true });
  assert.equal([fast.built, slow.built], ["in process", "worktree"]);
  assert.ok(fast.hashes.size > 50);
  assert.equal(fast.hashes, slow.hashes);
  assert.equal(fast.files, slow.files);
  assert.is(fast.note, undefined);
  assert.is(fs.readdirSync(os.tmpdir()).filter((n) => n.startsWith("fleet-review-")).length, before, "no temporary folder left");
  assert.is(worktrees(root), 1);
});

test("diff: a bad ref or option is a usage error", async () => {
  const bad = await run(root, "diff", "--base", "no-such-ref");
  assert.is(bad.code, 1);
  assert.match(bad.err, /--base no-such-ref: not a commit/);
  assert.is((await run(root, "diff")).code, 1);
  assert.is((await run(root, "diff", "--base", base, "--format", "html")).code, 1);
});

test.run();

// Lifecycle guards: a tenant goes only once archived in the committed fleet index, ids are never
// renamed, and removing several tenants at once needs --allow-delete. Git-based cases run in a
// temporary repository, the way an operator (and CI) works.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { lifecycleOptions } from "../../compiler/fleet/lifecycle";
import { run, tempFleet, tenantSource, writeTenant } from "../helpers/fleet";

const git = (root: string, ...args: string[]) =>
  execFileSync("git", ["-C", root, "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c", "commit.gpgsign=false", ...args], { encoding: "utf8", stdio: "pipe" });
const commitAll = (root: string, message: string) => {
  git(root, "add", "-A");
  git(root, "commit", "-q", "-m", message);
};
const removeTenant = (root: string, id: string) => fs.rmSync(path.join(root, "tenants", `${id}.ts`));
const exists = (root: string, rel: string) => fs.existsSync(path.join(root, "generated", rel));

/** A git fleet with the examples plus `tenants`, compiled and committed. */
async function gitFleet(tenants: Record<string, string>): Promise<string> {
  const root = tempFleet({ tenants });
  git(root, "init", "-q", "-b", "main");
  assert.is((await run(root, "compile")).code, 0);
  commitAll(root, "fleet");
  return root;
}

/** Takes a tenant out of generated/fleet.json on disk, as a hand edit would. */
function dropFromIndex(root: string, id: string): void {
  const file = path.join(root, "generated", "fleet.json");
  const index = JSON.parse(fs.readFileSync(file, "utf8"));
  index.tenants = index.tenants.filter((t: { id: string }) => t.id !== id);
  fs.writeFileSync(file, JSON.stringify(index, null, 2));
}

/** Line and column of `"id": "<id>"` in a fleet.json text. */
function entryOf(text: string, id: string): string {
  const lines = text.split("\n");
  const line = lines.findIndex((l) => l.includes(`"id": "${id}"`));
  return `generated/fleet.json:${line + 1}:${lines[line]!.indexOf('"id"') + 1}`;
}

test("removing an active tenant fails, located at its entry in the committed fleet.json, with the fix", async () => {
  const root = await gitFleet({ delta: tenantSource("delta") });
  const committed = git(root, "show", "HEAD:generated/fleet.json");
  removeTenant(root, "delta");
  for (const command of ["compile", "check"]) {
    const r = await run(root, command);
    assert.is(r.code, 1);
    assert.match(r.err, `${entryOf(committed, "delta")} error tenants/delta.ts was removed, but generated/fleet.json at HEAD shows tenant "delta" active [remove-unarchived]`);
    assert.match(r.err, 'fix: restore tenants/delta.ts and set state: "archived"');
  }
  assert.ok(exists(root, "apps/delta.yaml"), "nothing was written");
});

test("the same holds without git, against generated/fleet.json on disk", async () => {
  const root = tempFleet({ tenants: { delta: tenantSource("delta", 'state: "maintenance",') } });
  await run(root, "compile");
  removeTenant(root, "delta");
  const r = await run(root, "compile");
  assert.is(r.code, 1);
  assert.match(r.err, 'generated/fleet.json on disk shows tenant "delta" maintenance [remove-unarchived]');
});

test("archive, commit, then remove: the tenant's files go, the rest stays", async () => {
  const root = await gitFleet({ delta: tenantSource("delta") });
  writeTenant(root, "delta", tenantSource("delta", 'state: "archived",'));
  assert.is((await run(root, "compile")).code, 0);
  assert.not.match(fs.readFileSync(path.join(root, "generated", "apps", "delta.yaml"), "utf8"), /kind: Application\nmetadata:\n  name: delta\n/, "the instance Application is gone");
  assert.ok(fs.readFileSync(path.join(root, "generated", "tenants", "delta", "resources", "objects.yaml"), "utf8").includes("\nkind: Namespace\n"), "the namespace stays while archived");
  commitAll(root, "archive delta");
  removeTenant(root, "delta");
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  assert.not.ok(exists(root, "apps/delta.yaml"));
  assert.not.ok(exists(root, "apps/tenants/main/delta.yaml"));
  assert.not.ok(exists(root, "tenants/delta/resources/objects.yaml"));
  assert.ok(exists(root, "apps/acme.yaml"));
  assert.is((await run(root, "check")).code, 0);
});

test("archiving and removing in the same change is refused: the commit still shows it active", async () => {
  const root = await gitFleet({ delta: tenantSource("delta") });
  writeTenant(root, "delta", tenantSource("delta", 'state: "archived",'));
  assert.is((await run(root, "compile")).code, 0); // compiled, not committed
  removeTenant(root, "delta");
  const r = await run(root, "compile");
  assert.is(r.code, 1);
  assert.match(r.err, 'at HEAD shows tenant "delta" active');
});

test("the guard holds even after generated/ on disk lost the tenant (hand edit, or an older compiler)", async () => {
  const root = await gitFleet({ delta: tenantSource("delta") });
  removeTenant(root, "delta");
  dropFromIndex(root, "delta");
  assert.is((await run(root, "compile")).code, 1);
});

test("CI: check --base <target branch> refuses a removal that was committed together with its generated/", async () => {
  const root = await gitFleet({ delta: tenantSource("delta") });
  const base = git(root, "rev-parse", "HEAD").trim();
  // a pull request that deleted the tenant and hand-edited generated/ to match
  removeTenant(root, "delta");
  fs.rmSync(path.join(root, "generated", "apps", "delta.yaml"));
  dropFromIndex(root, "delta");
  commitAll(root, "remove delta");
  const r = await run(root, "check", "--base", base);
  assert.is(r.code, 1);
  assert.match(r.err, `generated/fleet.json at ${base} shows tenant "delta" active`);
  const unknown = await run(root, "check", "--base", "no-such-branch");
  assert.is(unknown.code, 1);
  assert.match(unknown.err, "--base no-such-branch is not a commit of this repository");
});

// [case, change, expected error (substring), code]
const renameCases: [string, (root: string) => void, string][] = [
  [
    "a new id taking the hosts of the removed tenant (file renamed)",
    (root) => {
      removeTenant(root, "delta");
      writeTenant(root, "delta2", tenantSource("delta2").replace('"delta2.example.org"', '"delta.example.org"'));
    },
    'tenants/delta2.ts:5:17 error hosts.lms: tenant "delta2" takes host delta.example.org of removed tenant "delta" (generated/fleet.json:',
  ],
  [
    "a new id taking only the removed tenant's extra host",
    (root) => {
      removeTenant(root, "delta");
      writeTenant(root, "omega", tenantSource("omega", 'hosts: { lms: "omega.example.org", extra: ["shop.delta.example.org"] },').replace('  hosts: { lms: "omega.example.org" },\n', ""));
    },
    'tenant "omega" takes host shop.delta.example.org of removed tenant "delta"',
  ],
  ["an id changed inside the file", (root) => writeTenant(root, "delta", tenantSource("delta2")), 'tenants/delta.ts:3:7 error id: id "delta2" does not match the file name tenants/delta.ts'],
];
for (const [name, change, expected] of renameCases) {
  test(`rename refused: ${name}`, async () => {
    // archived, so only the rename itself is wrong
    const root = await gitFleet({ delta: tenantSource("delta", 'state: "archived",\n  hosts: { lms: "delta.example.org", extra: ["shop.delta.example.org"] },').replace('  hosts: { lms: "delta.example.org" },\n', "") });
    change(root);
    const r = await run(root, "compile");
    assert.is(r.code, 1);
    assert.match(r.err, expected);
  });
}

test("deletion cap: two removals need --allow-delete naming both", async () => {
  const archived = (id: string) => tenantSource(id, 'state: "archived",');
  const root = await gitFleet({ delta: archived("delta"), foxtrot: archived("foxtrot") });
  removeTenant(root, "delta");
  removeTenant(root, "foxtrot");
  const refused = await run(root, "compile");
  assert.is(refused.code, 1);
  assert.match(refused.err, /generated\/fleet\.json:\d+:\d+ error 2 tenants are removed in one change \(delta, foxtrot\); "delta" is not confirmed \[delete-cap\]/);
  assert.match(refused.err, "fix: confirm with `--allow-delete delta,foxtrot` on compile and check");
  const half = await run(root, "compile", "--allow-delete", "delta");
  assert.is(half.code, 1);
  assert.match(half.err, '"foxtrot" is not confirmed');
  assert.not.match(half.err, '"delta" is not confirmed');
  const ok = await run(root, "compile", "--allow-delete=delta,foxtrot");
  assert.is(ok.code, 0, ok.err);
  assert.not.ok(exists(root, "apps/delta.yaml") || exists(root, "apps/foxtrot.yaml"));
  assert.is((await run(root, "check", "--allow-delete", "delta", "--allow-delete", "foxtrot")).code, 0);
});

test("the cap never lifts the archive rule", async () => {
  const root = await gitFleet({ delta: tenantSource("delta"), foxtrot: tenantSource("foxtrot", 'state: "archived",') });
  removeTenant(root, "delta");
  removeTenant(root, "foxtrot");
  const r = await run(root, "compile", "--allow-delete", "delta,foxtrot");
  assert.is(r.code, 1);
  assert.match(r.err, 'shows tenant "delta" active');
  assert.not.match(r.err, "delete-cap");
});

test("arguments: --allow-delete and --allow-reuse lists (comma, repeated, =) and --base", () => {
  assert.equal(lifecycleOptions({ "allow-delete": ["a,b", "c"], "allow-reuse": ["d"], base: "origin/main" }), { allowDelete: ["a", "b", "c"], allowReuse: ["d"], base: "origin/main" });
  assert.equal(lifecycleOptions({}), { allowDelete: [], allowReuse: [] });
});

test("an id is never reused: a new tenant taking the id of one removed earlier is refused", async () => {
  const root = await gitFleet({ delta: tenantSource("delta", 'state: "archived",') });
  removeTenant(root, "delta");
  assert.is((await run(root, "compile")).code, 0);
  commitAll(root, "remove delta");
  const removedIn = git(root, "rev-parse", "--short", "HEAD").trim();
  // another organisation, other hosts, the same id: it would inherit delta's namespace, secrets and databases
  writeTenant(root, "delta", tenantSource("delta").replace('"delta.example.org"', '"newco.example.org"'));
  const r = await run(root, "compile");
  assert.is(r.code, 1);
  assert.match(r.err, `tenants/delta.ts:3:7 error id: id "delta" belonged to a tenant removed in commit ${removedIn}: ids are forever, never reused [id-reused]`);
  assert.match(r.err, "confirm with `--allow-reuse delta`");
  assert.is((await run(root, "compile", "--allow-reuse", "delta")).code, 0);
  // a new id is fine, and ids never deleted are not affected
  removeTenant(root, "delta");
  writeTenant(root, "newco", tenantSource("newco"));
  assert.is((await run(root, "compile")).code, 0);
});

test("a fresh repository without commits has nothing deployed: any change compiles", async () => {
  const root = tempFleet({ tenants: { delta: tenantSource("delta") } });
  git(root, "init", "-q");
  await run(root, "compile");
  removeTenant(root, "delta");
  assert.is((await run(root, "compile")).code, 0);
});

test.run();

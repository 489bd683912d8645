// `theme` and `demoCourse` in a tenant file: a theme from the platform's catalog (a plugin's needs the plugin),
// the demo course only where tenants may reach GitHub; render.json carries what the hooks need.
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { examplePlatform } from "../helpers/platform";
import { readTree, run, tempFleet, tenantSource } from "../helpers/fleet";

async function compiled(fields: string, platform?: string) {
  const root = tempFleet({ examples: false, tenants: { alpha: tenantSource("alpha", fields) }, ...(platform ? { platform } : {}) });
  const r = await run(root, "compile");
  return { ...r, tree: readTree(path.join(root, "generated")) };
}

test("a catalog theme and the demo course reach render.json with the tenant's three hosts", async () => {
  const { code, err, tree } = await compiled(`plugins: ["mfe", "indigo"], theme: "indigo", demoCourse: true,`);
  assert.is(code, 0, err);
  const ctx = JSON.parse(tree.get("tenants/alpha/render.json")!);
  assert.equal(ctx.theme, { name: "indigo", domains: ["alpha.example.org", "studio.alpha.example.org", "apps.alpha.example.org"] });
  assert.equal(ctx.demoCourse, {});
});

test("neither set: render.json has neither (no hook); a pinned ref is kept; `default` needs no catalog entry", async () => {
  const plain = await compiled("");
  assert.is(plain.code, 0, plain.err);
  const ctx = JSON.parse(plain.tree.get("tenants/alpha/render.json")!);
  assert.equal([ctx.theme, ctx.demoCourse], [undefined, undefined]);
  const pinned = await compiled(`theme: "default", demoCourse: { ref: "release/ulmo.3" },`);
  assert.is(pinned.code, 0, pinned.err);
  assert.equal(JSON.parse(pinned.tree.get("tenants/alpha/render.json")!).demoCourse, { ref: "release/ulmo.3" });
});

test("an unknown theme is refused with a suggestion; inherited names are not catalog entries", async () => {
  const typo = await compiled(`plugins: ["indigo"], theme: "indgo",`);
  assert.is(typo.code, 1);
  assert.match(typo.err, /tenants\/alpha\.ts:\d+:\d+ error theme: theme "indgo" is not in the platform's catalog \[unknown-theme\]/);
  assert.match(typo.err, /indigo/);
  const proto = await compiled(`theme: "constructor",`);
  assert.match(proto.err, /\[unknown-theme\]/);
});

test("a plugin's theme without the plugin, and hostile names, are refused", async () => {
  const noPlugin = await compiled(`theme: "indigo",`);
  assert.match(noPlugin.err, /\[theme-without-plugin\]/);
  for (const bad of [`theme: "x$(id)",`, `theme: "{{ SECRET_KEY }}",`, `theme: "a b",`, `demoCourse: { ref: "main; reboot" },`, `demoCourse: { ref: "../../etc" },`]) {
    const r = await compiled(bad);
    assert.is(r.code, 1, bad);
    assert.match(r.err, /\[(schema|template-syntax)\]/, bad);
  }
});

test("the demo course on a cluster without internet egress is refused at demoCourse", async () => {
  const closed = examplePlatform.replace("egress: { internet443: true }", "egress: { internet443: false }");
  assert.ok(closed !== examplePlatform);
  const r = await compiled(`demoCourse: true,`, closed);
  assert.is(r.code, 1);
  assert.match(r.err, /demoCourse: the demo course is cloned from github\.com over HTTPS.*\[demo-course-no-egress\]/);
});

test("a theme on a host longer than a Django Site's domain is refused at the host", async () => {
  const long = `${"a".repeat(50)}.${"b".repeat(40)}.example.org`;
  const root = tempFleet({ examples: false, tenants: { alpha: tenantSource("alpha", `hosts: { lms: "${long}" }, plugins: ["indigo"], theme: "indigo",`).replace('  hosts: { lms: "alpha.example.org" },\n', "") } });
  const r = await run(root, "compile");
  assert.is(r.code, 1, r.err);
  assert.match(r.err, /\[theme-host-too-long\]/);
});

test.run();

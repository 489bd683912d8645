// Private registries: each login is copied from the cluster's credentials into every tenant namespace, and
// every pod the tenant runs names it as an image pull secret.
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { postRender } from "../../compiler/postrender/index";
import { podSpecOf } from "../../compiler/model/pod-security";
import { examplePlatform } from "../helpers/platform";
import { readTree, run, tempFleet, tenantSource } from "../helpers/fleet";
import { context, initTasks, tutorOutput } from "../postrender/tutor-output";

const withRegistries = (platform: string, list: string) => platform.replace('  acmeEmail: "platform@example.org",', `  acmeEmail: "platform@example.org",\n  privateRegistries: ${list},`);

async function compiled(platform: string, tenants: Record<string, string>) {
  const root = tempFleet({ examples: false, platform, tenants });
  const r = await run(root, "compile");
  return { ...r, tree: readTree(path.join(root, "generated")) };
}

test("each private registry's login is copied into the tenant as a dockerconfigjson Secret, listed in render.json", async () => {
  const { code, err, tree } = await compiled(withRegistries(examplePlatform, '["ghcr.io", "registry.example.org:5000", "ghcr.io"]'), { alpha: tenantSource("alpha") });
  assert.is(code, 0, err);
  const copies = YAML.parseAllDocuments(tree.get("tenants/alpha/resources/objects.yaml")!)
    .map((d) => d.toJS())
    .filter((o) => o.kind === "ExternalSecret" && o.metadata.name.startsWith("registry-"));
  assert.equal(copies.map((o) => o.metadata.name), ["registry-ghcr-io", "registry-registry-example-org-5000"]);
  assert.equal(copies[0].spec.target.template.type, "kubernetes.io/dockerconfigjson");
  assert.equal(copies[0].spec.data, [{ secretKey: ".dockerconfigjson", remoteRef: { key: "registry-ghcr-io", property: ".dockerconfigjson" } }]);
  assert.equal(JSON.parse(tree.get("tenants/alpha/render.json")!).imagePullSecrets, ["registry-ghcr-io", "registry-registry-example-org-5000"]);
});

test("a cluster's list replaces the platform's; none means no copies and no pull secrets", async () => {
  const platform = withRegistries(examplePlatform, '["ghcr.io"]').replace("      egress: {", '      privateRegistries: [],\n      egress: {');
  const { code, err, tree } = await compiled(platform, { alpha: tenantSource("alpha") });
  assert.is(code, 0, err);
  assert.not.match(tree.get("tenants/alpha/resources/objects.yaml")!, "registry-ghcr-io");
  assert.equal(JSON.parse(tree.get("tenants/alpha/render.json")!).imagePullSecrets, []);
});

test("a registry that is not a host is refused with its location", async () => {
  const { code, err } = await compiled(withRegistries(examplePlatform, '["ghcr.io/globex"]'), { alpha: tenantSource("alpha") });
  assert.is(code, 1);
  assert.match(err, /platform\/platform\.ts:\d+:\d+ error privateRegistries\[0\]: "ghcr\.io\/globex" is not a registry host/);
});

test("post-render gives every pod the pull secrets, once each", () => {
  const out = postRender(tutorOutput(), initTasks(), { ...context, imagePullSecrets: ["registry-ghcr-io"] });
  const pods = out.filter((o) => podSpecOf(o));
  assert.ok(pods.length > 5);
  for (const o of pods) assert.equal((podSpecOf(o) as { imagePullSecrets?: unknown }).imagePullSecrets, [{ name: "registry-ghcr-io" }], `${o.kind} ${o.metadata.name}`);
  for (const o of postRender(tutorOutput(), initTasks(), context).filter((p) => podSpecOf(p))) assert.is((podSpecOf(o) as { imagePullSecrets?: unknown }).imagePullSecrets, undefined);
});

test.run();

// The sidecar image renders with exactly the Tutor and plugin versions the platform catalog names, and the
// plugin it registers is the one tenant Applications ask for.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { build } from "../../compiler/compile";
import { tutorPluginName } from "../../compiler/render/tenant";
import { REPO_ROOT } from "../helpers/fleet";

const dockerfile = fs.readFileSync(path.join(REPO_ROOT, "argocd", "Dockerfile"), "utf8");
const arg = (name: string) => new RegExp(`^ARG ${name}=(\\S+)$`, "m").exec(dockerfile)?.[1];
const platform = build(REPO_ROOT).model.platform;

/** Catalog plugin → the Dockerfile ARG pinning its PyPI package. */
const PIN_ARGS: Record<string, string> = { mfe: "TUTOR_MFE_VERSION", forum: "TUTOR_FORUM_VERSION", indigo: "TUTOR_INDIGO_VERSION", "pod-autoscaling": "TUTOR_POD_AUTOSCALING_VERSION" };

test("the Dockerfile pins every release's Tutor and every catalog plugin at the catalog's version", () => {
  for (const release of Object.values(platform.releases)) assert.is(arg("TUTOR_VERSION"), release.tutor);
  for (const [name, plugin] of Object.entries(platform.plugins)) {
    assert.ok(PIN_ARGS[name], `catalog plugin ${name} has a pin in argocd/Dockerfile`);
    assert.is(arg(PIN_ARGS[name]!), plugin.version, name);
  }
});

test("the plugin definition registers the name tenant Applications use", () => {
  const plugin = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "argocd", "plugin.yaml"), "utf8"));
  const release = Object.values(platform.releases)[0]!;
  assert.is(plugin.metadata.name, tutorPluginName(release.tutor));
  assert.is(plugin.spec.version, undefined, "a version would change the registered name");
  const values = YAML.parse(fs.readFileSync(path.join(REPO_ROOT, "argocd", "values.yaml"), "utf8"));
  assert.ok(values.repoServer.extraContainers.some((c: { name: string }) => c.name === plugin.metadata.name), "values.yaml mounts the sidecar");
});

test.run();

// The bootstrap as the runbook (argocd/README.md) uses it: one file, example values flagged but compiling.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { readTree, REPO_ROOT, run, tempFleet } from "../helpers/fleet";
import { examplePlatform } from "../helpers/platform";

const owned = examplePlatform
  .replace("https://github.com/example/openedx-fleet.git", "https://git.acme-learning.net/platform/fleet.git")
  .replace(/\n  domains: \[[^\]]*\]/, '\n  domains: ["acme-learning.net"]')
  .replace('acmeEmail: "platform@example.org"', 'acmeEmail: "platform@acme-learning.net"')
  .replace(/"([a-z]+)\.example\.org"/g, '"$1.acme-learning.net"');

test("the example platform compiles, with a located warning for each value still pointing at the example", async () => {
  const root = tempFleet({ examples: false });
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  const lines = examplePlatform.split("\n");
  const at = (text: string) => `platform/platform.ts:${lines.findIndex((l) => l.includes(text)) + 1}:`;
  assert.match(r.err, `${at("https://github.com/example/")}`);
  assert.match(r.err, /warning repo\.url: still the example repository \(https:\/\/github\.com\/example\/openedx-fleet\.git\).*\[example-platform\]\n    fix: set the Git URL of your copy/);
  assert.match(r.err, /warning acmeEmail: platform@example\.org is under a reserved example domain: Let's Encrypt refuses it/);
  assert.match(r.err, /warning domains\[0\]: example\.org is reserved for examples/);
  assert.not.match(r.err, /domains\[1\]/, "example.edu is a real domain");
});

test("a platform made one's own compiles without those warnings", async () => {
  const root = tempFleet({ examples: false, platform: owned });
  const r = await run(root, "compile");
  assert.is(r.code, 0, r.err);
  assert.not.match(r.err, "example-platform");
  const objects = YAML.parseAllDocuments(fs.readFileSync(path.join(root, "generated", "argocd", "bootstrap.yaml"), "utf8")).map((d) => d.toJS());
  for (const app of objects.filter((o) => o.kind === "Application")) assert.is(app.spec.source.repoURL, "https://git.acme-learning.net/platform/fleet.git");
});

test("generated/argocd/ holds the bootstrap file alone: the root syncs that folder", () => {
  const tree = readTree(path.join(REPO_ROOT, "generated"));
  assert.equal([...tree.keys()].filter((p) => p.startsWith("argocd/")), ["argocd/bootstrap.yaml"]);
});

test("the runbook applies the file the compiler writes and installs the sidecar image values.yaml names", () => {
  const readme = fs.readFileSync(path.join(REPO_ROOT, "argocd", "README.md"), "utf8");
  assert.match(readme, "kubectl apply -f generated/argocd/bootstrap.yaml");
  const image = /image: (\S+)/.exec(fs.readFileSync(path.join(REPO_ROOT, "argocd", "values.yaml"), "utf8"))![1]!;
  const repo = image.slice(0, image.lastIndexOf(":"));
  // the image is built and pushed before Argo CD is installed with it
  const build = readme.indexOf(`docker push ${repo}`);
  const install = readme.indexOf("helm install argocd");
  assert.ok(build > 0 && install > build, "build and push come before the install");
  assert.ok(readme.indexOf("kubectl apply -f generated/argocd/bootstrap.yaml") > install);
});

test.run();

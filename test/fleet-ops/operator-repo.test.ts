// The suite belongs to the operator's repository: after an operator adds a tenant with `tenant:new`, edits
// platform.ts and compiles, the tests that look at the repository itself still pass on that repository.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { loadPlatform } from "../../compiler/load";
import { REPO_ROOT, run, tempDir } from "../helpers/fleet";

// the tests that read the repository's own platform/, tenants/, generated/ or README rather than a fixture
const REPOSITORY_TESTS = "(compiler/repository|compiler/typecheck-tenants|docs/reference|docs/readme|integration/generated-schemas|integration/sidecar-pins)\\.test\\.ts$";

test("an operator's new tenant and platform edit keep the repository's own tests green", async () => {
  const root = tempDir("fleet-operator-");
  for (const entry of ["compiler", "platform", "tenants", "test", "argocd", "generated", "README.md", "docs", "package.json", "tsconfig.json", "tsconfig.tenants.json"]) {
    if (fs.existsSync(path.join(REPO_ROOT, entry))) fs.cpSync(path.join(REPO_ROOT, entry), path.join(root, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(REPO_ROOT, "node_modules"), path.join(root, "node_modules"), "dir");
  // the cache a used checkout has (compiled schema validators): keyed by their content, they change no result
  // and spare the repository's tests compiling them again
  for (const cache of ["validators"]) {
    const from = path.join(REPO_ROOT, ".cache", cache);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(root, ".cache", cache), { recursive: true });
  }
  // an id and host the operator's fleet does not have yet, under the operator's own first domain
  const { platform: loaded } = loadPlatform(root);
  const domain = loaded!.value.domains[0] ?? "example.net"; // no domains: any host is allowed
  const taken = new Set(fs.readdirSync(path.join(root, "tenants")).map((f) => f.replace(/\.ts$/, "")));
  const id = ["zenith", "zenith2", "zenith3", "zenith4"].find((candidate) => !taken.has(candidate))!;
  const added = await run(root, "tenant:new", id, "--host", `learn.${id}.${domain}`, "--name", "Zenith College");
  assert.is(added.code, 0, added.err);
  // an operator's platform edit
  const platformFile = path.join(root, "platform", "platform.ts");
  const platform = fs.readFileSync(platformFile, "utf8");
  const edited = platform.replace(/acmeEmail: "[^"]*"/, `acmeEmail: "noc@${id}.${domain}"`);
  assert.is.not(edited, platform, "the platform edit applies");
  fs.writeFileSync(platformFile, edited);
  const compiled = await run(root, "compile");
  assert.is(compiled.code, 0, compiled.err);
  const env = { ...process.env };
  let out = "";
  try {
    out = execFileSync(process.execPath, ["--import", "tsx", "node_modules/uvu/bin.js", "test", REPOSITORY_TESTS, "-c", "false"], { cwd: root, env, stdio: "pipe", encoding: "utf8" });
  } catch (e) {
    const failed = e as { stdout: string; stderr: string };
    assert.unreachable(`the repository's tests fail after an operator's change:\n${failed.stdout}\n${failed.stderr}`);
  }
  const passed = /Passed:\s+(\d+)/.exec(out);
  assert.ok(passed && Number(passed[1]) > 10, `the repository's tests ran:\n${out}`);
});

test.run();

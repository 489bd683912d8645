// `render` finds its tools or says exactly what is missing; `postrender` runs the last step on files at hand.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { findTools } from "../../compiler/pipeline/tools";
import { compiledFixture, run, tempDir } from "../helpers/fleet";

const fixture = await compiledFixture();
import { initTasks, tutorOutput } from "../postrender/tutor-output";

function binDir(files: Record<string, string>): string {
  const dir = tempDir("fleet-bin-");
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text, { mode: 0o755 });
  return dir;
}

test("tools: tutor's own interpreter, then kustomize, else kubectl kustomize", () => {
  const bin = binDir({ tutor: "#!/opt/tutor/bin/python3\nfrom tutor.commands.cli import main\n", kubectl: "#!/bin/sh\n" });
  assert.equal(findTools({ PATH: bin }).tools, { python: "/opt/tutor/bin/python3", kustomize: [path.join(bin, "kubectl"), "kustomize"] });
  fs.writeFileSync(path.join(bin, "kustomize"), "#!/bin/sh\n", { mode: 0o755 });
  assert.equal(findTools({ PATH: bin }).tools?.kustomize, [path.join(bin, "kustomize"), "build"]);
  const viaEnv = binDir({ tutor: "#!/usr/bin/env python3\n", python3: "#!/bin/sh\n", kustomize: "#!/bin/sh\n" });
  assert.is(findTools({ PATH: viaEnv }).tools?.python, path.join(viaEnv, "python3"));
});

test("tools: every missing one is named", () => {
  const { tools, missing } = findTools({ PATH: binDir({}) });
  assert.is(tools, undefined);
  assert.is(missing.length, 2);
  assert.match(missing[0]!, "`tutor` is not on PATH");
  assert.match(missing[1]!, "neither `kustomize` nor `kubectl`");
});

test("render without tutor exits 1 and says what is missing", async () => {
  const saved = process.env.PATH;
  process.env.PATH = binDir({});
  try {
    const r = await run(fixture, "render", "acme");
    assert.is(r.code, 1);
    assert.match(r.err, "cannot render: `tutor` is not on PATH");
  } finally {
    process.env.PATH = saved;
  }
});

test("postrender turns kustomize output into the tenant's manifests, and refuses a blank one", async () => {
  const dir = tempDir("fleet-pr-");
  fs.writeFileSync(path.join(dir, "out.yaml"), tutorOutput());
  fs.writeFileSync(path.join(dir, "empty.yaml"), "");
  fs.writeFileSync(path.join(dir, "tasks.json"), JSON.stringify(initTasks()));
  const tenant = path.join(fixture, "generated", "tenants", "acme");
  const ok = await run(fixture, "postrender", "--dir", tenant, "--manifests", path.join(dir, "out.yaml"), "--tasks", path.join(dir, "tasks.json"));
  assert.is(ok.code, 0, ok.err);
  assert.match(ok.out, "name: init-01-lms");
  const blank = await run(fixture, "postrender", "--dir", tenant, "--manifests", path.join(dir, "empty.yaml"), "--tasks", path.join(dir, "tasks.json"));
  assert.is(blank.code, 1);
  assert.match(blank.err, "only 0 object(s)");
});

test.run();

// The CI workflow's external inputs are pinned: actions by full commit SHA, tools by version, schemas by
// commit (the same as validate's own remote locations); the job has a time limit; the review is posted even
// when check fails, and a push to main is compared with the commit before it.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { REMOTE_LOCATIONS } from "../../compiler/validate/validate-all";
import { REPO_ROOT } from "../helpers/fleet";

const text = fs.readFileSync(path.join(REPO_ROOT, ".github", "workflows", "fleet.yml"), "utf8");
const workflow = YAML.parse(text) as { env: Record<string, string>; jobs: Record<string, { "timeout-minutes"?: number; steps: { uses?: string; if?: string; run?: string; id?: string; "continue-on-error"?: unknown }[] }> };

test("workflow: every action is pinned by a full commit SHA, with its tag in a comment", () => {
  const uses = [...text.matchAll(/uses:\s*(\S+)(.*)$/gm)];
  assert.ok(uses.length >= 3);
  for (const [, ref, rest] of uses) {
    assert.match(ref!, /^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/, ref);
    assert.match(rest!, /# v\d+\.\d+\.\d+/, `${ref} names its tag`);
  }
});

test("workflow: schemas are read at pinned commits, the same as validate's; tools at pinned versions", () => {
  assert.not.match(text, /--schema-location default|CRDs-catalog\/main|\/master\//);
  for (const l of REMOTE_LOCATIONS) {
    assert.match(l, /\/[0-9a-f]{40}\//);
    assert.ok(workflow.env.SCHEMA_LOCATIONS!.includes(l), l);
  }
  assert.match(workflow.env.KUBECONFORM_VERSION!, /^v\d+\.\d+\.\d+$/);
  assert.match(workflow.env.HELM_VERSION!, /^v\d+\.\d+\.\d+$/);
  assert.match(text, /go install "helm\.sh\/helm\/v3\/cmd\/helm@\$\{HELM_VERSION\}"/);
});

test("workflow: a time limit; the review is posted when check fails; a push is compared with the commit before it", () => {
  for (const job of Object.values(workflow.jobs)) assert.ok((job["timeout-minutes"] ?? 0) > 0);
  const steps = workflow.jobs.verify!.steps;
  const check = steps.find((s) => s.id === "check")!;
  assert.is(check["continue-on-error"], true);
  assert.match(check.run!, /--base "\$BASE"/);
  assert.match(steps.find((s) => s.id === "base")!.run!, /PUSH_BEFORE/);
  const diff = steps.find((s) => s.id === "diff")!;
  assert.match(diff.if!, /!cancelled\(\)/);
  assert.match(diff.run!, /--failure check\.txt/);
  const post = steps.find((s) => /sticky review comment/.test((s as { name?: string }).name ?? ""))!;
  assert.match(post.if!, /!cancelled\(\)/);
  assert.match(steps[steps.length - 1]!.if!, /steps\.check\.outcome == 'failure'/);
});

test.run();

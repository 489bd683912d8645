// The tenant's theme and demo course: idempotent Sync hooks after Tutor's init tasks and the admins', hardened
// and sized like the others; values that are not plain names never reach a script.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { DEMO_COURSE_KEY } from "../../compiler/model/site";
import { postRender } from "../../compiler/postrender/index";
import { demoCourseTasks, themeTasks } from "../../compiler/postrender/site";
import { WORKLOAD_WAVE } from "../../compiler/postrender/waves";
import { tempDir } from "../helpers/fleet";
import { context, initTasks, tutorOutput } from "./tutor-output";

const domains = ["learn.acme.example.org", "studio.learn.acme.example.org", "apps.learn.acme.example.org"];
const site = { ...context, admins: ["ops@acme.example.org"], theme: { name: "indigo", domains }, demoCourse: {}, openedxVersion: "release/ulmo.3" };
const jobs = (ctx = site) => postRender(tutorOutput(), initTasks(), ctx).filter((o) => o.kind === "Job") as any[];
const scriptOf = (job: any): string => job.spec.template.spec.containers[0].args.at(-1);

test("admins, then theme, then demo course: the last Sync hooks, each in its own wave before the workloads", () => {
  const hooks = jobs();
  const names = hooks.map((j) => j.metadata.name);
  assert.equal(names.slice(-3).map((n) => n.replace(/^init-\d\d-/, "")), ["fleet-admins", "fleet-theme", "fleet-demo-course"]);
  const waves = hooks.map((j) => Number(j.metadata.annotations["argocd.argoproj.io/sync-wave"]));
  assert.equal(new Set(waves).size, waves.length);
  assert.ok(Math.max(...waves) < WORKLOAD_WAVE);
  for (const j of hooks.slice(-2)) {
    assert.is(j.metadata.annotations["argocd.argoproj.io/hook"], "Sync");
    const pod = j.spec.template.spec;
    assert.equal(pod.securityContext.runAsNonRoot, true);
    assert.equal(pod.containers[0].securityContext.capabilities.drop, ["ALL"]);
    assert.ok(pod.containers[0].resources.requests.cpu && pod.containers[0].resources.limits.memory);
  }
  assert.is(hooks.at(-2).spec.template.spec.containers[0].name, "lms");
  assert.is(hooks.at(-1).spec.template.spec.containers[0].name, "cms");
});

test("the theme hook sets the theme on the LMS, Studio and MFE hosts, and changes nothing already right", () => {
  const script = scriptOf(jobs().at(-2));
  for (const d of domains) assert.ok(script.includes(`set_theme('indigo', '${d}')`), d);
  assert.match(script, "if sorted(site.themes.values_list('theme_dir_name', flat=True)) != wanted:");
  assert.match(themeTasks({ ...site, theme: { name: "default", domains } })[0]!.script, "set_theme('default', 'learn.acme.example.org')");
  assert.equal(themeTasks(context), []);
});

test("the demo course comes from the release's revision unless pinned; no revision, no render", () => {
  assert.match(demoCourseTasks(site)[0]!.script, "--branch 'release/ulmo.3'");
  assert.match(demoCourseTasks({ ...site, demoCourse: { ref: "open-release/teak.1" } })[0]!.script, "--branch 'open-release/teak.1'");
  assert.equal(demoCourseTasks(context), []);
  assert.throws(() => demoCourseTasks({ ...context, demoCourse: {} }), /no revision/);
});

test("values that are not plain names never reach a script (render.json is checked again)", () => {
  assert.throws(() => themeTasks({ ...site, theme: { name: "x$(id)", domains } }), /not a plain name/);
  assert.throws(() => themeTasks({ ...site, theme: { name: "indigo", domains: ["a'b.example.org"] } }), /not a plain name/);
  assert.throws(() => demoCourseTasks({ ...site, demoCourse: { ref: "main;reboot" } }), /not a plain name/);
  assert.throws(() => demoCourseTasks({ ...site, openedxVersion: "{{ X }}" }), /not a plain name/);
});

/** Runs the demo course script with stand-ins for manage.py, git and python; returns what each was asked. */
function runDemoCourse(present: boolean): { code: number | null; calls: string[] } {
  const dir = tempDir("demo-course-");
  const log = path.join(dir, "calls.log");
  const state = path.join(dir, "imported");
  if (present) fs.writeFileSync(state, "");
  const stub = (name: string, body: string) => fs.writeFileSync(path.join(dir, name), `#!/bin/sh\necho "${name} $1 $2" >> '${log}'\n${body}\n`, { mode: 0o755 });
  // has_course: exit 0 when imported, 3 when missing (as the script's Python does)
  stub("manage.py", `[ -e '${state}' ] && exit 0; exit 3`);
  stub("git", `mkdir -p "$7/demo-course/course" && touch "$7/demo-course/course/course.xml"`);
  stub("python", `touch '${state}'`);
  const r = spawnSync("sh", ["-e", "-c", demoCourseTasks(site)[0]!.script], { cwd: dir, env: { PATH: `${dir}:${process.env.PATH}`, TMPDIR: dir }, encoding: "utf8" });
  return { code: r.status, calls: fs.existsSync(log) ? fs.readFileSync(log, "utf8").trim().split("\n").map((l) => l.split(" ").slice(0, 3).join(" ")) : [] };
}

test("the demo course hook imports once: a re-sync finds the course and fetches nothing", () => {
  const first = runDemoCourse(false);
  assert.is(first.code, 0);
  assert.equal(first.calls, ["manage.py cms shell", "git clone https://github.com/openedx/openedx-demo-course", "python ./manage.py cms", "manage.py cms shell"]);
  const again = runDemoCourse(true);
  assert.is(again.code, 0);
  assert.equal(again.calls, ["manage.py cms shell"]);
  assert.ok(demoCourseTasks(site)[0]!.script.includes(`CourseKey.from_string('${DEMO_COURSE_KEY}')`));
});

test.run();

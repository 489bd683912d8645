// The tenant's admins: one idempotent hook after Tutor's init tasks, no password anywhere in the output.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { adminTasks } from "../../compiler/postrender/admins";
import { postRender } from "../../compiler/postrender/index";
import { context, initTasks, tutorOutput } from "./tutor-output";

test("admins become one Sync hook, last, running manage_user for each (staff and superuser)", () => {
  const out = postRender(tutorOutput(), initTasks(), { ...context, admins: ["ops@acme.example.org", "j.doe+lms@acme.example.org"] });
  const hooks = out.filter((o) => o.kind === "Job").map((j) => j.metadata.name);
  assert.match(hooks.at(-1)!, /^init-\d\d-fleet-admins$/);
  assert.is(hooks.filter((h) => h.endsWith("-fleet-admins")).length, 1);
  const job = out.find((o) => o.metadata.name === hooks.at(-1))! as any;
  const text = JSON.stringify(job.spec.template.spec.containers[0]);
  assert.match(text, "./manage.py lms manage_user 'ops' 'ops@acme.example.org' --staff --superuser");
  assert.match(text, "manage_user 'j.doe+lms' 'j.doe+lms@acme.example.org' --staff --superuser");
  // manage_user keeps an existing user's password; no password option is ever passed
  assert.not.match(text, "password");
  assert.is(job.metadata.annotations["argocd.argoproj.io/hook"], "Sync");
});

test("no admins, no hook; an address the schema would refuse never reaches a script", () => {
  assert.equal(adminTasks(context), []);
  assert.throws(() => adminTasks({ ...context, admins: ["o'brien@example.org"] }), /escaped the schema/);
});

test.run();

// The tenant reference in docs/reference.md is generated from the schema and must be current.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { componentsReference } from "../../compiler/docs/components-reference";
import { referenceIsCurrent, tenantReference } from "../../compiler/docs/tenant-reference";
import { REPO_ROOT } from "../helpers/fleet";

test("docs/reference.md matches the schema (run `npm run docs`)", () => {
  assert.ok(referenceIsCurrent(REPO_ROOT));
});

test("the reference documents every top-level tenant field", () => {
  const ref = tenantReference();
  for (const field of ["id", "state", "cluster", "wave", "release", "hosts.lms", "platformName", "contactEmail", "language", "size", "plugins", "image.tag", "services.search", "labels.team", "tutor"]) {
    assert.ok(ref.includes(`| \`${field}\` |`), field);
  }
});

test("the components reference documents every component setting, the shared ones once", () => {
  const ref = componentsReference();
  for (const field of ["<name>.enabled", "<name>.values", "ingress.maxBodySize", "monitoring.alerts.slack.urlKey", "monitoring.controlPlane", "backups.schedules", "karpenter.amiAlias", "mysql.external.adminSecret"]) {
    assert.ok(ref.includes(`| \`components.${field}\` |`), field);
  }
  assert.not.ok(ref.includes("components.ingress.values"));
});

test.run();

// `npm run restore`: the Restore object of one tenant's database, valid against the operators' schemas, and
// a clear message when there is nothing the platform can restore.
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { findSchemaDir } from "../../compiler/validate/kube-schemas";
import { strictValidator } from "../helpers/schemas";
import { REPO_ROOT, run, tempFleet } from "../helpers/fleet";
import { platformWith } from "../helpers/platform";

// the example cluster backs up to object storage
const withBackups = () => tempFleet();
const schemaDir = findSchemaDir(REPO_ROOT);

function valid(obj: unknown): void {
  if (!schemaDir) return;
  const verdict = strictValidator(schemaDir).validate(obj);
  assert.equal("errors" in verdict ? verdict.errors : ["no schema"], []);
}

test("MySQL: a Restore of the tenant's database from its own Backup, up to a point in time", async () => {
  const r = await run(withBackups(), "restore", "acme", "mysql", "--at", "2026-12-01T03:00:00Z");
  assert.is(r.code, 0, r.err);
  const o = YAML.parse(r.out);
  assert.equal([o.kind, o.metadata.namespace, o.metadata.name], ["Restore", "mysql", "acme-restore"]);
  assert.equal(o.spec, { mariaDbRef: { name: "mysql", kind: "MariaDB" }, backupRef: { name: "acme" }, database: "acme", targetRecoveryTime: "2026-12-01T03:00:00Z" });
  valid(o);
});

test("MongoDB: a selective restore of the tenant's database only, from a named backup", async () => {
  const root = withBackups();
  const missing = await run(root, "restore", "acme", "mongodb");
  assert.is(missing.code, 1);
  assert.match(missing.err, /--backup .*kubectl -n mongodb get psmdb-backup/);
  const r = await run(root, "restore", "acme", "mongodb", "--backup", "cron-mongodb-20261201030000-abcde", "--name", "acme-restore-2");
  assert.is(r.code, 0, r.err);
  const o = YAML.parse(r.out);
  assert.is(o.metadata.name, "acme-restore-2");
  assert.equal(o.spec.selective, { namespaces: ["acme.*"], withUsersAndRoles: true });
  valid(o);
});

const refusals: [string, string[], RegExp][] = [
  ["a dedicated database", ["initech", "mysql"], /dedicated mysql.*velero restore create/],
  ["an unknown tenant", ["nobody", "mysql"], /no tenant "nobody"/],
  ["an unknown service", ["acme", "redis"], /"redis" cannot be restored: use mysql or mongodb/],
  ["a time that is not one", ["acme", "mysql", "--at", "yesterday"], /RFC 3339/],
];
for (const [what, args, message] of refusals) {
  test(`refuses ${what} with the reason`, async () => {
    const r = await run(withBackups(), "restore", ...args);
    assert.is(r.code, 1);
    assert.match(r.err, message);
    assert.is(r.out, "");
  });
}

test("refuses when backups are off", async () => {
  const r = await run(tempFleet({ platform: platformWith("{ backups: { enabled: false } }") }), "restore", "acme", "mysql");
  assert.is(r.code, 1);
  assert.match(r.err, /backups are off on cluster main/);
});

test.run();

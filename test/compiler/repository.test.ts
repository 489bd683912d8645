// The repository itself (whatever tenants and platform the operator keeps): its committed generated/ is
// exactly what compile writes. The operator-repo test runs this file on a copy with a new tenant.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO_ROOT, run } from "../helpers/fleet";

test("the committed generated/ is exactly what compile writes", async () => {
  const r = await run(REPO_ROOT, "check");
  assert.is(r.code, 0, r.err);
});

test.run();

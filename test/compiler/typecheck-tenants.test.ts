// The repository's own tenant and platform files type-check (`npm run typecheck:tenants`, as the editor sees
// them): what the static reader accepts must also be TypeScript, against the api's and catalog's types.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO_ROOT } from "../helpers/fleet";

test("tenants/ and platform/ pass tsc -p tsconfig.tenants.json", () => {
  const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
  const r = spawnSync(process.execPath, [tsc, "--noEmit", "-p", "tsconfig.tenants.json"], { cwd: REPO_ROOT, encoding: "utf8" });
  assert.is(r.status, 0, `${r.stdout}${r.stderr}`);
});

test.run();

// `npm run docs` answers "up to date" from .cache/ only for the very text it wrote or found current.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { REPO_ROOT, run, tempFleet } from "../helpers/fleet";

test("a reference edited by hand is regenerated even after a cached up-to-date run", async () => {
  const root = tempFleet({ examples: false });
  const file = path.join(root, "docs", "reference.md");
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const current = fs.readFileSync(path.join(REPO_ROOT, "docs", "reference.md"), "utf8");
  fs.writeFileSync(file, current);
  assert.match((await run(root, "docs")).out, /up to date/);
  assert.match((await run(root, "docs")).out, /up to date/, "the second run is served from .cache/");
  const edited = current.replace(/\| `id` \|[^\n]*/, "| `id` | edited by hand |");
  assert.is.not(edited, current, "the test edits a line of the generated table");
  fs.writeFileSync(file, edited);
  assert.match((await run(root, "docs")).out, /updated/);
  assert.is(fs.readFileSync(file, "utf8"), current);
});

test.run();

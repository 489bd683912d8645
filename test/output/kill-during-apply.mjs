// Preloaded into `node compiler/run.mjs compile --root <root>` (node --import) with FLEET_TEST_KILL_AT=<n>: the
// compile kills its own process (SIGKILL, which nothing can catch) at the n-th file it moves into generated/, i.e.
// after its commit record: a real crash mid-apply of the command as `npm run compile` starts it.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import path from "node:path";

const args = process.argv;
const into = path.join(args[args.indexOf("--root") + 1], "generated") + path.sep;
const at = Number(process.env.FLEET_TEST_KILL_AT);
const rename = fs.renameSync;
let moved = 0;
fs.renameSync = (from, to) => {
  if (String(to).startsWith(into) && ++moved >= at) process.kill(process.pid, "SIGKILL");
  rename(from, to);
};
syncBuiltinESMExports(); // modules that import renameSync by name see it too

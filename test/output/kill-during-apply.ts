// `tsx kill-during-apply.ts <root> <n>`: runs `compile --root <root>` and kills its own process (SIGKILL, which
// nothing can catch) at the n-th file moved into generated/, i.e. after the commit record: a real crash mid-apply.
import fs from "node:fs";
import path from "node:path";
import { main } from "../../compiler/cli";

const [root, at] = process.argv.slice(2) as [string, string];
const into = path.join(root, "generated") + path.sep;
const rename = fs.renameSync;
let moved = 0;
fs.renameSync = (from: fs.PathLike, to: fs.PathLike) => {
  if (String(to).startsWith(into) && ++moved >= Number(at)) process.kill(process.pid, "SIGKILL");
  rename(from, to);
};
process.exitCode = await main(["compile", "--root", root]);

// `npm run check` refuses a generated/ holding anything that looks like a secret, whoever put it there.
import fs from "node:fs";
import path from "node:path";
import { listOutputDir } from "../output/plan";
import { describeFinding, findSecrets } from "./secrets";

/** One line per finding: `generated/<file>:<line>: <rule> (<masked value>)`. */
export function scanGenerated(outDir: string): string[] {
  return listOutputDir(outDir).flatMap((rel) => {
    const text = fs.readFileSync(path.join(outDir, rel), "utf8");
    return findSecrets(text).map((f) => describeFinding(f, `generated/${rel}`));
  });
}

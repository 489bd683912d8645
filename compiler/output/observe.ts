// What stands at an output file's place in generated/, looked at where the file is rendered (the tenant pool),
// so that the plan (output/plan.ts) need not read thousands of files on the main thread again.
import fs from "node:fs";
import path from "node:path";
import type { DiskObservation } from "../render/files";
import { stampOf } from "./disk-state";
import { hashOf } from "./manifest";
import { sameText, statIfFile } from "./plan";

/** No plain file, or a file's stamp (before the read) and hash; undefined for anything odd, which the plan looks at itself and reports. */
export function observe(outDir: string, rel: string, text: string, textHash: string): DiskObservation | undefined {
  const abs = path.join(outDir, rel);
  try {
    const st = statIfFile(abs);
    if (!st) return { found: false };
    const bytes = fs.readFileSync(abs);
    return { found: true, stamp: stampOf(st), hash: sameText(bytes, text) ? textHash : hashOf(bytes) };
  } catch {
    return undefined;
  }
}

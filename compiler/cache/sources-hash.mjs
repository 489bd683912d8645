// The hash of the compiler's sources: every file under compiler/ and package-lock.json, by path and content.
// Plain JavaScript because compiler/run.mjs needs it before any TypeScript can run (it names the bundle);
// the compile cache keys its entries with the same hash (cache/compiler-version.ts).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** compiler/ recursively, sorted, so the hash never depends on directory order. */
function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(abs));
    else if (entry.isFile()) out.push(abs);
  }
  return out.sort();
}

/** @param {string} codeRoot the folder holding compiler/ and package-lock.json */
export function sourcesHash(codeRoot) {
  const h = createHash("sha256");
  for (const f of [...sourceFiles(path.join(codeRoot, "compiler")), path.join(codeRoot, "package-lock.json")]) {
    h.update(path.relative(codeRoot, f)).update("\0");
    h.update(fs.existsSync(f) ? fs.readFileSync(f) : "(missing)").update("\0");
  }
  return h.digest("hex");
}

// The compiler's version for the compile cache: a hash of its own source files and the package lock, so any
// change to the compiler or its dependencies invalidates every cached output.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Root of the code that is running (not of the fleet being compiled). */
const CODE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

let memo: string | undefined;

/** Lists compiler/ recursively, sorted, so the hash never depends on directory order. */
function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(abs));
    else if (entry.isFile()) out.push(abs);
  }
  return out.sort();
}

export function compilerVersion(codeRoot = CODE_ROOT): string {
  if (memo !== undefined && codeRoot === CODE_ROOT) return memo;
  const h = createHash("sha256");
  const files = [...sourceFiles(path.join(codeRoot, "compiler")), path.join(codeRoot, "package-lock.json")];
  for (const f of files) {
    h.update(path.relative(codeRoot, f)).update("\0");
    h.update(fs.existsSync(f) ? fs.readFileSync(f) : "(missing)").update("\0");
  }
  const version = h.digest("hex");
  if (codeRoot === CODE_ROOT) memo = version;
  return version;
}

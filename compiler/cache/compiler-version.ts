// The compiler's version for the compile cache: a hash of its own source files and the package lock, so any
// change to the compiler or its dependencies invalidates every cached output.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sourcesHash } from "./sources-hash.mjs";

/** Root of the code that is running (not of the fleet being compiled). */
const CODE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

let memo: string | undefined;

export function compilerVersion(codeRoot = CODE_ROOT): string {
  if (codeRoot !== CODE_ROOT) return sourcesHash(codeRoot);
  return (memo ??= sourcesHash(CODE_ROOT));
}

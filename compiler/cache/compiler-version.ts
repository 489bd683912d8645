// The compiler's version for the compile cache: a hash of its own source files and the package lock, so any
// change to the compiler or its dependencies invalidates every cached output.
import { CODE_ROOT } from "../code-root";
import { sourcesHash } from "./sources-hash.mjs";

let memo: string | undefined;

export function compilerVersion(codeRoot = CODE_ROOT): string {
  if (codeRoot !== CODE_ROOT) return sourcesHash(codeRoot);
  return (memo ??= sourcesHash(CODE_ROOT));
}

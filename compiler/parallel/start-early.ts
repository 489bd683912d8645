// The bundle's smallest file (compiler/run.mjs builds it): run.mjs runs it before it loads the compiler, so that a
// compile or check that will need the tenant pool's workers starts them at once. A worker takes about as long to
// start as this thread to load the compiler; started after that, as the command itself would, a worker was ready
// for its first chunk only well after this thread had taken its own. The command's own start (commands/compile.ts)
// then finds them started. A guess from the arguments and file names: wrong, the workers end unused.
import path from "node:path";
import { startWorkersEarly } from "./spawn";

/** Starts the tenant pool's workers for `args` (the command line after the script) when they will be needed. */
export function startEarly(args: readonly string[], repoRoot: string): void {
  const [command] = args;
  if (command !== "compile" && command !== "check") return;
  // as the CLI takes it (cli.ts): --root DIR, else the repository the compiler is in
  const i = args.indexOf("--root");
  const root = i < 0 ? repoRoot : path.resolve(args[i + 1] ?? ".");
  startWorkersEarly(root, { cached: !args.includes("--no-cache") });
}

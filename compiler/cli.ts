// The one entry point that prints and exits: `tsx compiler/cli.ts <command> [args]`.
import "./startup/code-cache"; // first: it must be in place before the TypeScript parser loads
import path from "node:path";
import { fileURLToPath } from "node:url";
import { formatDiagnostic, sortDiagnostics, UserError } from "./diagnostics";
import { UsageError } from "./commands/args";
import { COMMANDS } from "./commands/index";

/** The repository root is where this file lives, never the caller's working directory. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
}

/** Takes `--root DIR` out of the arguments (tests and benchmarks compile fleets in temporary folders). */
function takeRoot(args: string[]): { root: string; rest: string[] } {
  const i = args.indexOf("--root");
  if (i < 0) return { root: REPO_ROOT, rest: args };
  const root = path.resolve(args[i + 1] ?? ".");
  return { root, rest: [...args.slice(0, i), ...args.slice(i + 2)] };
}

export async function main(argv: string[], io: Io = { out: (l) => process.stdout.write(l + "\n"), err: (l) => process.stderr.write(l + "\n") }): Promise<number> {
  const [name, ...args] = argv;
  const command = name && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    io.err(`usage: cli.ts <command> [--root DIR] [args]\ncommands: ${Object.keys(COMMANDS).sort().join(", ")}`);
    return 2;
  }
  const { root, rest } = takeRoot(args);
  try {
    return await command.run({ root, args: rest, io });
  } catch (e) {
    if (e instanceof UserError) {
      const list = sortDiagnostics(e.diagnostics);
      for (const d of list) io.err(formatDiagnostic(d));
      const errors = list.filter((d) => d.severity === "error").length;
      io.err(`\n${errors} error(s), ${list.length - errors} warning(s). Nothing was written.`);
      return 1;
    }
    if (e instanceof UsageError) {
      io.err(`${name}: ${e.message}`);
      return 1;
    }
    io.err(`internal error (this is a bug in the compiler, please report it): ${(e as Error).stack ?? String(e)}`);
    return 2;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

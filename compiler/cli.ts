// The one entry point that prints and exits: `tsx compiler/cli.ts <command> [args]`.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CODE_ROOT } from "./code-root";
import { formatDiagnostic, sortDiagnostics, UserError } from "./diagnostics";
import { EXIT_CODES, helpText, parseCommandArgs, UsageError, wantsHelp } from "./commands/args";
import { COMMANDS, type Command, type CommandContext } from "./commands/index";
import { DEFAULT_WAIT_S, LockError, lockWorktree } from "./lock/worktree-lock";
import { colourLine, colourWanted } from "./terminal/colour";
import { noProgress, terminalProgress } from "./terminal/progress";
import { nearest } from "./validate/suggest";

/** The repository root is where this file lives, never the caller's working directory. */
export const REPO_ROOT = CODE_ROOT;

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

/** Takes `--lock-wait SECONDS` out of the arguments: how long a command waits for another one's lock. */
function takeLockWait(args: string[]): { waitMs: number; rest: string[] } {
  const i = args.indexOf("--lock-wait");
  if (i < 0) return { waitMs: DEFAULT_WAIT_S * 1000, rest: args };
  const seconds = Number(args[i + 1]);
  if (args[i + 1] === undefined || !Number.isFinite(seconds) || seconds < 0) throw new UsageError(`--lock-wait ${args[i + 1] ?? ""}: a number of seconds (0 or more)`);
  return { waitMs: seconds * 1000, rest: [...args.slice(0, i), ...args.slice(i + 2)] };
}

/** Runs the command, holding the working tree's lock when it asks for it. */
async function runLocked(name: string, command: Command, ctx: CommandContext, waitMs: number): Promise<number> {
  const kind = typeof command.lock === "function" ? command.lock(ctx.opts) : command.lock;
  const lock = kind ? await lockWorktree(ctx.root, { command: name, waitMs, onWait: ctx.io.err, readOnly: kind === "read" }) : undefined;
  try {
    return await command.run({ ...ctx, ...(lock ? { lock } : {}) });
  } finally {
    await lock?.release();
  }
}

/** The process's own streams: diagnostics coloured on a terminal (see terminal/colour.ts). */
function processIo(): Io {
  const colour = colourWanted(process.stderr);
  return { out: (l) => process.stdout.write(l + "\n"), err: (l) => process.stderr.write((colour ? colourLine(l) : l) + "\n") };
}

export async function main(argv: string[], given?: Io): Promise<number> {
  const io = given ?? processIo();
  // progress only for a person at a terminal: never into the lines a caller (a test) captures
  const progress = given ? noProgress : terminalProgress(process.stderr);
  const [name, ...args] = argv;
  const command = name && Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    const asked = name === undefined || name === "--help" || name === "-h" || name === "help";
    const guess = asked ? undefined : nearest(name, Object.keys(COMMANDS));
    (asked ? io.out : io.err)(commandList(asked ? undefined : `unknown command ${JSON.stringify(name)}${guess ? `; did you mean ${guess}?` : ""}`));
    return asked ? 0 : 1;
  }
  if (wantsHelp(args)) {
    io.out(helpText(name!, command.describe, command.args, { locks: command.lock !== undefined }));
    return 0;
  }
  const { root, rest } = takeRoot(args);
  try {
    const { waitMs, rest: args } = takeLockWait(rest);
    const { opts, positionals } = parseCommandArgs(command.args, args);
    return await runLocked(name!, command, { root, opts, positionals, io, progress }, waitMs);
  } catch (e) {
    if (e instanceof LockError) {
      io.err(e.message);
      return 1;
    }
    if (e instanceof UserError) {
      const list = sortDiagnostics(e.diagnostics);
      for (const d of list) io.err(formatDiagnostic(d));
      const errors = list.filter((d) => d.severity === "error").length;
      io.err(`\n${errors} error(s), ${list.length - errors} warning(s). ${e.outcome}`);
      return 1;
    }
    if (e instanceof UsageError) {
      io.err(`${name}: ${e.message}\n${helpText(name!, command.describe, command.args, { locks: command.lock !== undefined }).split("\n")[0]}\nmore: npm run ${name} -- --help`);
      return 1;
    }
    io.err(`internal error (this is a bug in the compiler, please report it): ${(e as Error).stack ?? String(e)}`);
    return 2;
  }
}

function commandList(problem?: string): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([n, c]) => `  ${n.padEnd(width + 2)}${c.describe}`);
  return [...(problem ? [problem, ""] : []), "usage: npm run <command> -- [options]", "", "commands:", ...lines, "", "npm run <command> -- --help shows a command's options.", EXIT_CODES].join("\n");
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}

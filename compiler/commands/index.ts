// The command table: `npm run <name>` maps to one of these.
import type { Io } from "../cli";
import type { HeldLock } from "../lock/worktree-lock";
import type { ProgressFactory } from "../terminal/progress";
import type { ArgsSpec, OptionValues } from "./args";
import { benchCommand } from "./bench";
import { checkCommand, compileCommand } from "./compile";
import { diffCommand } from "./diff";
import { docsCommand } from "./docs";
import { validateCommand } from "./validate";
import { postrenderCommand, renderCommand } from "./render";
import { fleetUpgradeCommand } from "./fleet-upgrade";
import { reportCommand } from "./report";
import { tenantNewCommand } from "./tenant-new";
import { restoreCommand } from "./restore";

export interface CommandContext {
  root: string;
  /** The options as declared in the command's `args`, parsed and checked. */
  opts: OptionValues;
  positionals: string[];
  io: Io;
  /** The working tree's lock, when the command holds it (see `lock`). */
  lock?: HeldLock;
  /** A progress line for long runs: on a terminal only, nothing when output is captured. */
  progress?: ProgressFactory;
}

/**
 * Commands that write into the working tree, or read generated/, hold its lock while they run: "write" always,
 * "read" unless this user cannot write the tree (a read-only mount or checkout). One lock for both: a
 * reader only has to wait for a writer, and proper-lockfile has no shared mode.
 */
export type LockKind = "write" | "read";

export interface Command {
  describe: string;
  /** Options and positionals; `--help` is printed from them, anything else is refused. */
  args: ArgsSpec;
  lock?: LockKind | ((opts: OptionValues) => LockKind | undefined);
  run: (ctx: CommandContext) => Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  compile: compileCommand,
  check: checkCommand,
  diff: diffCommand,
  docs: docsCommand,
  validate: validateCommand,
  render: renderCommand,
  postrender: postrenderCommand,
  bench: benchCommand,
  "tenant:new": tenantNewCommand,
  "fleet:upgrade": fleetUpgradeCommand,
  report: reportCommand,
  restore: restoreCommand,
};

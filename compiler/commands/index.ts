// The command table: `npm run <name>` maps to one of these.
import type { Io } from "../cli";
import { checkCommand, compileCommand } from "./compile";
import { diffCommand } from "./diff";
import { docsCommand } from "./docs";
import { validateCommand } from "./validate";
import { restoreCommand } from "./restore";

export interface CommandContext {
  root: string;
  args: string[];
  io: Io;
}
export interface Command {
  describe: string;
  run: (ctx: CommandContext) => Promise<number>;
}

export const COMMANDS: Record<string, Command> = {
  compile: compileCommand,
  check: checkCommand,
  diff: diffCommand,
  docs: docsCommand,
  validate: validateCommand,
  restore: restoreCommand,
};

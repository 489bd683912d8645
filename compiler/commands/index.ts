// The command table: `npm run <name>` maps to one of these.
import type { Io } from "../cli";
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
  render: renderCommand,
  postrender: postrenderCommand,
  bench: benchCommand,
  "tenant:new": tenantNewCommand,
  "fleet:upgrade": fleetUpgradeCommand,
  report: reportCommand,
  restore: restoreCommand,
};

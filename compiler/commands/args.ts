// Command-line options of a command, parsed with node:util; a wrong option is a usage error (exit 1), not a bug.
import { parseArgs, type ParseArgsConfig } from "node:util";

export class UsageError extends Error {}

export function parseOptions<O extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    if (String((e as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS")) throw new UsageError((e as Error).message);
    throw e;
  }
}

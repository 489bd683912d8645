// Options of the fleet commands that print their usage line with the problem: parseOptions, with a wrong
// option returned as a message instead of thrown.
import type { ParseArgsConfig } from "node:util";
import { parseOptions, UsageError } from "./args";

export function options<O extends NonNullable<ParseArgsConfig["options"]>>(args: string[], spec: O): ReturnType<typeof parseOptions<O>> | { error: string } {
  try {
    return parseOptions(args, spec);
  } catch (e) {
    if (e instanceof UsageError) return { error: e.message };
    throw e;
  }
}

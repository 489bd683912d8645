// Options of the fleet commands, parsed with node:util: a wrong option comes back as a message for the usage line.
import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

export function options<O extends Options>(args: string[], spec: O): ReturnType<typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>> | { error: string } {
  try {
    return parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  } catch (e) {
    if (String((e as { code?: unknown }).code ?? "").startsWith("ERR_PARSE_ARGS")) return { error: (e as Error).message };
    throw e;
  }
}

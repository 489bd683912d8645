// The one command-line layer: each command declares its options and positionals, and this parses them with
// node:util's parseArgs (no start-up cost, unlike an argument package: measured 18 ms for commander), refuses
// unknown options with a suggestion, and prints `--help` from the same declaration.
import { parseArgs } from "node:util";
import { nearest } from "../validate/suggest";

export class UsageError extends Error {}

export interface OptionSpec {
  type: "string" | "boolean";
  /** What the value is, shown in help: `--base <ref>`. */
  value?: string;
  help: string;
  multiple?: boolean;
  required?: boolean;
  default?: string;
}

export interface ArgsSpec {
  /** The positional part of the usage line, e.g. `<tenant> <mysql|mongodb>`. */
  usage?: string;
  positionals?: { min: number; max: number };
  options?: Record<string, OptionSpec>;
  /** A paragraph after the options: examples, notes. */
  notes?: string;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;
export interface ParsedArgs {
  opts: OptionValues;
  positionals: string[];
}

export const EXIT_CODES = "exit codes: 0 success; 1 a problem in the input, the fleet or the options (the message says what to fix); 2 a bug in the compiler";

const HELP: OptionSpec = { type: "boolean", help: "show this help" };
const ROOT: OptionSpec = { type: "string", value: "dir", help: "the fleet's folder (default: this repository)" };

const LOCK_WAIT: OptionSpec = { type: "string", value: "seconds", help: "how long to wait while another command holds the working tree's lock", default: "90" };

/** `--help` text of one command; `locks`: it holds the working tree's lock (so it takes --lock-wait). */
export function helpText(name: string, describe: string, spec: ArgsSpec, opts: { locks?: boolean } = {}): string {
  const options = Object.entries({ ...spec.options, root: ROOT, ...(opts.locks ? { "lock-wait": LOCK_WAIT } : {}), help: HELP });
  const flag = ([key, o]: [string, OptionSpec]) => `--${key}${o.type === "string" ? ` <${o.value ?? "value"}>` : ""}`;
  const required = options.filter(([, o]) => o.required).map(flag);
  const usage = [`npm run ${name} --`, spec.usage, ...required, options.length > required.length ? "[options]" : ""].filter(Boolean).join(" ");
  const width = Math.max(...options.map((o) => flag(o).length + (o[0] === "help" ? 4 : 0)));
  const lines = options.map((o) => {
    const [key, spec] = o;
    const shown = key === "help" ? `-h, ${flag(o)}` : flag(o);
    const extra = [spec.required ? "required" : "", spec.multiple ? "may repeat" : "", spec.default !== undefined ? `default: ${spec.default}` : ""].filter(Boolean);
    return `  ${shown.padEnd(width + 2)}${spec.help}${extra.length ? ` (${extra.join("; ")})` : ""}`;
  });
  return [`usage: ${usage}`, "", describe, "", "options:", ...lines, ...(spec.notes ? ["", spec.notes] : []), "", EXIT_CODES].join("\n");
}

/** Parses `args` against `spec`; a wrong command line is a UsageError (exit 1) that says the fix. */
export function parseCommandArgs(spec: ArgsSpec, args: string[]): ParsedArgs {
  const declared = spec.options ?? {};
  const config = Object.fromEntries(Object.entries(declared).map(([k, o]) => [k, { type: o.type, ...(o.multiple ? { multiple: true } : {}) }]));
  let tokens;
  try {
    ({ tokens } = parseArgs({ args, options: config, allowPositionals: true, strict: false, tokens: true }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const opts: OptionValues = {};
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === "positional") positionals.push(token.value);
    if (token.kind !== "option") continue;
    const o = Object.hasOwn(declared, token.name) ? declared[token.name]! : undefined;
    if (!o) {
      const guess = nearest(token.name, Object.keys(declared));
      throw new UsageError(`unknown option ${token.rawName}${guess ? `; did you mean --${guess}?` : ""}`);
    }
    if (o.type === "string" && token.value === undefined) throw new UsageError(`${token.rawName} needs a value: ${token.rawName} <${o.value ?? "value"}>`);
    if (o.type === "boolean" && token.value !== undefined) throw new UsageError(`${token.rawName} takes no value`);
    const value = o.type === "boolean" ? true : token.value!;
    if (o.multiple) opts[token.name] = [...((opts[token.name] as string[] | undefined) ?? []), value as string];
    else if (opts[token.name] !== undefined) throw new UsageError(`${token.rawName} is given twice`);
    else opts[token.name] = value;
  }
  for (const [key, o] of Object.entries(declared)) {
    if (opts[key] === undefined && o.default !== undefined) opts[key] = o.default;
    if (opts[key] === undefined && o.required) throw new UsageError(`--${key} <${o.value ?? "value"}> is required`);
  }
  const { min, max } = spec.positionals ?? { min: 0, max: 0 };
  if (positionals.length > max) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[max])}`);
  if (positionals.length < min) throw new UsageError(`missing argument: ${spec.usage ?? "see --help"}`);
  return { opts, positionals };
}

/** Whether the command line asks for help (before anything else is checked). */
export function wantsHelp(args: readonly string[]): boolean {
  const end = args.indexOf("--");
  return (end < 0 ? args : args.slice(0, end)).some((a) => a === "--help" || a === "-h");
}

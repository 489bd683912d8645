// Command-line arguments of the fleet commands: positionals, `--name value` (repeatable) and boolean flags.

export interface Args {
  positional: string[];
  values: Map<string, string[]>;
  flags: Set<string>;
}

/** Parses `args`; `booleans` are flags without a value. Unknown or valueless options come back as errors. */
export function parseArgs(args: readonly string[], known: { values: readonly string[]; booleans?: readonly string[] }): Args | { error: string } {
  const out: Args = { positional: [], values: new Map(), flags: new Set() };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (!a.startsWith("--")) {
      out.positional.push(a);
      continue;
    }
    const [name, inline] = a.includes("=") && !known.values.includes(a) ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)] : [a, undefined];
    if (known.booleans?.includes(name)) {
      out.flags.add(name);
      continue;
    }
    if (!known.values.includes(name)) return { error: `unknown option ${name}` };
    const value = inline ?? args[++i];
    if (value === undefined || (inline === undefined && value.startsWith("--"))) return { error: `${name} needs a value` };
    out.values.set(name, [...(out.values.get(name) ?? []), value]);
  }
  return out;
}

export const one = (a: Args, name: string): string | undefined => a.values.get(name)?.at(-1);
export const all = (a: Args, name: string): string[] => a.values.get(name) ?? [];

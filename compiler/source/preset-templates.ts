// A preset's exported const read once per reader, for the plain-value reader (plain-values.ts): its value, the
// locations it records relative to where it is used, and how much of each limit it used. Every file naming or
// spreading it gets a copy, as if it had followed the name itself; a preset with any problem has no template,
// so files using it take the whole way and report it.
import type { Location } from "../diagnostics";
import { Evaluation } from "./evaluate";
import { Locator } from "./locator";
import type { ModuleLoader } from "./names";

/** A preset's exported const read on its own, without any diagnostic: what a file naming or spreading it gets. */
export interface PresetTemplate {
  value: unknown;
  /** Where its root value was last recorded, and every other location by its path key relative to the root. */
  root: Location;
  values: [string, Location][];
  keys: [string, Location][];
  /** What it used of the limits (values, characters of text, nesting, names followed). */
  count: number;
  text: number;
  depth: number;
  chain: number;
}

/** The template of the const `name` exported by the preset file `abs`, or undefined when it has any problem. */
export type Presets = (abs: string, name: string) => PresetTemplate | undefined;

/** The template of `name` exported by the preset file `abs`, or undefined when reading it reports anything. */
export function presetTemplate(loader: ModuleLoader, abs: string, name: string): PresetTemplate | undefined {
  const mod = loader.load(abs);
  const decl = mod?.consts.get(name);
  if (!mod || mod.broken || mod.diagnostics.length > 0 || !decl || !mod.exported.has(name)) return undefined;
  const locator = new Locator(mod.file);
  const evaluation = new Evaluation(loader, mod, locator);
  const read = evaluation.constValue(decl);
  if (evaluation.diagnostics.length > 0 || evaluation.unreadable.length > 0 || evaluation.exhausted) return undefined;
  // a key "" at the top would share its path key with the root (keyOf): left to the whole way
  if (read.value !== null && typeof read.value === "object" && Object.hasOwn(read.value, "")) return undefined;
  const { values, keys } = locator.recorded();
  const root = values.find(([k]) => k === "")![1];
  return { value: read.value, root, values: values.filter(([k]) => k !== ""), keys: keys.filter(([k]) => k !== ""), count: read.values, text: read.text, depth: read.depth, chain: read.chain };
}

/** A fresh copy of a template's value: every file gets its own objects, as the whole way gives. */
export function copy(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copy);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) out[key] = copy((value as Record<string, unknown>)[key]);
  return out;
}

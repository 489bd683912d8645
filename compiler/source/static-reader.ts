// Reads tenant and platform files as data with a TypeScript parser (oxc's, see parser.ts): nothing in them is ever executed,
// so a pull request from anyone is safe to compile in CI. The reader accepts a subset of what TypeScript
// accepts, and gives each accepted file the value TypeScript (and JavaScript) would give it.
import fs from "node:fs";
import path from "node:path";
import { error, type Diagnostic } from "../diagnostics";
import { Evaluation } from "./evaluate";
import { MAX_FILE_BYTES } from "./limits";
import { Locator, type ValuePath } from "./locator";
import { at, parseModule, type ImportTarget, type Module } from "./module";
import type { ModuleLoader } from "./names";
import type { VariableDeclarator } from "./parser";
import { readPlainValue } from "./plain-values";
import { presetTemplate, type PresetTemplate } from "./preset-templates";

export interface ReaderOptions {
  /** Repository root; file names in diagnostics are relative to it. */
  root: string;
  /** Absolute path (without extension) of the module that exports defineTenant/definePlatform. */
  apiModule: string;
  /** Absolute directory whose modules may be imported for presets (platform/). */
  presetDir: string;
}

export interface ReadResult {
  /** The object passed to defineTenant/definePlatform, or undefined when it could not be read. */
  value: unknown;
  locator: Locator;
  diagnostics: Diagnostic[];
  /** Paths whose value could not be read; schema errors at or below them are noise and dropped. */
  unreadable: ValuePath[];
}

/** Reads one entry file per call; parsed preset modules are cached across calls. */
export class StaticReader implements ModuleLoader {
  private readonly modules = new Map<string, Module | null>();
  /** Import targets by folder and specifier, and relative names by path: every tenant file asks the same. */
  private readonly targets = new Map<string, ImportTarget>();
  private readonly names = new Map<string, string>();

  constructor(
    private readonly options: ReaderOptions,
    /** False: every file takes the whole way (the tests compare both ways). */
    private readonly plainValues = true,
  ) {}

  /** Reads a file whose default export is `<entry>({...})` (or a plain object literal). */
  read(absPath: string, entry: "defineTenant" | "definePlatform", text?: string): ReadResult {
    // most tenant files are literals in a call: read straight to their value (plain-values.ts), else the whole way
    const plain = text === undefined || !this.plainValues ? undefined : readPlainValue(this.rel(absPath), text, entry, (specifier) => this.resolveImport(absPath, specifier), this.preset);
    if (plain) return { value: plain.value, locator: plain.locator, diagnostics: [], unreadable: [] };
    // the entry file is read once: keeping its syntax tree would hold a thousand of them in memory
    const mod = this.load(absPath, text, false);
    const locator = new Locator(this.rel(absPath));
    if (!mod) {
      const where = { file: this.rel(absPath), line: 1, col: 1 };
      return { value: undefined, locator, diagnostics: [error("read-failed", where, "file could not be read")], unreadable: [] };
    }
    const evaluation = new Evaluation(this, mod, locator);
    const diagnostics = [...mod.diagnostics];
    // the whole value is unreadable when the file is broken, has no default export, or went over a limit:
    // schema errors about what is missing would only be noise
    const whole = { value: undefined, locator, unreadable: [[]] };
    if (mod.broken) return { ...whole, diagnostics };
    if (!mod.exportDefault) {
      diagnostics.push(error("no-default-export", at(mod, { start: 0 }), `the file has no default export`, { hint: `end the file with \`export default ${entry}({ ... });\`` }));
      return { ...whole, diagnostics };
    }
    const value = evaluation.entry(mod.exportDefault, entry);
    evaluation.imports();
    diagnostics.push(...evaluation.diagnostics, ...this.unreached(mod, evaluation.reached, false));
    if (evaluation.exhausted) return { ...whole, diagnostics };
    return { value, locator, diagnostics, unreadable: evaluation.unreadable };
  }

  private readonly templates = new Map<string, PresetTemplate | undefined>();

  /** A preset's exported const as the plain-value reader copies it, read once per reader (undefined: any problem). */
  private readonly preset = (abs: string, name: string): PresetTemplate | undefined => {
    const key = `${abs}\u0000${name}`;
    if (!this.templates.has(key)) this.templates.set(key, presetTemplate(this, abs, name));
    return this.templates.get(key);
  };

  /**
   * Errors in the consts of `mod` not in `reached`: JavaScript runs every initializer when the module loads, used
   * or not (and, with `imports`, in its imports never followed). Values are discarded, locations kept apart.
   */
  private unreached(mod: Module, reached: ReadonlySet<VariableDeclarator>, imports: boolean): Diagnostic[] {
    if (!imports && [...mod.consts.values()].every((decl) => reached.has(decl))) return []; // the usual tenant file
    const check = new Evaluation(this, mod, new Locator(mod.file));
    for (const decl of mod.consts.values()) if (!reached.has(decl) && !check.reached.has(decl)) check.declaration(decl);
    if (imports) check.imports(); // a preset file checked whole: its own imports too
    return check.diagnostics;
  }

  rel(absPath: string): string {
    let name = this.names.get(absPath);
    if (name === undefined) {
      name = this.under(absPath) ?? path.relative(this.options.root, absPath).split(path.sep).join("/");
      // each read names its entry file twice, and every tenant importing a preset names the preset
      if (this.names.size < 10_000) this.names.set(absPath, name);
    }
    return name;
  }

  /** `absPath` relative to an absolute, normalised root it is plainly under (as path.relative gives it), else undefined. */
  private under(absPath: string): string | undefined {
    const { root } = this.options;
    this.rootSlash ??= path.sep === "/" && path.isAbsolute(root) && path.resolve(root) === root ? (root.endsWith("/") ? root : `${root}/`) : null;
    if (this.rootSlash === null || !absPath.startsWith(this.rootSlash)) return undefined;
    const rest = absPath.slice(this.rootSlash.length);
    // no empty, `.` or `..` segment: path.relative would normalise those
    return rest === "" || /(^|\/)\.{0,2}(\/|$)/.test(rest) ? undefined : rest;
  }

  private rootSlash?: string | null;

  /** Resolves an import specifier written in `fromFile` to api, a preset module, or null (not allowed). */
  private resolveImport(fromFile: string, specifier: string): ImportTarget {
    const dir = path.dirname(fromFile);
    const key = `${dir}\u0000${specifier}`;
    let target = this.targets.get(key);
    if (target === undefined) this.targets.set(key, (target = this.target(dir, specifier)));
    return target;
  }

  private target(dir: string, specifier: string): ImportTarget {
    if (!specifier.startsWith(".")) return null;
    const base = path.resolve(dir, specifier).replace(/\.(js|ts)$/, "");
    // only the api file itself: TypeScript finds no module at "../compiler" (there is no index file)
    if (base === this.options.apiModule) return { kind: "api" };
    return base.startsWith(this.options.presetDir + path.sep) ? { kind: "preset", abs: base + ".ts" } : null;
  }

  load(absPath: string, text?: string, remember = true): Module | null {
    if (text === undefined && this.modules.has(absPath)) return this.modules.get(absPath)!;
    const source = text ?? readSource(absPath);
    const mod = source === undefined ? null : parseModule(this.rel(absPath), source, (specifier) => this.resolveImport(absPath, specifier));
    if (text === undefined && remember) {
      // a preset file: kept for every tenant, and checked whole once (remembered first, so import cycles end)
      this.modules.set(absPath, mod);
      if (mod && !mod.broken) mod.diagnostics.push(...this.unreached(mod, new Set(), true));
    }
    return mod;
  }
}

/** The file's text; a file far over the size limit is not read whole (its first bytes still show the limit). */
function readSource(absPath: string): string | undefined {
  try {
    const fd = fs.openSync(absPath, "r");
    try {
      const buffer = Buffer.alloc(Math.min(fs.fstatSync(fd).size, MAX_FILE_BYTES + 4));
      const bytes = buffer.subarray(0, fs.readSync(fd, buffer, 0, buffer.length, 0));
      // byte order marks as TypeScript reads them (ts.sys.readFile): UTF-16 LE is decoded, a UTF-8 mark dropped
      if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
      return bytes.toString("utf8").replace(/^\uFEFF/, "");
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return undefined;
  }
}

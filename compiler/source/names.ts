// What a name in a tenant, platform or preset file stands for: a const of the same file declared above its use,
// or a const a preset file exports. JavaScript's and TypeScript's rules decide, and say why when neither.
import type { Diagnostic } from "../diagnostics";
import { at, type Import, type Module } from "./module";
import type { AnyNode, Expression, IdentifierReference, VariableDeclarator } from "./parser";

/** What the reader provides: preset modules, and file names for messages. */
export interface ModuleLoader {
  load(absPath: string): Module | null;
  rel(absPath: string): string;
}

/** A name followed to the expression it stands for. */
export interface Target {
  mod: Module;
  expr: Expression;
  decl: VariableDeclarator;
}

/** Why a name stands for nothing, located in `mod`. */
export interface Problem {
  problem: { mod: Module; node: AnyNode; message: string; hint?: string; code?: string };
}

const API_FUNCTIONS = new Set(["defineTenant", "definePlatform"]);

export class Names {
  /** Preset imports already resolved (and reported on, when broken): each is reported once. */
  private readonly linked = new Set<Import>();

  constructor(
    private readonly loader: ModuleLoader,
    /** Receives the preset file's own errors, with the first import of it. */
    private readonly report: (diagnostics: readonly Diagnostic[]) => void,
  ) {}

  /** What `id` in `mod` stands for; undefined when it was reported already. */
  lookup(mod: Module, id: IdentifierReference): Target | Problem | undefined {
    const name = id.name;
    const problem = (node: AnyNode, message: string, hint?: string, code?: string): Problem => ({ problem: { mod, node, message, ...(hint ? { hint } : {}), ...(code ? { code } : {}) } });
    if (name === "undefined") return problem(id, "`undefined` is not allowed", "leave the property out instead");
    const decl = mod.consts.get(name);
    if (decl) {
      // a const is in its temporal dead zone until its declaration ends: reading it earlier throws in JavaScript
      if (id.start < decl.end) {
        const self = id.start >= decl.start;
        const message = self ? `const ${name} refers to itself` : `const ${name} is used before its declaration at line ${at(mod, decl).line}`;
        return problem(id, `${message}; TypeScript refuses this`, "declare each const above its first use", "used-before-declaration");
      }
      return { mod, expr: decl.init!, decl };
    }
    const imported = mod.imports.get(name);
    if (imported?.from === "preset") return this.link(mod, imported);
    if (imported?.from === "api" && API_FUNCTIONS.has(imported.name)) return problem(id, `${name} can only be called once, as the default export`);
    return problem(id, `unknown name \`${name}\``, "declare it with `const` in this file or import a preset from platform/");
  }

  /**
   * The preset imports of `mod` not resolved yet, each with its problem: an ES module is linked before it runs, so
   * a name the preset does not export, or a preset that fails, fails the file even when the name is unused.
   */
  unlinked(mod: Module): Problem[] {
    return [...mod.imports.values()].flatMap((imported) => {
      if (imported.from !== "preset" || this.linked.has(imported)) return [];
      const found = this.link(mod, imported);
      return found && "problem" in found ? [found] : [];
    });
  }

  /** The const a preset import names, in its file. */
  private link(mod: Module, imported: Import): Target | Problem | undefined {
    const first = !this.linked.has(imported);
    this.linked.add(imported);
    const file = this.loader.rel(imported.module!);
    const target = this.loader.load(imported.module!);
    const problem = (message: string, hint: string): Problem | undefined => (first ? { problem: { mod, node: imported.node, message, hint } } : undefined);
    if (!target) return problem(`cannot read ${file} (imported as ${imported.name})`, "check the import path");
    // errors of the preset file are reported by every file that imports it; duplicates are dropped on output
    if (first) this.report(target.diagnostics);
    const exported = target.consts.get(imported.name);
    if (!exported || !target.exported.has(imported.name)) return problem(`${file} has no exported const named "${imported.name}"`, "export it with `export const`");
    return { mod: target, expr: exported.init!, decl: exported };
  }
}

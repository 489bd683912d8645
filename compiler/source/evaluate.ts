// Evaluation of one entry file: walks its expressions into plain values, meaning what TypeScript means by
// them, and records where each value was written. Nothing is executed.
import { error, type Diagnostic } from "../diagnostics";
import { forbiddenKey, propertyKey, setOwn } from "./keys";
import { isNumericLiteral, isStringLiteral, keywordValue, plainTemplate, skipTypes } from "./nodes";
import type { AnyNode, ArrayExpression, Expression, IdentifierReference, ObjectExpression, SpreadElement, VariableDeclarator } from "./parser";
import { MAX_CHAIN, MAX_DEPTH, MAX_TEXT, MAX_VALUES } from "./limits";
import type { Locator, ValuePath } from "./locator";
import { at, type Module } from "./module";
import { Names, type ModuleLoader, type Target } from "./names";
import { describe, snippet } from "./syntax-names";

export class Evaluation {
  readonly diagnostics: Diagnostic[] = [];
  readonly unreadable: ValuePath[] = [];
  /** Every declaration this evaluation followed a name to. */
  readonly reached = new Set<VariableDeclarator>();
  private readonly names: Names;
  /** Declarations being evaluated: a preset reached again through imports is a cycle. */
  private readonly active = new Set<AnyNode>();
  private depth = 0;
  private chain = 0;
  /** The deepest nesting and longest chain of names reached (what a preset's template used of the limits). */
  private maxDepth = 0;
  private maxChain = 0;
  private values = 0;
  private text = 0;
  private reportedTooLarge = false;
  /** The name of the entry file being followed, if any (where an expansion limit is reported). */
  private outermost?: { mod: Module; node: AnyNode };

  /** True when the file expanded past MAX_VALUES or MAX_TEXT: what was read of it is partial. */
  get exhausted(): boolean {
    return this.values > MAX_VALUES;
  }

  constructor(
    loader: ModuleLoader,
    private readonly entryModule: Module,
    private readonly locator: Locator,
  ) {
    this.names = new Names(loader, (d) => this.diagnostics.push(...d));
  }

  /**
   * Checks a const that the default export never reaches: JavaScript still runs its initializer when the
   * module loads (and throws on a name read before its declaration), so its errors are the file's errors.
   */
  declaration(decl: VariableDeclarator): void {
    this.reached.add(decl);
    this.active.add(decl);
    this.value(this.entryModule, decl.init!, []);
    this.active.delete(decl);
  }

  /**
   * The value of a const read on its own, and how much of each limit it used: static-reader.ts keeps it as the
   * template of a preset's export for the plain-value reader (plain-values.ts).
   */
  constValue(decl: VariableDeclarator): { value: unknown; values: number; text: number; depth: number; chain: number } {
    this.reached.add(decl);
    this.active.add(decl);
    const value = this.value(this.entryModule, decl.init!, []);
    this.active.delete(decl);
    return { value, values: this.values, text: this.text, depth: this.maxDepth, chain: this.maxChain };
  }

  /** Reports the preset imports this evaluation never followed (see Names.unlinked). */
  imports(): void {
    for (const { problem: p } of this.names.unlinked(this.entryModule)) this.fail(p.mod, p.node, [], p.message, p.hint, p.code);
  }

  /** The value of the default export, which must be `fn({...})` with fn imported from the api (or a plain object). */
  entry(expr: Expression, fn: string): unknown {
    const mod = this.entryModule;
    const inner = call(skipTypes(expr));
    if (inner) {
      const callee = inner.callee;
      const imported = callee.type === "Identifier" ? mod.imports.get((callee as IdentifierReference).name) : undefined;
      if (!imported || imported.from !== "api" || imported.name !== fn) {
        return this.fail(mod, callee, [], `the default export must be \`${fn}({ ... })\`, found a call to \`${snippet(mod, callee)}\``, `import { ${fn} } from "../compiler/api" and call it`);
      }
      if (inner.arguments.length !== 1) return this.fail(mod, inner, [], `${fn}() takes exactly one object`);
      const arg = inner.arguments[0]!;
      if (arg.type === "SpreadElement") return this.fail(mod, arg, [], `${describe(arg)} \`${snippet(mod, arg)}\` is not allowed`, "write the object itself");
      return this.value(mod, arg, []);
    }
    return this.value(mod, expr, []);
  }

  private fail(mod: Module, node: AnyNode, path: ValuePath, message: string, hint?: string, code = "unsupported-syntax"): undefined {
    this.diagnostics.push(error(code, at(mod, node), message, hint ? { hint } : {}));
    this.unreadable.push(path);
    return undefined;
  }

  /** Turns an expression into a plain value, recording the source node of every value by its path. */
  private value(mod: Module, node: Expression, path: ValuePath): unknown {
    if (++this.values > MAX_VALUES) return this.tooLarge(mod, node, path, `more than ${MAX_VALUES} values`);
    this.locator.set(path, at(mod, node));
    // type assertions, `satisfies` and `!` change only the type: the value is the expression's (TypeScript erases them)
    node = skipTypes(node);
    const text = isStringLiteral(node) ? node.value : plainTemplate(node);
    if (text !== undefined) {
      this.text += text.length;
      return this.text > MAX_TEXT ? this.tooLarge(mod, node, path, `more than ${MAX_TEXT / 1024 / 1024} Mi characters of text`) : text;
    }
    if (isNumericLiteral(node)) return node.value;
    if (node.type === "UnaryExpression" && isNumericLiteral(node.argument)) {
      if (node.operator === "-") return -node.argument.value;
      if (node.operator === "+") return node.argument.value;
    }
    const keyword = keywordValue(node);
    if (keyword) return keyword.value;
    if (node.type === "ObjectExpression") return this.deeper(mod, node, path, () => this.object(mod, node, path));
    if (node.type === "ArrayExpression") return this.deeper(mod, node, path, () => this.array(mod, node, path));
    if (node.type === "Identifier") return this.reference(mod, node, path);
    if (node.type === "TemplateLiteral") return this.fail(mod, node, path, "template literal with substitutions (`${...}`) is not allowed", "write the whole string out");
    const called = call(node);
    if (called) return this.fail(mod, node, path, `function call \`${snippet(mod, called.callee)}(...)\` is not allowed`, "write the value as a literal");
    return this.fail(mod, node, path, `${describe(node)} \`${snippet(mod, node)}\` is not allowed`, "use literals, `as const`, `satisfies`, consts of this file, or presets imported from platform/");
  }

  /**
   * Reported once, at the name in the entry file whose expansion crossed the limit (where the file must change);
   * every later value is refused at once, so the walk ends.
   */
  private tooLarge(mod: Module, node: AnyNode, path: ValuePath, what: string): undefined {
    if (this.values <= MAX_VALUES) this.values = MAX_VALUES + 1;
    else if (this.reportedTooLarge) return undefined;
    this.reportedTooLarge = true;
    const where = this.outermost ?? { mod, node };
    return this.fail(where.mod, where.node, path, `the file expands to ${what} once its consts and spreads are followed`, "spread fewer copies of the same values", "too-large");
  }

  private object(mod: Module, node: ObjectExpression, path: ValuePath): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    // keys written in this literal: TypeScript refuses a key written twice, or one a later spread always overwrites
    // (as in TypeScript, a spread between two writings of a key does not make the second one legal)
    const written = new Map<string, AnyNode>();
    let overwritten: Set<string> | undefined; // made by the first spread that needs it
    for (const prop of node.properties) {
      if (this.values > MAX_VALUES) break;
      if (prop.type === "SpreadElement") {
        const spread = this.value(mod, prop.argument, path);
        this.locator.set(path, at(mod, node)); // the spread re-recorded the object's location; restore it
        if (spread === undefined) continue;
        if (typeof spread !== "object" || spread === null || Array.isArray(spread)) {
          this.fail(mod, prop, path, `spread of a value that is not an object (\`...${snippet(mod, prop.argument)}\`)`);
          continue;
        }
        for (const key of Object.keys(spread)) {
          const before = written.get(key);
          if (before && !overwritten?.has(key)) {
            (overwritten ??= new Set()).add(key);
            const line = at(mod, prop).line;
            this.fail(mod, before, [...path, key], `"${key}" is set here and always overwritten by the spread \`...${snippet(mod, prop.argument)}\` at line ${line}; TypeScript refuses this`, "remove this key, or move it after the spread to override the spread's value", "overwritten-key");
          }
          setOwn(out, key, (spread as Record<string, unknown>)[key]);
        }
        continue;
      }
      if (prop.kind !== "init" || prop.method) {
        this.fail(mod, prop, path, `${describe(prop)} is not allowed in an object`, "write `key: value`");
        continue;
      }
      // where the key is written: a computed key's `[`, which starts the property
      const name = prop.computed ? { type: "ComputedKey", start: prop.start, end: mod.text.indexOf("]", prop.key.end) + 1 } : prop.key;
      const key = propertyKey(prop);
      if (key === undefined) {
        this.fail(mod, name, path, `computed key \`${snippet(mod, name)}\` is not allowed`, "write the key as a plain name or string");
        continue;
      }
      const forbidden = forbiddenKey(key);
      if (forbidden) {
        this.fail(mod, name, [...path, key], `key "${key}" is not allowed: ${forbidden}`, "rename the key", "forbidden-key");
        continue;
      }
      const first = written.get(key);
      if (first) {
        this.fail(mod, name, [...path, key], `duplicate key "${key}" (first set at line ${at(mod, first).line}); TypeScript refuses it`, "keep one of them", "duplicate-key");
        continue;
      }
      written.set(key, name);
      const child = [...path, key];
      this.locator.setKey(child, at(mod, name));
      const v = this.value(mod, prop.value, child);
      if (v !== undefined) setOwn(out, key, v);
    }
    return out;
  }

  private array(mod: Module, node: ArrayExpression, path: ValuePath): unknown[] {
    const out: unknown[] = [];
    this.pushElements(mod, node, path, out);
    return out;
  }

  private pushElements(mod: Module, node: ArrayExpression, path: ValuePath, out: unknown[]): void {
    for (const el of node.elements) {
      if (this.values > MAX_VALUES) return;
      if (el === null) {
        this.fail(mod, node, path, "array with an empty slot (`[a, , b]`) is not allowed");
        continue;
      }
      if (el.type === "SpreadElement") {
        this.spreadElements(mod, el, path, out);
        continue;
      }
      out.push(this.value(mod, el, [...path, out.length]));
    }
  }

  /** Spread elements are walked in their own file so each keeps its own location and index. */
  private spreadElements(mod: Module, el: SpreadElement, path: ValuePath, out: unknown[]): void {
    const inner = skipTypes(el.argument);
    if (inner.type === "ArrayExpression") return this.nested(mod, inner, path, out);
    if (inner.type === "Identifier") return this.spreadName(mod, inner, path, out, { mod, el });
    this.fail(mod, el, path, `spread of an unknown value (\`...${snippet(mod, el.argument)}\`)`, "spread only arrays declared with `const` here or exported from platform/");
  }

  private spreadName(mod: Module, id: IdentifierReference, path: ValuePath, out: unknown[], origin: { mod: Module; el: SpreadElement }): void {
    this.follow(mod, id, path, (target) => {
      const expr = skipTypes(target.expr);
      if (expr.type === "Identifier") return this.spreadName(target.mod, expr, path, out, origin);
      if (expr.type === "ArrayExpression") return this.nested(target.mod, expr, path, out);
      this.fail(origin.mod, origin.el, path, `spread of a value that is not an array (\`...${snippet(origin.mod, origin.el.argument)}\`)`, "spread only arrays inside arrays");
    });
  }

  /** The elements of an array spread into another: one level deeper, as for a nested value. */
  private nested(mod: Module, node: ArrayExpression, path: ValuePath, out: unknown[]): void {
    this.deeper(mod, node, path, () => this.pushElements(mod, node, path, out));
  }

  /** Runs `walk` one level of nesting deeper, or refuses the value past MAX_DEPTH. */
  private deeper<T>(mod: Module, node: AnyNode, path: ValuePath, walk: () => T): T | undefined {
    if (this.depth >= MAX_DEPTH) return this.fail(mod, node, path, `values nest deeper than ${MAX_DEPTH} levels here`, "flatten the value: no real setting nests this deep", "too-deep");
    if (++this.depth > this.maxDepth) this.maxDepth = this.depth;
    try {
      return walk();
    } finally {
      this.depth--;
    }
  }

  private reference(mod: Module, id: IdentifierReference, path: ValuePath): unknown {
    return this.follow(mod, id, path, (target) => this.value(target.mod, target.expr, path));
  }

  /**
   * Follows a name to the const it stands for (in this file, or exported by a preset) and runs `use` on it,
   * with TypeScript's rules: a const is used only after its declaration, an imported name must be exported.
   */
  private follow<T>(mod: Module, id: IdentifierReference, path: ValuePath, use: (target: Target) => T): T | undefined {
    const target = this.lookup(mod, id, path);
    if (!target) return undefined;
    if (this.chain >= MAX_CHAIN) return this.fail(mod, id, path, `more than ${MAX_CHAIN} names are followed to reach this value`, "refer to the value directly instead of through a chain of consts", "too-deep");
    if (this.active.has(target.decl)) return this.fail(mod, id, path, `\`${id.name}\` refers to itself through imports`, "break the cycle between the preset files");
    this.active.add(target.decl);
    this.reached.add(target.decl);
    if (this.chain === 0) this.outermost = { mod, node: id };
    if (++this.chain > this.maxChain) this.maxChain = this.chain;
    try {
      return use(target);
    } finally {
      this.chain--;
      if (this.chain === 0) this.outermost = undefined;
      this.active.delete(target.decl);
    }
  }

  private lookup(mod: Module, id: IdentifierReference, path: ValuePath): Target | undefined {
    const found = this.names.lookup(mod, id);
    if (!found || !("problem" in found)) return found;
    const p = found.problem;
    return this.fail(p.mod, p.node, path, p.message, p.hint, p.code);
  }
}

/** The call `node` is (`f()`, or `f?.()` in a chain), if it is one; `import()` is a call for TypeScript too. */
function call(node: Expression): { callee: AnyNode; arguments: readonly (Expression | SpreadElement)[]; start: number; end: number; type: string } | undefined {
  const inner = node.type === "ChainExpression" ? node.expression : node;
  if (inner.type === "CallExpression") return inner;
  if (inner.type === "ImportExpression") return { ...inner, callee: { type: "Import", start: inner.start, end: inner.start + "import".length }, arguments: [inner.source] };
  return undefined;
}

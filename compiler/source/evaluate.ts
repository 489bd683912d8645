// Evaluation of one entry file: walks its expressions into plain values, meaning what TypeScript means by
// them, and records where each value was written. Nothing is executed.
import { ts } from "./typescript";
import { error, type Diagnostic } from "../diagnostics";
import { forbiddenKey, propertyKey, setOwn } from "./keys";
import { MAX_CHAIN, MAX_DEPTH, MAX_TEXT, MAX_VALUES } from "./limits";
import type { Locator, ValuePath } from "./locator";
import { at, type Module } from "./module";
import { Names, type ModuleLoader, type Target } from "./names";
import { describe, snippet } from "./syntax-names";

export class Evaluation {
  readonly diagnostics: Diagnostic[] = [];
  readonly unreadable: ValuePath[] = [];
  /** Every declaration this evaluation followed a name to. */
  readonly reached = new Set<ts.VariableDeclaration>();
  private readonly names: Names;
  /** Declarations being evaluated: a preset reached again through imports is a cycle. */
  private readonly active = new Set<ts.Node>();
  private depth = 0;
  private chain = 0;
  private values = 0;
  private text = 0;
  private reportedTooLarge = false;
  /** The name of the entry file being followed, if any (where an expansion limit is reported). */
  private outermost?: { mod: Module; node: ts.Node };

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
  declaration(decl: ts.VariableDeclaration): void {
    this.reached.add(decl);
    this.active.add(decl);
    this.value(this.entryModule, decl.initializer!, []);
    this.active.delete(decl);
  }

  /** Reports the preset imports this evaluation never followed (see Names.unlinked). */
  imports(): void {
    for (const { problem: p } of this.names.unlinked(this.entryModule)) this.fail(p.mod, p.node, [], p.message, p.hint, p.code);
  }

  /** The value of the default export, which must be `fn({...})` with fn imported from the api (or a plain object). */
  entry(expr: ts.Expression, fn: string): unknown {
    const mod = this.entryModule;
    const inner = skipTypes(expr);
    if (ts.isCallExpression(inner)) {
      const callee = inner.expression;
      const imported = ts.isIdentifier(callee) ? mod.imports.get(callee.text) : undefined;
      if (!imported || imported.from !== "api" || imported.name !== fn) {
        return this.fail(mod, callee, [], `the default export must be \`${fn}({ ... })\`, found a call to \`${snippet(mod.sf, callee)}\``, `import { ${fn} } from "../compiler/api" and call it`);
      }
      if (inner.arguments.length !== 1) return this.fail(mod, inner, [], `${fn}() takes exactly one object`);
      return this.value(mod, inner.arguments[0]!, []);
    }
    return this.value(mod, expr, []);
  }

  private fail(mod: Module, node: ts.Node, path: ValuePath, message: string, hint?: string, code = "unsupported-syntax"): undefined {
    this.diagnostics.push(error(code, at(mod, node), message, hint ? { hint } : {}));
    this.unreadable.push(path);
    return undefined;
  }

  /** Turns an expression into a plain value, recording the source node of every value by its path. */
  private value(mod: Module, node: ts.Expression, path: ValuePath): unknown {
    if (++this.values > MAX_VALUES) return this.tooLarge(mod, node, path, `more than ${MAX_VALUES} values`);
    this.locator.set(path, at(mod, node));
    // type assertions, `satisfies` and `!` change only the type: the value is the expression's (TypeScript erases them)
    node = skipTypes(node);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      this.text += node.text.length;
      return this.text > MAX_TEXT ? this.tooLarge(mod, node, path, `more than ${MAX_TEXT / 1024 / 1024} Mi characters of text`) : node.text;
    }
    if (ts.isNumericLiteral(node)) return Number(node.text);
    if (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) {
      const n = Number(node.operand.text);
      if (node.operator === ts.SyntaxKind.MinusToken) return -n;
      if (node.operator === ts.SyntaxKind.PlusToken) return n;
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isObjectLiteralExpression(node)) return this.deeper(mod, node, path, () => this.object(mod, node, path));
    if (ts.isArrayLiteralExpression(node)) return this.deeper(mod, node, path, () => this.array(mod, node, path));
    if (ts.isIdentifier(node)) return this.reference(mod, node, path);
    if (ts.isTemplateExpression(node)) return this.fail(mod, node, path, "template literal with substitutions (`${...}`) is not allowed", "write the whole string out");
    if (ts.isCallExpression(node)) return this.fail(mod, node, path, `function call \`${snippet(mod.sf, node.expression)}(...)\` is not allowed`, "write the value as a literal");
    return this.fail(mod, node, path, `${describe(node)} \`${snippet(mod.sf, node)}\` is not allowed`, "use literals, `as const`, `satisfies`, consts of this file, or presets imported from platform/");
  }

  /**
   * Reported once, at the name in the entry file whose expansion crossed the limit (where the file must change);
   * every later value is refused at once, so the walk ends.
   */
  private tooLarge(mod: Module, node: ts.Node, path: ValuePath, what: string): undefined {
    if (this.values <= MAX_VALUES) this.values = MAX_VALUES + 1;
    else if (this.reportedTooLarge) return undefined;
    this.reportedTooLarge = true;
    const where = this.outermost ?? { mod, node };
    return this.fail(where.mod, where.node, path, `the file expands to ${what} once its consts and spreads are followed`, "spread fewer copies of the same values", "too-large");
  }

  private object(mod: Module, node: ts.ObjectLiteralExpression, path: ValuePath): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    // keys written in this literal: TypeScript refuses a key written twice, or one a later spread always overwrites
    // (as in TypeScript, a spread between two writings of a key does not make the second one legal)
    const written = new Map<string, ts.Node>();
    const overwritten = new Set<string>();
    for (const prop of node.properties) {
      if (this.values > MAX_VALUES) break;
      if (ts.isSpreadAssignment(prop)) {
        const spread = this.value(mod, prop.expression, path);
        this.locator.set(path, at(mod, node)); // the spread re-recorded the object's location; restore it
        if (spread === undefined) continue;
        if (typeof spread !== "object" || spread === null || Array.isArray(spread)) {
          this.fail(mod, prop, path, `spread of a value that is not an object (\`...${snippet(mod.sf, prop.expression)}\`)`);
          continue;
        }
        for (const key of Object.keys(spread)) {
          const before = written.get(key);
          if (before && !overwritten.has(key)) {
            overwritten.add(key);
            const line = at(mod, prop).line;
            this.fail(mod, before, [...path, key], `"${key}" is set here and always overwritten by the spread \`...${snippet(mod.sf, prop.expression)}\` at line ${line}; TypeScript refuses this`, "remove this key, or move it after the spread to override the spread's value", "overwritten-key");
          }
          setOwn(out, key, (spread as Record<string, unknown>)[key]);
        }
        continue;
      }
      if (!ts.isPropertyAssignment(prop) && !ts.isShorthandPropertyAssignment(prop)) {
        this.fail(mod, prop, path, `${describe(prop)} is not allowed in an object`, "write `key: value`");
        continue;
      }
      const key = propertyKey(prop.name);
      if (key === undefined) {
        this.fail(mod, prop.name, path, `computed key \`${snippet(mod.sf, prop.name)}\` is not allowed`, "write the key as a plain name or string");
        continue;
      }
      const forbidden = forbiddenKey(key);
      if (forbidden) {
        this.fail(mod, prop.name, [...path, key], `key "${key}" is not allowed: ${forbidden}`, "rename the key", "forbidden-key");
        continue;
      }
      const first = written.get(key);
      if (first) {
        this.fail(mod, prop.name, [...path, key], `duplicate key "${key}" (first set at line ${at(mod, first).line}); TypeScript refuses it`, "keep one of them", "duplicate-key");
        continue;
      }
      written.set(key, prop.name);
      this.locator.setKey([...path, key], at(mod, prop.name));
      const v = this.value(mod, ts.isPropertyAssignment(prop) ? prop.initializer : prop.name, [...path, key]);
      if (v !== undefined) setOwn(out, key, v);
    }
    return out;
  }

  private array(mod: Module, node: ts.ArrayLiteralExpression, path: ValuePath): unknown[] {
    const out: unknown[] = [];
    this.pushElements(mod, node, path, out);
    return out;
  }

  private pushElements(mod: Module, node: ts.ArrayLiteralExpression, path: ValuePath, out: unknown[]): void {
    for (const el of node.elements) {
      if (this.values > MAX_VALUES) return;
      if (ts.isSpreadElement(el)) {
        this.spreadElements(mod, el, path, out);
        continue;
      }
      if (ts.isOmittedExpression(el)) {
        this.fail(mod, node, path, "array with an empty slot (`[a, , b]`) is not allowed");
        continue;
      }
      out.push(this.value(mod, el, [...path, out.length]));
    }
  }

  /** Spread elements are walked in their own file so each keeps its own location and index. */
  private spreadElements(mod: Module, el: ts.SpreadElement, path: ValuePath, out: unknown[]): void {
    const inner = skipTypes(el.expression);
    if (ts.isArrayLiteralExpression(inner)) return this.nested(mod, inner, path, out);
    if (ts.isIdentifier(inner)) return this.spreadName(mod, inner, path, out, { mod, el });
    this.fail(mod, el, path, `spread of an unknown value (\`...${snippet(mod.sf, el.expression)}\`)`, "spread only arrays declared with `const` here or exported from platform/");
  }

  private spreadName(mod: Module, id: ts.Identifier, path: ValuePath, out: unknown[], origin: { mod: Module; el: ts.SpreadElement }): void {
    this.follow(mod, id, path, (target) => {
      const expr = skipTypes(target.expr);
      if (ts.isIdentifier(expr)) return this.spreadName(target.mod, expr, path, out, origin);
      if (ts.isArrayLiteralExpression(expr)) return this.nested(target.mod, expr, path, out);
      this.fail(origin.mod, origin.el, path, `spread of a value that is not an array (\`...${snippet(origin.mod.sf, origin.el.expression)}\`)`, "spread only arrays inside arrays");
    });
  }

  /** The elements of an array spread into another: one level deeper, as for a nested value. */
  private nested(mod: Module, node: ts.ArrayLiteralExpression, path: ValuePath, out: unknown[]): void {
    this.deeper(mod, node, path, () => this.pushElements(mod, node, path, out));
  }

  /** Runs `walk` one level of nesting deeper, or refuses the value past MAX_DEPTH. */
  private deeper<T>(mod: Module, node: ts.Node, path: ValuePath, walk: () => T): T | undefined {
    if (this.depth >= MAX_DEPTH) return this.fail(mod, node, path, `values nest deeper than ${MAX_DEPTH} levels here`, "flatten the value: no real setting nests this deep", "too-deep");
    this.depth++;
    try {
      return walk();
    } finally {
      this.depth--;
    }
  }

  private reference(mod: Module, id: ts.Identifier, path: ValuePath): unknown {
    return this.follow(mod, id, path, (target) => this.value(target.mod, target.expr, path));
  }

  /**
   * Follows a name to the const it stands for (in this file, or exported by a preset) and runs `use` on it,
   * with TypeScript's rules: a const is used only after its declaration, an imported name must be exported.
   */
  private follow<T>(mod: Module, id: ts.Identifier, path: ValuePath, use: (target: Target) => T): T | undefined {
    const target = this.lookup(mod, id, path);
    if (!target) return undefined;
    if (this.chain >= MAX_CHAIN) return this.fail(mod, id, path, `more than ${MAX_CHAIN} names are followed to reach this value`, "refer to the value directly instead of through a chain of consts", "too-deep");
    if (this.active.has(target.decl)) return this.fail(mod, id, path, `\`${id.text}\` refers to itself through imports`, "break the cycle between the preset files");
    this.active.add(target.decl);
    this.reached.add(target.decl);
    if (this.chain === 0) this.outermost = { mod, node: id };
    this.chain++;
    try {
      return use(target);
    } finally {
      this.chain--;
      if (this.chain === 0) this.outermost = undefined;
      this.active.delete(target.decl);
    }
  }

  private lookup(mod: Module, id: ts.Identifier, path: ValuePath): Target | undefined {
    const found = this.names.lookup(mod, id);
    if (!found || !("problem" in found)) return found;
    const p = found.problem;
    return this.fail(p.mod, p.node, path, p.message, p.hint, p.code);
  }
}

/** The expression under parentheses, type assertions (`as T`, `<T>x`), `satisfies` and `!`, which TypeScript erases. */
function skipTypes(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isAsExpression(node) || ts.isTypeAssertionExpression(node) || ts.isNonNullExpression(node)) node = node.expression;
  return node;
}

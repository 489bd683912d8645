// Reads tenant and platform files as data with the TypeScript parser: nothing in them is ever executed,
// so a pull request from anyone is safe to compile in CI.
import path from "node:path";
import { ts } from "ts-morph";
import { error, type Diagnostic, type Location } from "../diagnostics";
import { Locator, type ValuePath } from "./locator";

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

interface Module {
  file: string; // relative to root, for messages
  sf: ts.SourceFile;
  consts: Map<string, ts.VariableDeclaration>;
  /** Names of the consts declared with `export`. */
  exported: Set<string>;
  /** Local name → where it comes from. */
  imports: Map<string, { from: "api" | "preset"; module?: string; name: string; node: ts.Node }>;
  exportDefault?: ts.Expression;
  diagnostics: Diagnostic[];
}

const API_FUNCTIONS = new Set(["defineTenant", "definePlatform"]);

/** Reads one entry file per call; parsed preset modules are cached across calls. */
export class StaticReader {
  private readonly modules = new Map<string, Module | null>();

  constructor(private readonly options: ReaderOptions) {}

  /** Reads a file whose default export is `<entry>({...})` (or a plain object literal). */
  read(absPath: string, entry: "defineTenant" | "definePlatform", text?: string): ReadResult {
    // the entry file is read once: keeping its syntax tree would hold a thousand of them in memory
    const mod = this.load(absPath, text, false);
    const locator = new Locator(this.rel(absPath));
    if (!mod) {
      const at = { file: this.rel(absPath), line: 1, col: 1 };
      return { value: undefined, locator, diagnostics: [error("read-failed", at, "file could not be read")], unreadable: [] };
    }
    const ctx = new Evaluation(this, mod, locator);
    const diagnostics = [...mod.diagnostics];
    let value: unknown;
    if (diagnostics.some((d) => d.code === "syntax")) {
      // a file that does not parse has no meaningful structure to report on
    } else if (!mod.exportDefault) {
      diagnostics.push(
        error("no-default-export", this.at(mod, mod.sf), `the file has no default export`, {
          hint: `end the file with \`export default ${entry}({ ... });\``,
        }),
      );
    } else {
      value = ctx.entry(mod.exportDefault, entry);
    }
    return { value, locator, diagnostics: [...diagnostics, ...ctx.diagnostics], unreadable: ctx.unreadable };
  }

  rel(absPath: string): string {
    return path.relative(this.options.root, absPath).split(path.sep).join("/");
  }

  at(mod: Module, node: ts.Node): Location {
    const pos = node.kind === ts.SyntaxKind.SourceFile ? 0 : node.getStart(mod.sf);
    const lc = mod.sf.getLineAndCharacterOfPosition(pos);
    return { file: mod.file, line: lc.line + 1, col: lc.character + 1 };
  }

  /** Resolves an import specifier written in `from` to api, a preset module, or null (not allowed). */
  resolveImport(from: Module, specifier: string): { kind: "api" } | { kind: "preset"; abs: string } | null {
    if (!specifier.startsWith(".")) return null;
    const base = path.resolve(path.dirname(path.resolve(this.options.root, from.file)), specifier).replace(/\.(js|ts)$/, "");
    if (base === this.options.apiModule || base === path.dirname(this.options.apiModule) + path.sep + "index") return { kind: "api" };
    if (base === path.dirname(this.options.apiModule)) return { kind: "api" };
    const inPresets = base.startsWith(this.options.presetDir + path.sep);
    return inPresets ? { kind: "preset", abs: base + ".ts" } : null;
  }

  load(absPath: string, text?: string, remember = true): Module | null {
    if (text === undefined && this.modules.has(absPath)) return this.modules.get(absPath)!;
    let source = text;
    if (source === undefined) {
      try {
        source = ts.sys.readFile(absPath);
      } catch {
        source = undefined;
      }
    }
    const mod = source === undefined ? null : this.parse(absPath, source);
    if (text === undefined && remember) this.modules.set(absPath, mod);
    return mod;
  }

  private parse(absPath: string, text: string): Module {
    // no parent pointers: the reader walks down from the statements, and positions take the file explicitly
    const sf = ts.createSourceFile(absPath, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    const mod: Module = { file: this.rel(absPath), sf, consts: new Map(), exported: new Set(), imports: new Map(), diagnostics: [] };
    // parseDiagnostics is internal to the TypeScript API but stable for years; it is the only way to
    // get syntax errors without a full (slow) type-check program.
    const syntax = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
    for (const d of syntax) {
      const lc = sf.getLineAndCharacterOfPosition(d.start);
      mod.diagnostics.push(
        error("syntax", { file: mod.file, line: lc.line + 1, col: lc.character + 1 }, ts.flattenDiagnosticMessageText(d.messageText, "\n"), {
          hint: "fix the TypeScript syntax",
        }),
      );
    }
    if (syntax.length > 0) return mod;
    for (const st of sf.statements) this.statement(mod, st);
    return mod;
  }

  private statement(mod: Module, st: ts.Statement): void {
    const fail = (message: string, hint?: string): void => {
      mod.diagnostics.push(error("unsupported-syntax", this.at(mod, st), message, hint ? { hint } : {}));
    };
    if (ts.isImportDeclaration(st)) return this.importDeclaration(mod, st);
    if (ts.isVariableStatement(st)) {
      if (!(st.declarationList.flags & ts.NodeFlags.Const)) {
        return fail(`${ts.tokenToString(st.declarationList.flags & ts.NodeFlags.Let ? ts.SyntaxKind.LetKeyword : ts.SyntaxKind.VarKeyword)} declarations are not allowed`, "declare values with `const`");
      }
      if (st.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return fail("`declare` is not allowed");
      for (const decl of st.declarationList.declarations) {
        if (!ts.isIdentifier(decl.name)) {
          mod.diagnostics.push(error("unsupported-syntax", this.at(mod, decl.name), "destructuring declarations are not allowed", { hint: "declare one `const` per value" }));
        } else if (!decl.initializer) {
          mod.diagnostics.push(error("unsupported-syntax", this.at(mod, decl), `const ${decl.name.text} has no value`));
        } else {
          mod.consts.set(decl.name.text, decl);
          if (st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) mod.exported.add(decl.name.text);
        }
      }
      return;
    }
    if (ts.isExportAssignment(st)) {
      if (st.isExportEquals) return fail("`export =` is not allowed", "use `export default`");
      mod.exportDefault = st.expression;
      return;
    }
    if (ts.isTypeAliasDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isEmptyStatement(st)) return;
    fail(`${describe(st)} is not allowed here`, "a tenant or platform file holds only imports, `const` declarations and `export default`");
  }

  private importDeclaration(mod: Module, st: ts.ImportDeclaration): void {
    const specifier = (st.moduleSpecifier as ts.StringLiteral).text;
    const clause = st.importClause;
    if (clause?.isTypeOnly) return; // erased at compile time: harmless
    const at = this.at(mod, st);
    const target = this.resolveImport(mod, specifier);
    if (!target) {
      mod.diagnostics.push(
        error("forbidden-import", at, `import from "${specifier}" is not allowed`, {
          hint: "tenant files may import only from ../compiler/api and named presets from platform/",
        }),
      );
      return;
    }
    if (!clause) {
      mod.diagnostics.push(error("forbidden-import", at, `side-effect import of "${specifier}" is not allowed`));
      return;
    }
    if (clause.name || (clause.namedBindings && !ts.isNamedImports(clause.namedBindings))) {
      mod.diagnostics.push(error("forbidden-import", at, `only named imports (\`import { name } from "${specifier}"\`) are allowed`));
      return;
    }
    for (const spec of (clause.namedBindings as ts.NamedImports | undefined)?.elements ?? []) {
      if (spec.isTypeOnly) continue;
      const name = (spec.propertyName ?? spec.name).text;
      mod.imports.set(spec.name.text, target.kind === "api" ? { from: "api", name, node: spec } : { from: "preset", module: target.abs, name, node: spec });
    }
  }
}

/** Evaluation of one entry file: walks expressions into plain values and records where each came from. */
class Evaluation {
  readonly diagnostics: Diagnostic[] = [];
  readonly unreadable: ValuePath[] = [];
  private readonly active = new Set<ts.Node>();

  constructor(
    private readonly reader: StaticReader,
    private readonly entryModule: Module,
    private readonly locator: Locator,
  ) {}

  entry(expr: ts.Expression, fn: string): unknown {
    const mod = this.entryModule;
    const inner = unwrap(expr);
    if (ts.isCallExpression(inner)) {
      const callee = inner.expression;
      const imported = ts.isIdentifier(callee) ? mod.imports.get(callee.text) : undefined;
      if (!imported || imported.from !== "api" || imported.name !== fn) {
        this.fail(mod, callee, [], `the default export must be \`${fn}({ ... })\`, found a call to \`${callee.getText(mod.sf)}\``, `import { ${fn} } from "../compiler/api" and call it`);
        return undefined;
      }
      if (inner.arguments.length !== 1) {
        this.fail(mod, inner, [], `${fn}() takes exactly one object`);
        return undefined;
      }
      return this.value(mod, inner.arguments[0]!, []);
    }
    return this.value(mod, expr, []);
  }

  private fail(mod: Module, node: ts.Node, at: ValuePath, message: string, hint?: string): undefined {
    this.diagnostics.push(error("unsupported-syntax", this.reader.at(mod, node), message, hint ? { hint } : {}));
    this.unreadable.push(at);
    return undefined;
  }

  /** Turns an expression into a plain value, recording the source node of every value by its path. */
  value(mod: Module, node: ts.Expression, at: ValuePath): unknown {
    this.locator.set(at, this.reader.at(mod, node));
    if (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node)) return this.value(mod, node.expression, at);
    if (ts.isAsExpression(node)) {
      const isConst = ts.isTypeReferenceNode(node.type) && ts.isIdentifier(node.type.typeName) && node.type.typeName.text === "const";
      if (!isConst) return this.fail(mod, node, at, `type assertion \`as ${node.type.getText(mod.sf)}\` is not allowed`, "only `as const` and `satisfies` are allowed");
      return this.value(mod, node.expression, at);
    }
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
    if (ts.isNumericLiteral(node)) return Number(node.text.replace(/_/g, ""));
    if (ts.isPrefixUnaryExpression(node) && ts.isNumericLiteral(node.operand)) {
      const n = Number(node.operand.text.replace(/_/g, ""));
      if (node.operator === ts.SyntaxKind.MinusToken) return -n;
      if (node.operator === ts.SyntaxKind.PlusToken) return n;
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
    if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
    if (node.kind === ts.SyntaxKind.NullKeyword) return null;
    if (ts.isObjectLiteralExpression(node)) return this.object(mod, node, at);
    if (ts.isArrayLiteralExpression(node)) return this.array(mod, node, at);
    if (ts.isIdentifier(node)) return this.reference(mod, node, at);
    if (ts.isTemplateExpression(node)) {
      return this.fail(mod, node, at, "template literal with substitutions (`${...}`) is not allowed", "write the whole string out");
    }
    if (ts.isCallExpression(node)) {
      return this.fail(mod, node, at, `function call \`${snippet(mod, node.expression)}(...)\` is not allowed`, "write the value as a literal");
    }
    return this.fail(mod, node, at, `${describe(node)} \`${snippet(mod, node)}\` is not allowed`, "use literals, `as const`, `satisfies`, consts of this file, or presets imported from platform/");
  }

  private object(mod: Module, node: ts.ObjectLiteralExpression, at: ValuePath): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    const seen = new Map<string, ts.Node>();
    for (const prop of node.properties) {
      if (ts.isSpreadAssignment(prop)) {
        const spread = this.value(mod, prop.expression, at);
        if (spread === undefined) continue;
        if (typeof spread !== "object" || spread === null || Array.isArray(spread)) {
          this.fail(mod, prop, at, `spread of a value that is not an object (\`...${snippet(mod, prop.expression)}\`)`);
          continue;
        }
        this.locator.set(at, this.reader.at(mod, node)); // the spread re-recorded the object's location; restore it
        Object.assign(out, spread);
        continue;
      }
      if (ts.isShorthandPropertyAssignment(prop)) {
        const key = prop.name.text;
        this.duplicate(mod, seen, key, prop, at);
        this.locator.setKey([...at, key], this.reader.at(mod, prop.name));
        out[key] = this.value(mod, prop.name, [...at, key]);
        continue;
      }
      if (!ts.isPropertyAssignment(prop)) {
        this.fail(mod, prop, at, `${describe(prop)} is not allowed in an object`, "write `key: value`");
        continue;
      }
      const key = propertyName(prop.name);
      if (key === undefined) {
        this.fail(mod, prop.name, at, `computed key \`${snippet(mod, prop.name)}\` is not allowed`, "write the key as a plain name or string");
        continue;
      }
      this.duplicate(mod, seen, key, prop.name, at);
      this.locator.setKey([...at, key], this.reader.at(mod, prop.name));
      const v = this.value(mod, prop.initializer, [...at, key]);
      if (v !== undefined) out[key] = v;
    }
    return out;
  }

  private duplicate(mod: Module, seen: Map<string, ts.Node>, key: string, node: ts.Node, at: ValuePath): void {
    if (seen.has(key)) {
      const first = this.reader.at(mod, seen.get(key)!);
      this.fail(mod, node, [...at, key], `duplicate key "${key}" (first set at line ${first.line})`, "keep one of them");
    }
    seen.set(key, node);
  }

  private array(mod: Module, node: ts.ArrayLiteralExpression, at: ValuePath): unknown[] {
    const out: unknown[] = [];
    this.pushElements(mod, node, at, out);
    return out;
  }

  private pushElements(mod: Module, node: ts.ArrayLiteralExpression, at: ValuePath, out: unknown[]): void {
    for (const el of node.elements) {
      if (ts.isSpreadElement(el)) {
        // Spread elements are walked in their own file so each keeps its own location and index.
        const target = this.resolve(mod, el.expression);
        if (!target || !ts.isArrayLiteralExpression(target.node) || this.active.has(target.node)) {
          this.fail(mod, el, at, `spread of an unknown value (\`...${snippet(mod, el.expression)}\`)`, "spread only arrays declared with `const` here or exported from platform/");
          continue;
        }
        this.active.add(target.node);
        this.pushElements(target.mod, target.node, at, out);
        this.active.delete(target.node);
        continue;
      }
      if (ts.isOmittedExpression(el)) {
        this.fail(mod, node, at, "array with an empty slot (`[a, , b]`) is not allowed");
        continue;
      }
      out.push(this.value(mod, el, [...at, out.length]));
    }
  }

  /** Follows a name through consts and preset imports to the expression it stands for. */
  private resolve(mod: Module, expr: ts.Expression, depth = 0): { mod: Module; node: ts.Expression } | null {
    let node = expr;
    while (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isAsExpression(node)) node = node.expression;
    if (!ts.isIdentifier(node) || depth > 20) return { mod, node };
    const decl = mod.consts.get(node.text);
    if (decl) return this.resolve(mod, decl.initializer!, depth + 1);
    const imported = mod.imports.get(node.text);
    if (imported?.from !== "preset") return null;
    const target = this.reader.load(imported.module!);
    const exported = target?.consts.get(imported.name);
    return target && exported ? this.resolve(target, exported.initializer!, depth + 1) : null;
  }

  private reference(mod: Module, id: ts.Identifier, at: ValuePath): unknown {
    const name = id.text;
    if (name === "undefined") return this.fail(mod, id, at, "`undefined` is not allowed", "leave the property out instead");
    const decl = mod.consts.get(name);
    if (decl) {
      if (this.active.has(decl)) return this.fail(mod, id, at, `const ${name} refers to itself`);
      this.active.add(decl);
      try {
        return this.value(mod, decl.initializer!, at);
      } finally {
        this.active.delete(decl);
      }
    }
    const imported = mod.imports.get(name);
    if (imported?.from === "preset") {
      const target = this.reader.load(imported.module!);
      if (!target) return this.fail(mod, imported.node, at, `cannot read ${this.reader.rel(imported.module!)} (imported as ${name})`, "check the import path");
      // syntax and statement errors of the preset file are reported once per reading tenant; dedup happens on output
      this.diagnostics.push(...target.diagnostics);
      const exported = target.consts.get(imported.name);
      const isExported = exported && target.exported.has(imported.name);
      if (!exported || !isExported) {
        return this.fail(mod, imported.node, at, `${this.reader.rel(imported.module!)} has no exported const named "${imported.name}"`, "export it with `export const`");
      }
      if (this.active.has(exported)) return this.fail(mod, id, at, `preset ${name} refers to itself`);
      this.active.add(exported);
      try {
        return this.value(target, exported.initializer!, at);
      } finally {
        this.active.delete(exported);
      }
    }
    if (imported?.from === "api" && API_FUNCTIONS.has(imported.name)) {
      return this.fail(mod, id, at, `${name} can only be called once, as the default export`);
    }
    return this.fail(mod, id, at, `unknown name \`${name}\``, "declare it with `const` in this file or import a preset from platform/");
  }
}

function unwrap(node: ts.Expression): ts.Expression {
  while (ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node)) node = node.expression;
  return node;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isNumericLiteral(name)) return String(Number(name.text));
  return undefined;
}

function snippet(mod: Module, node: ts.Node): string {
  const text = node.getText(mod.sf).replace(/\s+/g, " ");
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

const KIND_NAMES: Partial<Record<ts.SyntaxKind, string>> = {
  [ts.SyntaxKind.PropertyAccessExpression]: "property access",
  [ts.SyntaxKind.ElementAccessExpression]: "element access",
  [ts.SyntaxKind.BinaryExpression]: "expression",
  [ts.SyntaxKind.ConditionalExpression]: "conditional expression",
  [ts.SyntaxKind.ArrowFunction]: "function",
  [ts.SyntaxKind.FunctionExpression]: "function",
  [ts.SyntaxKind.FunctionDeclaration]: "function declaration",
  [ts.SyntaxKind.ClassDeclaration]: "class declaration",
  [ts.SyntaxKind.NewExpression]: "`new` expression",
  [ts.SyntaxKind.TaggedTemplateExpression]: "tagged template",
  [ts.SyntaxKind.AwaitExpression]: "`await` expression",
  [ts.SyntaxKind.TypeOfExpression]: "`typeof` expression",
  [ts.SyntaxKind.PrefixUnaryExpression]: "unary expression",
  [ts.SyntaxKind.PostfixUnaryExpression]: "unary expression",
  [ts.SyntaxKind.NonNullExpression]: "non-null assertion",
  [ts.SyntaxKind.TypeAssertionExpression]: "type assertion",
  [ts.SyntaxKind.RegularExpressionLiteral]: "regular expression",
  [ts.SyntaxKind.BigIntLiteral]: "bigint literal",
  [ts.SyntaxKind.MethodDeclaration]: "method",
  [ts.SyntaxKind.GetAccessor]: "getter",
  [ts.SyntaxKind.SetAccessor]: "setter",
  [ts.SyntaxKind.ExpressionStatement]: "a statement",
  [ts.SyntaxKind.IfStatement]: "an `if` statement",
  [ts.SyntaxKind.ExportDeclaration]: "an `export { ... }` declaration",
  [ts.SyntaxKind.ImportEqualsDeclaration]: "an `import = require()` declaration",
  [ts.SyntaxKind.ModuleDeclaration]: "a namespace declaration",
  [ts.SyntaxKind.EnumDeclaration]: "an enum",
  [ts.SyntaxKind.ThisKeyword]: "`this`",
};

function describe(node: ts.Node): string {
  return KIND_NAMES[node.kind] ?? ts.SyntaxKind[node.kind].replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

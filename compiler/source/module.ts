// One tenant, platform or preset file parsed into its declarations (imports, consts, the default export),
// under TypeScript's own rules for them: a name is declared once, a module has one default export.
import { loadTypeScript, ts } from "./typescript";
import { error, type Diagnostic, type Location } from "../diagnostics";
import { MAX_DEPTH, MAX_FILE_BYTES } from "./limits";
import { tooDeepAt } from "./nesting";
import { describe } from "./syntax-names";

export interface Import {
  from: "api" | "preset";
  /** Absolute path of the preset file. */
  module?: string;
  /** The exported name. */
  name: string;
  node: ts.Node;
}

export interface Module {
  file: string; // relative to root, for messages
  sf: ts.SourceFile;
  consts: Map<string, ts.VariableDeclaration>;
  /** Names of the consts declared with `export`. */
  exported: Set<string>;
  /** Local name → where it comes from (value imports only: type-only ones are erased). */
  imports: Map<string, Import>;
  exportDefault?: ts.Expression;
  /** True when the file cannot be read as a whole (syntax error, limit exceeded): its structure means nothing. */
  broken: boolean;
  diagnostics: Diagnostic[];
}

export type ImportTarget = { kind: "api" } | { kind: "preset"; abs: string } | null;

/** Where `node` starts in its file, 1-based. */
export function at(mod: Module, node: ts.Node): Location {
  const pos = node.kind === ts.SyntaxKind.SourceFile ? 0 : node.getStart(mod.sf);
  return position(mod, pos);
}

function position(mod: Module, pos: number): Location {
  const lc = mod.sf.getLineAndCharacterOfPosition(pos);
  return { file: mod.file, line: lc.line + 1, col: lc.character + 1 };
}

/** Parses `text`; `resolve` says what an import specifier written in this file refers to. */
export function parseModule(file: string, absPath: string, text: string, resolve: (specifier: string) => ImportTarget): Module {
  loadTypeScript();
  if (Buffer.byteLength(text, "utf8") > MAX_FILE_BYTES) return brokenModule(file, absPath, "too-large", 0, `the file is larger than ${MAX_FILE_BYTES / 1024} KiB`, "split it, or move shared values into presets");
  const deep = tooDeepAt(text);
  if (deep !== undefined) return brokenModule(file, absPath, "too-deep", deep, `brackets nest deeper than ${MAX_DEPTH} levels`, "flatten the value: no real setting nests this deep", text);
  let sf: ts.SourceFile;
  try {
    // no parent pointers: the reader walks down from the statements, and positions take the file explicitly
    sf = ts.createSourceFile(absPath, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  } catch (e) {
    // the parser recurses on what the bracket scan does not count (`A<A<A<...>>>`, long operator chains)
    if (!(e instanceof RangeError)) throw e;
    return brokenModule(file, absPath, "too-deep", 0, "the file nests too deeply for the TypeScript parser", "flatten the nested types or expressions");
  }
  const mod: Module = { file, sf, consts: new Map(), exported: new Set(), imports: new Map(), broken: false, diagnostics: [] };
  // parseDiagnostics is internal to the TypeScript API but stable for years; it is the only way to
  // get syntax errors without a full (slow) type-check program.
  const syntax = (sf as unknown as { parseDiagnostics?: ts.DiagnosticWithLocation[] }).parseDiagnostics ?? [];
  for (const d of syntax) {
    mod.diagnostics.push(error("syntax", position(mod, d.start), ts.flattenDiagnosticMessageText(d.messageText, "\n"), { hint: "fix the TypeScript syntax" }));
  }
  if (syntax.length > 0) {
    mod.broken = true;
    return mod;
  }
  new Declarations(mod, resolve).statements();
  return mod;
}

function brokenModule(file: string, absPath: string, code: string, pos: number, message: string, hint: string, text = ""): Module {
  // only the text before the problem is parsed: enough to turn the position into a line and column
  const sf = ts.createSourceFile(absPath, text.slice(0, pos), ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
  const mod: Module = { file, sf, consts: new Map(), exported: new Set(), imports: new Map(), broken: true, diagnostics: [] };
  mod.diagnostics.push(error(code, position(mod, pos), message, { hint }));
  return mod;
}

/** The top-level statements of one module, with every name bound at most once in the value space. */
class Declarations {
  /** Every value binding (consts and value imports) and every import binding, by name, as TypeScript binds them. */
  private readonly values = new Map<string, { node: ts.Node; what: string }>();
  private readonly importNames = new Map<string, ts.Node>();
  private defaultExport?: ts.Node;

  constructor(
    private readonly mod: Module,
    private readonly resolve: (specifier: string) => ImportTarget,
  ) {}

  statements(): void {
    for (const st of this.mod.sf.statements) this.statement(st);
  }

  private push(code: string, node: ts.Node, message: string, hint?: string): void {
    this.mod.diagnostics.push(error(code, at(this.mod, node), message, hint ? { hint } : {}));
  }

  private statement(st: ts.Statement): void {
    const fail = (message: string, hint?: string) => this.push("unsupported-syntax", st, message, hint);
    if (ts.isImportDeclaration(st)) return this.importDeclaration(st);
    if (ts.isVariableStatement(st)) {
      if (!(st.declarationList.flags & ts.NodeFlags.Const)) {
        return fail(`${ts.tokenToString(st.declarationList.flags & ts.NodeFlags.Let ? ts.SyntaxKind.LetKeyword : ts.SyntaxKind.VarKeyword)} declarations are not allowed`, "declare values with `const`");
      }
      if (st.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) return fail("`declare` is not allowed");
      const exported = st.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword) ?? false;
      for (const decl of st.declarationList.declarations) this.constDeclaration(decl, exported);
      return;
    }
    if (ts.isExportAssignment(st)) {
      if (st.isExportEquals) return fail("`export =` is not allowed", "use `export default`");
      if (this.defaultExport) {
        const first = at(this.mod, this.defaultExport).line;
        return this.push("duplicate-default-export", st, `a second \`export default\` (the first is at line ${first}): TypeScript refuses a module with two`, "keep one `export default`");
      }
      this.defaultExport = st;
      this.mod.exportDefault = st.expression;
      return;
    }
    if (ts.isTypeAliasDeclaration(st) || ts.isInterfaceDeclaration(st) || ts.isEmptyStatement(st)) return;
    fail(`${describe(st)} is not allowed here`, "a tenant or platform file holds only imports, `const` declarations and `export default`");
  }

  private constDeclaration(decl: ts.VariableDeclaration, exported: boolean): void {
    if (!ts.isIdentifier(decl.name)) return this.push("unsupported-syntax", decl.name, "destructuring declarations are not allowed", "declare one `const` per value");
    if (!decl.initializer) return this.push("unsupported-syntax", decl, `const ${decl.name.text} has no value`);
    const name = decl.name.text;
    if (!this.bind(name, decl.name, "a const")) return;
    this.mod.consts.set(name, decl);
    if (exported) this.mod.exported.add(name);
  }

  /** Records a value binding; a name bound twice is TypeScript's "Cannot redeclare" error. */
  private bind(name: string, node: ts.Node, what: string): boolean {
    const first = this.values.get(name);
    if (first) {
      const line = at(this.mod, first.node).line;
      this.push("duplicate-declaration", node, `"${name}" is already declared as ${first.what} at line ${line}; TypeScript refuses a second declaration`, "rename one of them, or remove one");
      return false;
    }
    this.values.set(name, { node, what });
    return true;
  }

  private importDeclaration(st: ts.ImportDeclaration): void {
    const specifier = (st.moduleSpecifier as ts.StringLiteral).text;
    const clause = st.importClause;
    if (clause?.isTypeOnly) {
      this.importNamesOf(clause); // erased at compile time: harmless, but still bound once
      return;
    }
    const target = this.resolve(specifier);
    if (!target) return this.push("forbidden-import", st, `import from "${specifier}" is not allowed`, "tenant files may import only from ../compiler/api and named presets from platform/");
    if (!clause) return this.push("forbidden-import", st, `side-effect import of "${specifier}" is not allowed`);
    if (clause.name || (clause.namedBindings && !ts.isNamedImports(clause.namedBindings))) {
      return this.push("forbidden-import", st, `only named imports (\`import { name } from "${specifier}"\`) are allowed`);
    }
    const repeated = this.importNamesOf(clause);
    for (const spec of (clause.namedBindings as ts.NamedImports | undefined)?.elements ?? []) {
      if (spec.isTypeOnly || repeated.has(spec.name)) continue;
      const local = spec.name.text;
      if (!this.bind(local, spec, `an import`)) continue;
      const name = (spec.propertyName ?? spec.name).text;
      this.mod.imports.set(local, target.kind === "api" ? { from: "api", name, node: spec } : { from: "preset", module: target.abs, name, node: spec });
    }
  }

  /** Every local name an import binds (type-only ones included) is unique among imports ("Duplicate identifier"). */
  private importNamesOf(clause: ts.ImportClause): Set<ts.Identifier> {
    const repeated = new Set<ts.Identifier>();
    const bindings = clause.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings.elements : [];
    const names: ts.Identifier[] = [...(clause.name ? [clause.name] : []), ...bindings.map((b) => b.name)];
    if (clause.namedBindings && ts.isNamespaceImport(clause.namedBindings)) names.push(clause.namedBindings.name);
    for (const id of names) {
      const first = this.importNames.get(id.text);
      if (!first) {
        this.importNames.set(id.text, id);
        continue;
      }
      this.push("duplicate-declaration", id, `"${id.text}" is already imported at line ${at(this.mod, first).line}`, "remove one of the imports");
      repeated.add(id);
    }
    return repeated;
  }
}

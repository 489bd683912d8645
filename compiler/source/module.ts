// One tenant, platform or preset file parsed into its declarations (imports, consts, the default export),
// under TypeScript's own rules for them: a name is declared once, a module has one default export.
import { error, type Diagnostic, type Location } from "../diagnostics";
import { MAX_FILE_BYTES } from "./limits";
import { lineAndColumn, lineStarts } from "./lines";
import { parseTypeScript, type AnyNode, type Expression, type ImportDeclaration, type Statement, type Directive, type VariableDeclaration, type VariableDeclarator } from "./parser";
import { parsePlain } from "./plain-parser";
import { scan } from "./scan";
import { describe } from "./syntax-names";

export interface Import {
  from: "api" | "preset";
  /** Absolute path of the preset file. */
  module?: string;
  /** The exported name. */
  name: string;
  node: AnyNode;
}

export interface Module {
  file: string; // relative to root, for messages
  text: string;
  /** Where each line starts (see lines.ts). */
  lines: number[];
  consts: Map<string, VariableDeclarator>;
  /** Names of the consts declared with `export`. */
  exported: Set<string>;
  /** Local name → where it comes from (value imports only: type-only ones are erased). */
  imports: Map<string, Import>;
  exportDefault?: Expression;
  /** True when the file cannot be read as a whole (syntax error, limit exceeded): its structure means nothing. */
  broken: boolean;
  diagnostics: Diagnostic[];
}

export type ImportTarget = { kind: "api" } | { kind: "preset"; abs: string } | null;

/** Where `node` starts in its file, 1-based (the file's start for `{ start: 0 }`). */
export function at(mod: Module, node: { start: number }): Location {
  const { line, col } = lineAndColumn(mod.lines, node.start);
  return { file: mod.file, line, col };
}

/** Parses `text`; `resolve` says what an import specifier written in this file refers to. */
export function parseModule(file: string, text: string, resolve: (specifier: string) => ImportTarget): Module {
  const mod: Module = { file, text, lines: lineStarts(text), consts: new Map(), exported: new Set(), imports: new Map(), broken: false, diagnostics: [] };
  const fail = (code: string, pos: number, message: string, hint: string) => {
    mod.broken = true;
    mod.diagnostics.push(error(code, at(mod, { start: pos }), message, { hint }));
    return mod;
  };
  if (Buffer.byteLength(text, "utf8") > MAX_FILE_BYTES) return fail("too-large", 0, `the file is larger than ${MAX_FILE_BYTES / 1024} KiB`, "split it, or move shared values into presets");
  // most files are plain: read without oxc, to the very tree oxc would give (plain-parser.ts)
  const plain = parsePlain(text);
  if (plain) {
    new Declarations(mod, resolve).statements(plain.body);
    return mod;
  }
  // before the parser: it must never see nesting that would overflow its stack
  const problem = scan(text);
  // a syntax error before a `/` is the first thing to fix: the text before it was scanned, so it is safe to parse
  if (problem?.code === "unsupported-syntax" && syntaxErrors(mod, parseTypeScript(file, text.slice(0, problem.pos)).errors, problem.pos)) return mod;
  if (problem) return fail(problem.code, problem.pos, problem.message, problem.hint);
  const parsed = parseTypeScript(file, text);
  if (syntaxErrors(mod, parsed.errors, text.length + 1)) return mod;
  new Declarations(mod, resolve).statements(parsed.program.body);
  return mod;
}

/** Reports the syntax errors that start before `end`; true (and the module broken) when there are any. */
function syntaxErrors(mod: Module, errors: ReturnType<typeof parseTypeScript>["errors"], end: number): boolean {
  const before = errors.filter((e) => (e.labels[0]?.start ?? 0) < end);
  for (const e of before) {
    mod.diagnostics.push(error("syntax", at(mod, { start: e.labels[0]?.start ?? 0 }), syntaxMessage(e.message), { hint: e.helpMessage ?? "fix the TypeScript syntax" }));
  }
  mod.broken ||= before.length > 0;
  return before.length > 0;
}

/** oxc's messages that TypeScript words differently, in TypeScript's words: those operators know from tsc and editors. */
const TYPESCRIPT_WORDS: [RegExp, string][] = [
  [/^Expected a semicolon or an implicit semicolon after a statement, but found none$/, "';' expected."],
  [/^Invalid Character `.*`$/s, "Invalid character."],
  [/^Unterminated string$/, "Unterminated string literal."],
  [/^Unterminated template$/, "Unterminated template literal."],
];

function syntaxMessage(message: string): string {
  const expected = /^Expected (`[^`]+`(?: or `[^`]+`)*) but found `.*`$/s.exec(message);
  if (expected) return `${expected[1]!.replace(/`([^`]+)`/g, "'$1'")} expected.`;
  return TYPESCRIPT_WORDS.find(([oxc]) => oxc.test(message))?.[1] ?? message;
}

/** The top-level statements of one module, with every name bound at most once in the value space. */
class Declarations {
  /** Every value binding (consts and value imports) and every import binding, by name, as TypeScript binds them. */
  private readonly values = new Map<string, { node: AnyNode; what: string }>();
  private readonly importNames = new Map<string, AnyNode & { name: string }>();
  private defaultExport?: AnyNode;

  constructor(
    private readonly mod: Module,
    private readonly resolve: (specifier: string) => ImportTarget,
  ) {}

  statements(body: (Statement | Directive)[]): void {
    for (const st of body) this.statement(st);
  }

  private push(code: string, node: AnyNode, message: string, hint?: string): void {
    this.mod.diagnostics.push(error(code, at(this.mod, node), message, hint ? { hint } : {}));
  }

  private statement(st: Statement | Directive): void {
    const fail = (message: string, hint?: string) => this.push("unsupported-syntax", st, message, hint);
    const notHere = (node: AnyNode) => fail(`${describe(node)} is not allowed here`, "a tenant or platform file holds only imports, `const` declarations and `export default`");
    switch (st.type) {
      case "ImportDeclaration":
        return this.importDeclaration(st);
      case "VariableDeclaration":
        return this.variables(st, st, false);
      case "ExportNamedDeclaration": {
        const decl = st.declaration;
        if (decl?.type === "VariableDeclaration") return this.variables(decl, st, true);
        if (decl?.type === "TSTypeAliasDeclaration" || decl?.type === "TSInterfaceDeclaration") return;
        return notHere(decl ?? st);
      }
      case "TSExportAssignment":
        return fail("`export =` is not allowed", "use `export default`");
      case "ExportDefaultDeclaration": {
        const decl = st.declaration;
        if (decl.type === "TSInterfaceDeclaration") return; // a type, as in TypeScript
        if (decl.type === "FunctionDeclaration" || decl.type === "ClassDeclaration" || decl.type === "TSDeclareFunction") return notHere(decl);
        if (this.defaultExport) {
          const first = at(this.mod, this.defaultExport).line;
          return this.push("duplicate-default-export", st, `a second \`export default\` (the first is at line ${first}): TypeScript refuses a module with two`, "keep one `export default`");
        }
        this.defaultExport = st;
        this.mod.exportDefault = decl as Expression;
        return;
      }
      case "TSTypeAliasDeclaration":
      case "TSInterfaceDeclaration":
      case "EmptyStatement":
        return;
      default:
        return notHere(st);
    }
  }

  /** `const` declarations (`statement` is where they start, `export` included). */
  private variables(list: VariableDeclaration, statement: AnyNode, exported: boolean): void {
    const fail = (message: string, hint?: string) => this.push("unsupported-syntax", statement, message, hint);
    if (list.kind !== "const") return fail(`${list.kind} declarations are not allowed`, "declare values with `const`");
    if (list.declare) return fail("`declare` is not allowed");
    for (const decl of list.declarations) this.constDeclaration(decl, exported);
  }

  private constDeclaration(decl: VariableDeclarator, exported: boolean): void {
    if (decl.id.type !== "Identifier") return this.push("unsupported-syntax", decl.id, "destructuring declarations are not allowed", "declare one `const` per value");
    if (!decl.init) return this.push("unsupported-syntax", decl, `const ${decl.id.name} has no value`);
    const name = decl.id.name;
    if (!this.bind(name, decl.id, "a const")) return;
    this.mod.consts.set(name, decl);
    if (exported) this.mod.exported.add(name);
  }

  /** Records a value binding; a name bound twice is TypeScript's "Cannot redeclare" error. */
  private bind(name: string, node: AnyNode, what: string): boolean {
    const first = this.values.get(name);
    if (first) {
      const line = at(this.mod, first.node).line;
      this.push("duplicate-declaration", node, `"${name}" is already declared as ${first.what} at line ${line}; TypeScript refuses a second declaration`, "rename one of them, or remove one");
      return false;
    }
    this.values.set(name, { node, what });
    return true;
  }

  private importDeclaration(st: ImportDeclaration): void {
    const specifier = st.source.value;
    if (st.importKind === "type") {
      this.importNamesOf(st); // erased at compile time: harmless, but still bound once
      return;
    }
    const target = this.resolve(specifier);
    if (!target) return this.push("forbidden-import", st, `import from "${specifier}" is not allowed`, "tenant files may import only from ../compiler/api and named presets from platform/");
    // `import {} from "x"` imports nothing; `import "x"` runs the file for its side effects
    if (st.specifiers.length === 0 && !this.mod.text.slice(st.start, st.source.start).includes("{")) return this.push("forbidden-import", st, `side-effect import of "${specifier}" is not allowed`);
    if (st.specifiers.some((s) => s.type !== "ImportSpecifier")) {
      return this.push("forbidden-import", st, `only named imports (\`import { name } from "${specifier}"\`) are allowed`);
    }
    const repeated = this.importNamesOf(st);
    for (const spec of st.specifiers) {
      if (spec.type !== "ImportSpecifier" || spec.importKind === "type" || repeated.has(spec.local)) continue;
      const local = spec.local.name;
      if (!this.bind(local, spec, `an import`)) continue;
      const name = spec.imported.type === "Identifier" ? spec.imported.name : spec.imported.value;
      this.mod.imports.set(local, target.kind === "api" ? { from: "api", name, node: spec } : { from: "preset", module: target.abs, name, node: spec });
    }
  }

  /** Every local name an import binds (type-only ones included) is unique among imports ("Duplicate identifier"). */
  private importNamesOf(st: ImportDeclaration): Set<AnyNode> {
    const repeated = new Set<AnyNode>();
    for (const { local: id } of st.specifiers) {
      const first = this.importNames.get(id.name);
      if (!first) {
        this.importNames.set(id.name, id);
        continue;
      }
      this.push("duplicate-declaration", id, `"${id.name}" is already imported at line ${at(this.mod, first).line}`, "remove one of the imports");
      repeated.add(id);
    }
    return repeated;
  }
}

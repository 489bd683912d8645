// Property tests: on random tenant-like files the static reader gives the value that TypeScript's own
// meaning gives (the file transpiled by TypeScript and run in an empty node:vm context), or a located
// error; it never throws. Only tests run code: the compiler never does.
import fs from "node:fs";
import path from "node:path";
import vm from "node:vm";
import fc from "fast-check";
import { ts } from "ts-morph";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { StaticReader } from "../../compiler/source/static-reader";
import { REPO_ROOT, tempDir } from "../helpers/fleet";
import { applyEdits } from "../helpers/edits";

const file = path.join(REPO_ROOT, "tenants", "fuzz.ts");
const reader = new StaticReader({ root: REPO_ROOT, apiModule: path.join(REPO_ROOT, "compiler", "api"), presetDir: path.join(REPO_ROOT, "platform") });
const HEADER = `import { defineTenant } from "../compiler/api";\n`;

/** What JavaScript makes of the file: transpiled as TypeScript does, run with no globals but the language's own. */
function evaluateInSandbox(text: string, preset?: string): { value: unknown } | { threw: string } {
  const load = (source: string, require: (id: string) => unknown): Record<string, unknown> => {
    const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } }).outputText;
    const module = { exports: {} as Record<string, unknown> };
    vm.runInNewContext(js, { module, exports: module.exports, require }, { timeout: 1000 });
    return module.exports;
  };
  const require = (id: string) => {
    if (id === "../compiler/api") return { defineTenant: (t: unknown) => t };
    if (id === "../platform/p" && preset !== undefined) return load(preset, require);
    throw new Error(`no module ${id}`);
  };
  try {
    return { value: load(text, require).default };
  } catch (e) {
    return { threw: String(e) };
  }
}

/**
 * TypeScript's own errors for the file, from its checker (a program of the file and a stub api, no lib): only the
 * codes of rules about declarations and keys, which must make the reader refuse the file as well.
 */
const TYPESCRIPT_RULES = new Set([1117, 2300, 2305, 2440, 2448, 2451, 2459, 2528, 2783]);
function typescriptRefuses(text: string, preset?: string): number[] {
  const files = new Map([
    ["/t/tenants/fuzz.ts", text],
    ["/t/compiler/api.ts", "export function defineTenant(t: unknown): unknown { return t; }\n"],
    ...(preset !== undefined ? [["/t/platform/p.ts", preset] as [string, string]] : []),
  ]);
  const options: ts.CompilerOptions = { noLib: true, types: [], strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler };
  const host = ts.createCompilerHost(options);
  host.getSourceFile = (name, target) => (files.has(name) ? ts.createSourceFile(name, files.get(name)!, target, true) : undefined);
  host.fileExists = (name) => files.has(name);
  host.readFile = (name) => files.get(name);
  host.getCurrentDirectory = () => "/t";
  host.directoryExists = (dir) => [...files.keys()].some((f) => f.startsWith(`${dir}/`));
  host.realpath = (p) => p;
  const program = ts.createProgram(["/t/tenants/fuzz.ts"], options, host);
  const all = program.getSourceFiles().flatMap((sf) => [...program.getSyntacticDiagnostics(sf), ...program.getSemanticDiagnostics(sf)]);
  if (all.some((d) => d.code === 2307)) throw new Error("the oracle cannot resolve the api stub");
  return all.map((d) => d.code).filter((c) => TYPESCRIPT_RULES.has(c));
}

/** A value as text, key order and -0 included, the same for objects of any realm. */
function canonical(v: unknown): string {
  if (typeof v === "number") return Object.is(v, -0) ? "-0" : String(v);
  if (typeof v === "string") return JSON.stringify(v);
  if (v === null || typeof v === "boolean") return String(v);
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (typeof v === "object") {
    if (Object.getPrototypeOf(Object.getPrototypeOf(v) ?? {}) !== null) return `<not a plain object>`;
    return `{${Object.keys(v!).map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(",")}}`;
  }
  return `<${typeof v}>`;
}

// ---- random files: a few consts, then the default export; each piece is printed in one of TypeScript's spellings

/** A string literal in one of its spellings, with any code points (lone surrogates and controls included). */
const stringLiteral = fc.oneof(
  fc.string({ unit: "binary", maxLength: 8 }).map((s) => JSON.stringify(s)),
  fc.string({ unit: "grapheme", maxLength: 6 }).map((s) => `'${[...s].map((c) => (c === "'" || c === "\\" || c === "\n" || c === "\r" || c === "\u2028" || c === "\u2029" ? `\\u{${c.codePointAt(0)!.toString(16)}}` : c)).join("")}'`),
  fc.string({ unit: "binary-ascii", maxLength: 6 }).map((s) => `\`${[...s].map((c) => (/[A-Za-z0-9 ]/.test(c) ? c : `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`)).join("")}\``),
  fc.constantFrom(`"\\u005f_proto__"`, `"caf\\u00e9"`, `"\\u{1F600}"`, `"a\\0b"`, `"\\01"`, `"\\8"`, `"\\x4"`, `"\\u{110000}"`, `"line\\
continued"`),
);

const withSeparators = (digits: string) => digits.replace(/\B(?=(\d{3})+$)/g, "_");
const numberLiteral = fc.oneof(
  fc.nat().chain((n) =>
    fc.constantFrom(String(n), withSeparators(String(n)), `0x${n.toString(16)}`, `0X${n.toString(16).toUpperCase()}`, `0o${n.toString(8)}`, `0b${n.toString(2)}`, `${n}e0`, `${n}.`),
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => (Object.is(d, -0) ? "-0" : String(d))),
  fc.constantFrom("1e400", ".5", "-.25e-3", "0.1", "010", "08", "1_000_000.000_1"),
  fc.integer({ min: -1000, max: 1000 }).map((n) => (n < 0 ? `- ${-n}` : `+${n}`)),
);

const keyName = fc.oneof(
  fc.constantFrom("a", "b", "id", "lms", "$x", "_", "ünï", "__proto__", "constructor", "toString", "valueOf", "prototype"),
  fc.constantFrom(`"a"`, `"a-b"`, `""`, `"\\u0061"`, `'b'`, "`c`"),
  fc.constantFrom("0", "1", "1.0", "1e3", "0x10", "1_0", `"1"`, `"01"`, `["a"]`, `[1]`, `[\`b\`]`),
  stringLiteral,
);

const wrap = (expr: string, how: number) =>
  [expr, `(${expr})`, `${expr} as const`, `(${expr} as unknown as number)`, `${expr} satisfies unknown`, `<any>(${expr})`, `(${expr})!`][how % 7]!;

/** An expression, given the names of the consts declared before it (and one declared after). */
const expression = (earlier: string[], later: string[]) =>
  fc.letrec<{ expr: string }>((tie) => ({
    expr: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      stringLiteral,
      numberLiteral,
      fc.constantFrom("true", "false", "null"),
      ...(earlier.length > 0 || later.length > 0 ? [fc.constantFrom(...earlier, ...later)] : []),
      fc.array(fc.oneof(tie("expr"), ...(earlier.length > 0 ? [fc.constantFrom(...earlier).map((c) => `...${c}`)] : [])), { maxLength: 4 }).map((items) => `[${items.join(", ")}]`),
      fc
        .array(fc.oneof({ weight: 4, arbitrary: fc.tuple(keyName, tie("expr")).map(([k, v]) => `${k}: ${v}`) }, ...(earlier.length > 0 ? [fc.constantFrom(...earlier).map((c) => `...${c}`)] : [])), { maxLength: 5 })
        .map((props) => `{ ${props.join(", ")} }`),
      fc.tuple(tie("expr"), fc.nat(6)).map(([e, how]) => wrap(e, how)),
    ),
  })).expr;

/** A file of up to four consts (each may name any const, before or after it) and a default export. */
const tenantFile = fc.integer({ min: 0, max: 4 }).chain((n) => {
  const names = Array.from({ length: n }, (_, i) => `c${i}`);
  const consts = names.map((name, i) => expression(names.slice(0, i), names.slice(i + 1, i + 2)).map((e) => `const ${name} = ${e};`));
  return fc.tuple(fc.tuple(...consts), expression(names, [])).map(([decls, body]) => `${HEADER}${decls.join("\n")}${decls.length ? "\n" : ""}export default defineTenant(${body});\n`);
});

// a preset file, when a case has one, is written here and read by a new reader (readers keep presets they read)
const presetRoot = tempDir("reader-agrees-");
fs.mkdirSync(path.join(presetRoot, "platform"));

function agrees(text: string, preset?: string): void {
  const root = preset === undefined ? REPO_ROOT : presetRoot;
  if (preset !== undefined) fs.writeFileSync(path.join(root, "platform", "p.ts"), preset);
  const fresh = preset === undefined ? reader : new StaticReader({ root, apiModule: path.join(root, "compiler", "api"), presetDir: path.join(root, "platform") });
  const shown = preset === undefined ? text : `${text}--- platform/p.ts\n${preset}`;
  let read: ReturnType<StaticReader["read"]>;
  try {
    read = fresh.read(path.join(root, "tenants", "fuzz.ts"), "defineTenant", text);
  } catch (e) {
    throw new Error(`the reader threw ${String(e)} on:\n${shown}`);
  }
  const errors = read.diagnostics.filter((d) => d.severity === "error");
  const lines = new Map([["tenants/fuzz.ts", text.split("\n").length], ["platform/p.ts", preset?.split("\n").length ?? 0]]);
  for (const d of errors) {
    assert.ok(d.line >= 1 && d.line <= (lines.get(d.file) ?? 0) && d.col >= 1 && d.code && d.message, `a located error: ${JSON.stringify(d)}\n${shown}`);
  }
  if (errors.length > 0) return; // the reader may refuse more than TypeScript does, never less
  assert.equal(typescriptRefuses(text, preset), [], `the reader accepted a file TypeScript's checker refuses:\n${shown}`);
  const js = evaluateInSandbox(text, preset);
  assert.ok("value" in js, `the reader accepted a file JavaScript refuses (${"threw" in js ? js.threw : ""}):\n${shown}`);
  assert.is(canonical(read.value), canonical((js as { value: unknown }).value), shown);
  const syntax = [text, preset ?? ""].flatMap((t) => ts.transpileModule(t, { reportDiagnostics: true, compilerOptions: {} }).diagnostics ?? []);
  assert.equal(syntax.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n")), [], `the reader accepted a file TypeScript cannot parse:\n${shown}`);
}

/**
 * A preset file of exported (and some unexported) consts, and a tenant importing some of its names (one it
 * does not export, sometimes under another name), with consts of its own (one may shadow an import).
 */
const withPreset = fc.integer({ min: 1, max: 3 }).chain((m) => {
  const names = Array.from({ length: m }, (_, i) => `p${i}`);
  const presetConsts = names.map((name, i) =>
    // mostly exported, mostly declared before use: cases TypeScript accepts must be frequent enough to compare values
    fc.tuple(fc.nat(5), fc.nat(4).chain((k) => expression(names.slice(0, i), k === 0 ? names.slice(i + 1, i + 2) : []))).map(([n, e]) => `${n > 0 || i === 0 ? "export " : ""}const ${name} = ${e};`),
  );
  const imports = fc.tuple(fc.subarray(names, { minLength: 1 }), fc.nat(5)).map(([picked, n]) => (n === 0 ? [...picked, "px"] : picked)).chain((picked) =>
    fc.tuple(...picked.map((n) => fc.boolean().map((alias) => (alias ? `${n} as q${n.slice(1)}` : n)))),
  );
  return fc.tuple(fc.tuple(...presetConsts), imports, fc.integer({ min: 0, max: 2 }), fc.boolean()).chain(([preset, specs, n, shadow]) => {
    const imported = specs.map((s) => s.split(" as ").pop()!);
    const locals = Array.from({ length: n }, (_, i) => (shadow && i === 0 ? imported[0]! : `c${i}`));
    const consts = locals.map((name, i) => expression([...imported, ...locals.slice(0, i)], []).map((e) => `const ${name} = ${e};`));
    return fc.tuple(fc.tuple(...consts), expression([...imported, ...locals], [])).map(([decls, body]) => [
      `${HEADER}import { ${specs.join(", ")} } from "../platform/p";\n${decls.map((d) => `${d}\n`).join("")}export default defineTenant(${body});\n`,
      `${preset.join("\n")}\n`,
    ] as const);
  });
});

test("on random files the reader gives TypeScript's value or a located error, and never throws", () => {
  fc.assert(fc.property(tenantFile, (text) => agrees(text)), { numRuns: 250, seed: 20261205 });
});

test("on the same kind of files with a fresh seed each run", () => {
  fc.assert(fc.property(tenantFile, (text) => agrees(text)), { numRuns: 100 });
});

test("with a preset file imported, the reader gives TypeScript's value or a located error, and never throws", () => {
  fc.assert(fc.property(withPreset, ([text, preset]) => agrees(text, preset)), { numRuns: 250, seed: 5122026 });
});

test("what TypeScript refuses by its own rules, the reader refuses too", () => {
  // each of these runs in JavaScript (or runs with another meaning), and tsc refuses it
  for (const body of [
    `const a = 1;\nconst a = 2;\nexport default defineTenant({ a });`,
    `export default defineTenant({ a: 1, a: 2 });`,
    `export default defineTenant({ 1: 1, "1": 2 });`,
    `const b = { a: 1 };\nexport default defineTenant({ a: 2, ...b });`,
    `export default defineTenant({ a: 1 });\nexport default defineTenant({ a: 2 });`,
    `import { defineTenant as d } from "../compiler/api";\nconst d = 1;\nexport default defineTenant({ d });`,
    `export default defineTenant({ a: b });\nconst b = 1;`,
    `const b = { c: 1 };\nexport default defineTenant({ a: 1, ...b, a: 2 });`,
  ]) {
    const r = reader.read(file, "defineTenant", HEADER + body);
    assert.ok(r.diagnostics.some((d) => d.severity === "error"), body);
    assert.ok(typescriptRefuses(HEADER + body).length > 0, `the checker oracle refuses it too: ${body}`);
  }
});

test("on valid tenant files mutated at random, the reader never throws and locates every error", () => {
  const valid = `${HEADER}const plugins = ["mfe", "indigo"] as const;
export default defineTenant({
  id: "fuzz",
  release: "ulmo",
  hosts: { lms: "fuzz.example.org", extra: ["a.fuzz.example.org"] },
  platformName: "Fuzz \\u00e9",
  size: { preset: "small", lms: { replicas: { max: 3 } } },
  plugins: [...plugins],
  tutor: { SMTP_PORT: 587 },
});
`;
  const edit = fc.tuple(fc.nat(valid.length), fc.nat(6), fc.oneof(fc.constantFrom("{", "}", "[", "]", "(", ")", ",", ":", "...", "`", "${", '"', "\\", "__proto__", "as", "!", "0x", "_", "\n", "//", "/*"), fc.string({ unit: "binary", maxLength: 3 })));
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      const text = applyEdits(valid, edits);
      agrees(text);
    }),
    { numRuns: 200, seed: 1205 },
  );
});

test.run();

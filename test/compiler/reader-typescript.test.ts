// The static reader means what TypeScript means: what TypeScript refuses (two default exports, a name
// declared twice, duplicate keys, use before declaration) is a located error, prototype keys never reach an
// object's prototype, and size and depth have limits reported at their line instead of a stack overflow.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { StaticReader } from "../../compiler/source/static-reader";
import { MAX_CHAIN, MAX_DEPTH, MAX_FILE_BYTES, MAX_NEST, MAX_TEXT, MAX_VALUES } from "../../compiler/source/limits";
import { REPO_ROOT, tempDir } from "../helpers/fleet";

const root = REPO_ROOT;
const reader = () => new StaticReader({ root, apiModule: path.join(root, "compiler", "api"), presetDir: path.join(root, "platform") });
const file = path.join(root, "tenants", "t.ts");
const HEADER = `import { defineTenant } from "../compiler/api";\n`;
const read = (body: string) => reader().read(file, "defineTenant", HEADER + body);
const where = (r: ReturnType<typeof read>) => r.diagnostics.map((d) => `${d.line}:${d.col} ${d.code} ${d.message}`);

function expectError(body: string, code: string, lineCol: string, words: string) {
  const r = read(body);
  const found = r.diagnostics.find((d) => d.code === code && `${d.line}:${d.col}` === lineCol && d.message.includes(words));
  assert.ok(found, `expected ${code}@${lineCol} "${words}", got ${JSON.stringify(where(r))}`);
  assert.is(found!.severity, "error");
  assert.ok(found!.hint, "says how to fix it");
  return r;
}

// [what, source after the header line, code, line:col, words of the message]
const refused: [string, string, string, string, string][] = [
  ["two default exports", `export default defineTenant({ a: 1 });\nexport default defineTenant({ a: 2 });`, "duplicate-default-export", "3:1", "first is at line 2"],
  ["a const declared twice", `const a = 1;\nconst a = 2;\nexport default defineTenant({ a });`, "duplicate-declaration", "3:7", `"a" is already declared as a const at line 2`],
  ["two consts in one statement", `const a = 1, a = 2;\nexport default defineTenant({ a });`, "duplicate-declaration", "2:14", `"a" is already declared`],
  ["a const shadowing an import", `import { standardPlugins } from "../platform/presets";\nconst standardPlugins = ["x"];\nexport default defineTenant({ plugins: standardPlugins });`, "duplicate-declaration", "3:7", "already declared as an import at line 2"],
  ["a const shadowing defineTenant", `const defineTenant = 1;\nexport default defineTenant({});`, "duplicate-declaration", "2:7", `"defineTenant" is already declared as an import`],
  ["one name imported twice", `import { standardPlugins } from "../platform/presets";\nimport { universityTutor as standardPlugins } from "../platform/presets";\nexport default defineTenant({});`, "duplicate-declaration", "3:29", "already imported at line 2"],
  ["use before declaration", `export default defineTenant({ a: b });\nconst b = 1;`, "used-before-declaration", "2:34", "const b is used before its declaration at line 3"],
  ["a duplicate key", `export default defineTenant({ a: 1, a: 2 });`, "duplicate-key", "2:37", `duplicate key "a"`],
  ["a duplicate key, quoted and escaped", `export default defineTenant({ ab: 1, "\\u0061b": 2 });`, "duplicate-key", "2:38", `duplicate key "ab"`],
  ["a duplicate numeric key", `export default defineTenant({ 1: 1, 1.0: 2 });`, "duplicate-key", "2:37", `duplicate key "1"`],
  ["a duplicate computed key", `export default defineTenant({ a: 1, ["a"]: 2 });`, "duplicate-key", "2:37", `duplicate key "a"`],
  ["a duplicate shorthand key", `const a = 1;\nexport default defineTenant({ a, a });`, "duplicate-key", "3:34", `duplicate key "a"`],
  ["a key always overwritten by a later spread", `const base = { a: 1 };\nexport default defineTenant({ a: 2, ...base });`, "overwritten-key", "3:31", `"a" is set here and always overwritten by the spread`],
  ["__proto__ as a plain key", `export default defineTenant({ __proto__: { id: "x" } });`, "forbidden-key", "2:31", `key "__proto__" is not allowed`],
  ["__proto__ as a string key", `export default defineTenant({ "__proto__": { id: "x" } });`, "forbidden-key", "2:31", `key "__proto__"`],
  ["__proto__ as a computed key", `export default defineTenant({ ["__proto__"]: { id: "x" } });`, "forbidden-key", "2:31", `key "__proto__"`],
  ["__proto__ spelt with an escape", `export default defineTenant({ "\\u005f_proto__": { id: "x" } });`, "forbidden-key", "2:31", `key "__proto__"`],
  ["__proto__ as a shorthand", `const __proto__ = { id: "x" };\nexport default defineTenant({ __proto__ });`, "forbidden-key", "3:31", `key "__proto__"`],
  ["constructor as a key", `export default defineTenant({ labels: { constructor: "x" } });`, "forbidden-key", "2:41", `key "constructor"`],
  ["prototype as a key", `export default defineTenant({ tutor: { prototype: 1 } });`, "forbidden-key", "2:40", `key "prototype"`],
  ["a key written again after a spread", `const base = { c: 1 };\nexport default defineTenant({ a: 1, ...base, a: 2 });`, "duplicate-key", "3:46", `duplicate key "a"`],
  ["a getter", `export default defineTenant({ get a() { return 1; } });`, "unsupported-syntax", "2:31", "getter is not allowed in an object"],
  ["a legacy octal number (a syntax error in a module)", `export default defineTenant({ a: 010 });`, "syntax", "2:34", "Octal literals are not allowed"],
  ["a decimal with a leading zero", `export default defineTenant({ a: 08 });`, "syntax", "2:34", "Decimals with leading zeros are not allowed"],
  ["a legacy octal escape", `export default defineTenant({ a: "x\\01" });`, "syntax", "2:36", "Octal escape sequences are not allowed. Use the syntax '\\x01'."],
  ["an escaped 8", `export default defineTenant({ a: \`\\8\` });`, "syntax", "2:35", "Escape sequence '\\8' is not allowed."],
  ["an identifier character newer than TypeScript's Unicode (15.1)", `export default defineTenant({ ${String.fromCodePoint(0x323b0)}a: 1 });`, "syntax", "2:31", "Invalid character."],
  ["a regular expression", `export default defineTenant({ a: /x/ });`, "unsupported-syntax", "2:34", "`/` (a division or a regular expression) is not allowed"],
];

for (const [name, body, code, lineCol, words] of refused) test(`refuses ${name}`, () => void expectError(body, code, lineCol, words));

test("a spread followed by an explicit key overrides it, as in TypeScript", () => {
  const r = read(`const base = { a: 1, b: 2 };\nexport default defineTenant({ ...base, a: 3, ...{ b: 4 } });`);
  assert.equal(where(r), []);
  assert.equal(r.value, { a: 3, b: 4 });
});

test("no key ever reaches Object.prototype, and values are plain own properties", () => {
  const r = read(`export default defineTenant({ "__proto__": { polluted: true }, labels: { constructor: "x" } });`);
  assert.ok(r.diagnostics.length >= 2);
  assert.is(({} as Record<string, unknown>).polluted, undefined);
  assert.is(Object.getPrototypeOf(r.value), Object.prototype);
  assert.is(Object.hasOwn(r.value as object, "__proto__"), false);
});

const nested = (n: number) => "[".repeat(n) + "]".repeat(n);

test(`brackets nested deeper than ${MAX_DEPTH} are refused at the first one too deep, before the parser sees them`, () => {
  const r = expectError(`export default defineTenant({ a: ${nested(5000)} });`, "too-deep", `2:${34 + MAX_DEPTH - 2}`, `deeper than ${MAX_DEPTH}`);
  assert.is(r.value, undefined);
});

test("nesting just under the limit is read", () => {
  const r = read(`export default defineTenant({ a: ${nested(MAX_DEPTH - 3)} });`);
  assert.equal(where(r), []);
});

test("nesting built from consts, each shallow, is refused past the limit", () => {
  const consts = Array.from({ length: 40 }, (_, i) => `const c${i} = ${i === 0 ? "1" : `[[c${i - 1}]]`};`).join("\n");
  expectError(`${consts}\nexport default defineTenant({ a: c39 });`, "too-deep", "10:13", `deeper than ${MAX_DEPTH}`);
});

test("types nested too deeply for the parser are a located error, not a stack overflow", () => {
  // refused at the token where the nesting bound is crossed, before the parser sees the file
  const r = expectError(`const a: ${"A<".repeat(50000)}1${">".repeat(50000)} = 1;\nexport default defineTenant({});`, "too-deep", `2:${MAX_NEST + 7}`, "nests too deeply for the parser");
  assert.is(r.value, undefined);
});

// each nests one level per token or two without any bracket; the native parser overflows its stack (and ends
// the process) at a few thousand levels of them, so the pre-scan must refuse every one of them within the file limit
const unbracketed: [string, (n: number) => string][] = [
  ["a chain of operators", (n) => `const a = ${"1 + ".repeat(n)}1;`],
  ["a chain of unary operators", (n) => `const a = ${"!".repeat(n)}1;`],
  ["a chain of typeof", (n) => `const a = ${"typeof ".repeat(n)}1;`],
  ["typeof chained through unicode spaces", (n) => `const a = ${"typeof\u00a0".repeat(n)}1;`],
  ["a chain of arrows", (n) => `const a = ${"() => ".repeat(n)}1;`],
  ["a chain of conditionals", (n) => `const a = ${"1 ? 1 : ".repeat(n)}1;`],
  ["type arguments separated by commas", (n) => `const a: ${"A<x, ".repeat(n)}1${">".repeat(n)} = 1;`],
  ["nested ifs", (n) => `${"if (1) ".repeat(n)}1;`],
  ["else-if chains", (n) => `if (1) 1;${" else if (1) 1;".repeat(n)}`],
  ["else-if chains with comments", (n) => `if (1) 1;${" /* c */ else if (1) 1;".repeat(n)}`],
  ["labels", (n) => `${"a: ".repeat(n)}1;`],
  ["dotted namespaces", (n) => `declare namespace a${".a".repeat(n)} {}`],
  ["conditional types", (n) => `type A = ${"B extends C ? D : ".repeat(n)}E;`],
  ["function types", (n) => `type A = ${"() => ".repeat(n)}B;`],
  ["keyof chains", (n) => `type A = ${"keyof ".repeat(n)}B;`],
  ["new chains", (n) => `const a = ${"new ".repeat(n)}A;`],
  ["type assertions", (n) => `const a = ${"<A>".repeat(n)}1;`],
  ["await chains", (n) => `const a = ${"await ".repeat(n)}1;`],
];

// random mixes of nesting constructs, each wrapping the next, up to the file limit: the reader answers (or
// refuses with a located error) and the process survives
const wrappers: [string, string][] = [
  ["!", ""], ["-", ""], ["typeof ", ""], ["await ", ""], ["new ", ""], ["<A>", ""], ["() => ", ""], ["a ? ", " : 1"], ["1 + ", ""],
  ["", " + 1"], ["(", ")"], ["[", "]"], ["{ a: ", " }"], ["f(", ")"], ["`${", "}`"], ["", " as A"], ["", "!"], ["a: ", ""],
];
const typeWrappers: [string, string][] = [["A<", ">"], ["keyof ", ""], ["() => ", ""], ["B extends C ? ", " : D"], ["(", ")"], ["{ a: ", " }"], ["", "[]"], ["A | ", ""]];
test("random deep mixes of nesting constructs never crash the parser", () => {
  const mix = (pieces: [string, string][]) => fc.array(fc.nat(pieces.length - 1), { minLength: 1, maxLength: 40 }).chain((cycle) => fc.integer({ min: 500, max: 40_000 }).map((n) => Array.from({ length: n }, (_, i) => pieces[cycle[i % cycle.length]!]!)));
  const nest = (parts: [string, string][], core: string) => parts.map(([open]) => open).join("") + core + parts.map(([, close]) => close).reverse().join("");
  const files = fc.oneof(mix(wrappers).map((p) => `const a = ${nest(p, "1")};`), mix(typeWrappers).map((p) => `type T = ${nest(p, "B")};`), mix(wrappers).map((p) => `${"if (1) ".repeat(p.length % 3000)}${nest(p, "1")};`));
  fc.assert(
    fc.property(files, (text) => {
      if (Buffer.byteLength(text) > MAX_FILE_BYTES) return;
      const r = read(`${text}\nexport default defineTenant({});`);
      assert.ok(r.diagnostics.every((d) => d.line >= 1 && d.col >= 1));
    }),
    { numRuns: 60, seed: 512 },
  );
});

for (const [name, source] of unbracketed) {
  test(`${name}, as deep as the file limit allows, is a located error, not a crash`, () => {
    let n = 1;
    while (Buffer.byteLength(source(n * 2)) < MAX_FILE_BYTES - 200) n *= 2;
    const r = read(`${source(n)}\nexport default defineTenant({});`);
    assert.ok(r.diagnostics.some((d) => d.code === "too-deep" && d.line >= 1), JSON.stringify(where(r).slice(0, 2)));
    assert.is(r.value, undefined);
  });
}

test(`a chain of more than ${MAX_CHAIN} consts is refused where it is too long`, () => {
  const n = 1000;
  const consts = Array.from({ length: n }, (_, i) => `const c${i} = ${i === 0 ? '"end"' : `c${i - 1}`};`).join("\n");
  const r = read(`${consts}\nexport default defineTenant({ a: c${n - 1} });`);
  const d = r.diagnostics.find((x) => x.code === "too-deep");
  assert.ok(d, JSON.stringify(where(r)));
  assert.match(d!.message, `more than ${MAX_CHAIN} names`);
  assert.is(d!.line, n + 2 - MAX_CHAIN);
});

test("a chain within the limit is read", () => {
  const consts = Array.from({ length: 30 }, (_, i) => `const c${i} = ${i === 0 ? '"end"' : `c${i - 1}`};`).join("\n");
  assert.equal(read(`${consts}\nexport default defineTenant({ a: c29 });`).value, { a: "end" });
});

test("a file expanding to too many values (spreads of spreads) is refused once", () => {
  const consts = Array.from({ length: 30 }, (_, i) => `const c${i} = ${i === 0 ? "[1, 2]" : `[...c${i - 1}, ...c${i - 1}]`};`).join("\n");
  const r = read(`${consts}\nexport default defineTenant({ a: c29 });`);
  const found = r.diagnostics.filter((d) => d.code === "too-large");
  assert.is(found.length, 1, JSON.stringify(where(r).slice(0, 3)));
  assert.match(found[0]!.message, `more than ${MAX_VALUES} values`);
});

test(`a long string named many times is refused once past ${MAX_TEXT / 1024 / 1024} Mi characters of text`, () => {
  const consts = [`const s = "${"x".repeat(100_000)}";`, "const a = [s, s, s, s, s, s, s, s];", "const b = [...a, ...a, ...a, ...a, ...a, ...a, ...a, ...a];"].join("\n");
  const r = read(`${consts}\nexport default defineTenant({ tutor: { X: b } });`);
  const found = r.diagnostics.filter((d) => d.code === "too-large");
  assert.equal(found.map((d) => `${d.line}:${d.col} ${d.message}`), [`5:43 the file expands to more than ${MAX_TEXT / 1024 / 1024} Mi characters of text once its consts and spreads are followed`]);
  assert.is(r.value, undefined);
});

test(`a file over ${MAX_FILE_BYTES / 1024} KiB on disk is refused at 1:1 without reading it whole`, () => {
  const dir = tempDir("reader-huge-");
  const big = path.join(dir, "tenants", "big.ts");
  fs.mkdirSync(path.dirname(big));
  fs.writeFileSync(big, HEADER + `export default defineTenant({ a: "${"x".repeat(MAX_FILE_BYTES)}" });\n`);
  const r = new StaticReader({ root: dir, apiModule: path.join(dir, "compiler", "api"), presetDir: path.join(dir, "platform") }).read(big, "defineTenant");
  assert.equal(
    r.diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`),
    ["tenants/big.ts:1:1 too-large"],
  );
  assert.is(r.value, undefined);
});

test("a file with a UTF-8 byte order mark is read as TypeScript reads it", () => {
  const dir = tempDir("reader-bom-");
  const f = path.join(dir, "tenants", "bom.ts");
  fs.mkdirSync(path.dirname(f));
  fs.writeFileSync(f, "\uFEFF" + HEADER + `export default defineTenant({ a: 1 });\n`);
  const r = new StaticReader({ root: dir, apiModule: path.join(dir, "compiler", "api"), presetDir: path.join(dir, "platform") }).read(f, "defineTenant");
  assert.equal(r.diagnostics, []);
  assert.equal(r.value, { a: 1 });
});

function fleetWith(files: Record<string, string>) {
  const dir = tempDir("reader-presets-");
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  const r = new StaticReader({ root: dir, apiModule: path.join(dir, "compiler", "api"), presetDir: path.join(dir, "platform") });
  return (rel: string) => r.read(path.join(dir, rel), "defineTenant");
}

test("a preset file is checked whole: an export no tenant uses still runs when JavaScript loads the file", () => {
  const read = fleetWith({
    "platform/p.ts": `export const ok = ["mfe"];\nexport const broken = late;\nconst late = 1;\n`,
    "tenants/t.ts": `${HEADER}import { ok } from "../platform/p";\nexport default defineTenant({ plugins: ok });\n`,
  });
  const r = read("tenants/t.ts");
  assert.equal(where(r).filter((w) => w.includes("used-before-declaration")), ["2:23 used-before-declaration const late is used before its declaration at line 3; TypeScript refuses this"]);
  assert.is(r.diagnostics.find((d) => d.code === "used-before-declaration")!.file, "platform/p.ts");
});

test("an import of a name the preset does not export fails the file even when unused (ES modules link first)", () => {
  const read = fleetWith({
    "platform/p.ts": `export const ok = ["mfe"];\nconst hidden = 1;\n`,
    "tenants/t.ts": `${HEADER}import { ok, hidden } from "../platform/p";\nexport default defineTenant({ plugins: ok });\n`,
  });
  const r = read("tenants/t.ts");
  assert.equal(where(r), [`2:14 unsupported-syntax platform/p.ts has no exported const named "hidden"`]);
});

test("presets importing each other in a cycle end in a located error, not a stack overflow", () => {
  const read = fleetWith({
    "platform/a.ts": `import { b } from "./b";\nexport const a = [...b];\n`,
    "platform/b.ts": `import { a } from "./a";\nexport const b = [...a];\n`,
    "tenants/t.ts": `${HEADER}import { a } from "../platform/a";\nexport default defineTenant({ plugins: a });\n`,
  });
  const r = read("tenants/t.ts");
  assert.ok(r.diagnostics.some((d) => d.message.includes("refers to itself through imports")), JSON.stringify(where(r)));
});

test.run();

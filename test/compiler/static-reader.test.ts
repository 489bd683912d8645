// The static reader: every supported construct gives plain data; every other construct is a located error.
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { StaticReader } from "../../compiler/source/static-reader";
import { REPO_ROOT } from "../helpers/fleet";

// the tenant file is never on disk: its text is passed in; presets come from the repository's platform/
const root = REPO_ROOT;
const reader = () => new StaticReader({ root, apiModule: path.join(root, "compiler", "api"), presetDir: path.join(root, "platform") });
const file = path.join(root, "tenants", "t.ts");
const HEADER = `import { defineTenant } from "../compiler/api";\n`;

function read(body: string) {
  return reader().read(file, "defineTenant", HEADER + body);
}

const supported: [string, string, unknown][] = [
  ["object, string, number, boolean", `export default defineTenant({ a: "x", b: 2, c: true, d: false, e: -1.5 });`, { a: "x", b: 2, c: true, d: false, e: -1.5 }],
  ["arrays", `export default defineTenant({ a: ["x", 1, [true]] });`, { a: ["x", 1, [true]] }],
  ["as const", `export default defineTenant({ a: ["x"] as const });`, { a: ["x"] }],
  ["satisfies", `export default defineTenant({ a: 1 } satisfies object);`, { a: 1 }],
  ["template literal without substitutions", "export default defineTenant({ a: `plain` });", { a: "plain" }],
  ["const of the same file", `const h = "x.example.org";\nexport default defineTenant({ host: h });`, { host: "x.example.org" }],
  ["shorthand property", `const release = "ulmo";\nexport default defineTenant({ release });`, { release: "ulmo" }],
  ["spread of a const object", `const base = { a: 1, b: 2 };\nexport default defineTenant({ ...base, b: 3 });`, { a: 1, b: 3 }],
  ["spread of a const array", `const p = ["mfe"] as const;\nexport default defineTenant({ plugins: [...p, "indigo"] });`, { plugins: ["mfe", "indigo"] }],
  ["quoted and numeric keys", `export default defineTenant({ "a-b": 1, 2: "two" });`, { "a-b": 1, "2": "two" }],
  ["type assertions, which TypeScript erases", `export default defineTenant({ a: 1 as number, b: <string>"x", c: ("y" as unknown as number)!, d: 2 as any });`, { a: 1, b: "x", c: "y", d: 2 }],
  ["computed keys holding a literal", "export default defineTenant({ [\"a\"]: 1, [2]: 2, [`c`]: 3 });", { a: 1, "2": 2, c: 3 }],
  ["numeric literals in every base", `export default defineTenant({ a: 0x1F, b: 0o17, c: 0b1_01, d: 1e3, e: .5, f: -0.25 });`, { a: 31, b: 15, c: 5, d: 1000, e: 0.5, f: -0.25 }],
  ["escapes in strings and keys", `export default defineTenant({ "\\u0061b": "\\u{1F600}\\x41", c\\u0064: 1 });`, { ab: "\u{1F600}A", cd: 1 }],
  ["numeric separators", `export default defineTenant({ n: 1_000 });`, { n: 1000 }],
  ["parentheses", `export default defineTenant(({ a: (1) }));`, { a: 1 }],
  ["type-only imports and type declarations", `import type { TenantInput } from "../compiler/api";\ntype X = string;\ninterface Y { a: X }\nexport default defineTenant({ a: 1 } satisfies Partial<TenantInput> | object);`, { a: 1 }],
  ["named import of a platform preset", `import { standardPlugins } from "../platform/presets";\nexport default defineTenant({ plugins: [...standardPlugins] });`, { plugins: ["mfe", "forum", "indigo"] }],
  ["imported preset object spread", `import { universityTutor } from "../platform/presets";\nexport default defineTenant({ tutor: { ...universityTutor } });`, { tutor: { OPENEDX_LMS_UWSGI_WORKERS: 4, OPENEDX_CMS_UWSGI_WORKERS: 2 } }],
];

for (const [name, body, expected] of supported) {
  test(`reads ${name}`, () => {
    const r = read(body);
    assert.equal(r.diagnostics, []);
    assert.equal(r.value, expected);
  });
}

// [construct, source after the header line, expected line:col, expected message fragment]
const rejected: [string, string, string, string][] = [
  ["function call", `export default defineTenant({ a: f() });`, "2:34", "function call `f(...)` is not allowed"],
  ["computed key", `const k = "a";\nexport default defineTenant({ [k]: 1 });`, "3:31", "computed key `[k]` is not allowed"],
  ["spread of an unknown name", `export default defineTenant({ a: [...other] });`, "2:38", "unknown name `other`"],
  ["spread of a call", `export default defineTenant({ a: [...f()] });`, "2:35", "spread of an unknown value (`...f()`)"],
  ["unknown identifier", `export default defineTenant({ a: other });`, "2:34", "unknown name `other`"],
  ["template with substitution", "const x = 1;\nexport default defineTenant({ a: `n${x}` });", "3:34", "template literal with substitutions"],
  ["let", `let x = 1;\nexport default defineTenant({});`, "2:1", "let declarations are not allowed"],
  ["import from elsewhere", `import { x } from "lodash";\nexport default defineTenant({});`, "2:1", 'import from "lodash" is not allowed'],
  ["import of the api's folder, where TypeScript finds no module", `import { defineTenant as d } from "../compiler";\nexport default defineTenant({});`, "2:1", 'import from "../compiler" is not allowed'],
  ["import from outside platform/", `import { x } from "../secrets/keys";\nexport default defineTenant({});`, "2:1", 'import from "../secrets/keys" is not allowed'],
  ["default import", `import presets from "../platform/presets";\nexport default defineTenant({});`, "2:1", "only named imports"],
  ["namespace import", `import * as presets from "../platform/presets";\nexport default defineTenant({});`, "2:1", "only named imports"],
  ["side-effect import", `import "../platform/presets";\nexport default defineTenant({});`, "2:1", "side-effect import"],
  ["property access", `export default defineTenant({ a: process.env.HOME });`, "2:34", "property access `process.env.HOME` is not allowed"],
  ["arrow function", `export default defineTenant({ a: () => 1 });`, "2:34", "function `() => 1` is not allowed"],
  ["binary expression", `export default defineTenant({ a: 1 + 1 });`, "2:34", "expression `1 + 1` is not allowed"],
  ["method", `export default defineTenant({ a() { return 1; } });`, "2:31", "method is not allowed in an object"],
  ["statement", `console.log("hi");\nexport default defineTenant({});`, "2:1", "a statement is not allowed here"],
  ["function declaration", `function f() {}\nexport default defineTenant({});`, "2:1", "function declaration is not allowed here"],
  ["undefined", `export default defineTenant({ a: undefined });`, "2:34", "`undefined` is not allowed"],
  ["duplicate key", `export default defineTenant({ a: 1, a: 2 });`, "2:37", 'duplicate key "a"'],
  ["self reference", `const a = { x: a };\nexport default defineTenant({ x: a });`, "2:16", "const a refers to itself"],
  ["use before declaration", `const a = b;\nconst b = a;\nexport default defineTenant({ x: a });`, "2:11", "const b is used before its declaration at line 3"],
  ["destructuring", `const { a } = { a: 1 };\nexport default defineTenant({});`, "2:7", "destructuring declarations are not allowed"],
  ["other default export call", `export default other({});`, "2:16", "the default export must be `defineTenant({ ... })`"],
  ["defineTenant with two arguments", `export default defineTenant({}, {});`, "2:16", "takes exactly one object"],
  ["no default export", `const a = 1;`, "1:1", "the file has no default export"],
  ["syntax error", `export default defineTenant({ a: 1 `, "2:36", "'}' expected"],
  ["syntax error after accents and an emoji (columns count UTF-16 code units)", `const s = "é😀";\nexport default defineTenant({ a: s `, "3:36", "'}' expected"],
  ["unknown name after accents and an emoji", `export default defineTenant({ é: "😀😀", a: other });`, "2:45", "unknown name `other`"],
  ["missing preset export", `import { nothing } from "../platform/presets";\nexport default defineTenant({ a: nothing });`, "2:10", 'has no exported const named "nothing"'],
];

for (const [name, body, where, message] of rejected) {
  test(`rejects ${name} at ${where}`, () => {
    const r = read(body);
    const found = r.diagnostics.find((d) => `${d.line}:${d.col}` === where && d.message.includes(message));
    assert.ok(found, `expected ${where} "${message}", got ${JSON.stringify(r.diagnostics.map((d) => `${d.line}:${d.col} ${d.message}`))}`);
    assert.is(found!.file, "tenants/t.ts");
    assert.is(found!.severity, "error");
  });
}

test("locations of values read through consts and presets point where the value is written", () => {
  const r = read(`import { standardPlugins } from "../platform/presets";\nconst host = "x.example.org";\nexport default defineTenant({ hosts: { lms: host }, plugins: [...standardPlugins] });`);
  assert.equal(r.locator.value(["hosts", "lms"]), { file: "tenants/t.ts", line: 3, col: 14 });
  const plugin = r.locator.value(["plugins", 1]);
  assert.is(plugin.file, "platform/presets.ts");
  assert.equal(r.locator.key(["hosts", "lms"]), { file: "tenants/t.ts", line: 4, col: 40 });
});

test("file names in messages are path.relative's, whatever the path's form", () => {
  for (const base of [root, `${root}/`, "/", "relative/root", `${root}/x/..`]) {
    const r = new StaticReader({ root: base, apiModule: path.join(root, "compiler", "api"), presetDir: path.join(root, "platform") });
    for (const p of ["tenants/a.ts", "a", "/a", "./a", "../a", "a/..", ".a", "..a", "...", "", "/", "a/", "a/.", "a//b"].map((p) => `${root}/${p}`).concat(["/elsewhere/a.ts", "relative/root/a"])) {
      assert.is(r.rel(p), path.relative(base, p).split(path.sep).join("/"), `${base} ${p}`);
    }
  }
});

test.run();

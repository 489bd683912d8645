// The plain-file parser (compiler/source/plain-parser.ts) must give, for every file it takes, the very tree oxc
// gives, for a file oxc parses without errors and the pre-scan passes: then the reader means the same by it
// whichever parser read it. Files it does not take go to oxc, so refusing is always safe; taking is what is proved.
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { MAX_DEPTH, MAX_NEST } from "../../compiler/source/limits";
import { parseTypeScript } from "../../compiler/source/parser";
import { parsePlain } from "../../compiler/source/plain-parser";
import { scan } from "../../compiler/source/scan";
import { REPO_ROOT } from "../helpers/fleet";
import { applyEdits } from "../helpers/edits";

/** A tree as plain data (the shared empty decorator list and oxc's own arrays compare alike). */
const data = (tree: unknown) => JSON.parse(JSON.stringify(tree)) as unknown;

/** True when the plain parser took `text`; fails when it took it and oxc or the pre-scan disagree. */
function agrees(text: string): boolean {
  const plain = parsePlain(text);
  if (!plain) return false;
  const oxc = parseTypeScript("x.ts", text);
  assert.equal(oxc.errors.map((e) => e.message), [], `the plain parser took a file oxc refuses:\n${text}`);
  assert.is(scan(text), undefined, `the plain parser took a file the pre-scan refuses:\n${text}`);
  if (!isDeepStrictEqual(data(plain), data(oxc.program))) assert.equal(data(plain), data(oxc.program), `a tree unlike oxc's for:\n${text}`);
  return true;
}

const TENANT = `import { defineTenant, type TenantInput } from "../compiler/api";
import { plugins as standard, tutor } from "../platform/presets";

// A tenant as operators write them. /* not a comment */
const relay = "smtp.example.org";
/* a block
   comment */
export default defineTenant({
  id: "acme",
  wave: 0, // canary
  "release": 'ulmo',
  hosts: { lms: "learn.acme.example.org", extra: [\`www.acme.example.org\`] },
  platformName: "Acmé \\"Academy\\"\\n",
  size: { preset: "large", lms: { replicas: { min: 2, max: 6 } }, cpu: -0.5e-1, n: 1E3 },
  plugins: [...standard, "forum"],
  mail: { host: relay, port: 587 },
  tutor: { ...tutor, OPENEDX_LMS_UWSGI_WORKERS: 4 } as const,
  labels: {},
  demoCourse: true, theme: null,
} satisfies TenantInput);
`;

test("typical tenant, platform and preset files are taken, with oxc's tree", () => {
  assert.ok(agrees(TENANT), "a tenant file");
  assert.ok(agrees(TENANT.replaceAll(";\n", "\n")), "the same without semicolons");
  assert.ok(agrees(TENANT.replaceAll("\n", "\r\n")), "with CR LF line ends");
  assert.ok(agrees(`import { definePlatform } from "../compiler/api";\nexport const a = [1, 2] as const, b = { x: a };\nexport default definePlatform({ a, b: [b, b] });`.replace("a, b:", "a: a, b:")));
  assert.ok(agrees(`// presets\nexport const plugins = ["mfe"] as const;\nexport const tutor = { A_B: 1 };\n`));
  assert.ok(agrees(`export default { a: 1 }`), "a plain object");
  assert.ok(agrees(""), "an empty file");
});

test("files outside the plain subset go to oxc", () => {
  for (const text of [
    `export default defineTenant({ a: 1 + 1 });`,
    `export default defineTenant({ [k]: 1 });`,
    `export default defineTenant({ a });`,
    `export default defineTenant({ a: \`\${b}\` });`,
    `export default defineTenant({ a: "\\u0061" });`,
    `export default defineTenant({ a: 010 });`,
    `export default defineTenant({ a: 1_000 });`,
    `export default defineTenant({ a: .5 });`,
    `export default defineTenant({ a: 1e400 });`,
    `export default defineTenant({ a: [1, , 2] });`,
    `export default defineTenant({ a: (1) });`,
    `export default defineTenant({ a: undefined });`,
    `let a = 1;`,
    `const a: number = 1;`,
    `import x from "y";`,
    `#!/usr/bin/env node\nexport default {};`,
    `\uFEFFexport default {};`,
    `export default { a: 1 }\n(0)`,
    `export default { a: "\uD800" };`,
    `export default { a: 1 } /* unterminated`,
    `export default { a: 1 }\nas const;`,
  ]) {
    assert.is(parsePlain(text), undefined, text);
  }
});

test("nesting at the pre-scan's bounds: the plain parser takes what it passes and nothing more", () => {
  const nested = (n: number) => `export default ${"[".repeat(n)}1${"]".repeat(n)};\n`;
  assert.ok(agrees(nested(MAX_DEPTH)));
  assert.is(parsePlain(nested(MAX_DEPTH + 1)), undefined);
  // the pre-scan counts the tokens of statements that no `;` ends as one run
  const statements = (n: number, end: string) => Array.from({ length: n }, (_, i) => `const c${i} = -1${end}`).join("\n");
  const count = Math.ceil(MAX_NEST / 4) + 1;
  assert.ok(scan(statements(count, "")), "the unended statements are over the bound");
  assert.is(parsePlain(statements(count, "")), undefined);
  assert.ok(agrees(statements(count, ";")));
});

// ---- random files near the subset: each piece is something the plain parser takes or something just beyond it

const pieces = {
  string: fc.oneof(
    fc.string({ unit: "binary", maxLength: 6 }).map((s) => JSON.stringify(s)),
    fc.string({ unit: "grapheme", maxLength: 4 }).map((s) => `'${s}'`),
    fc.constantFrom(`"a\\tb"`, `'\\''`, `"\\\\"`, `"\\0"`, `"\\x41"`, `"\\/"`, `"a\\\nb"`, `"\u2028"`, `\`t\``, `\`a\nb\``, `\`\r\``, `\`$\``),
  ),
  number: fc.oneof(
    fc.double({ noNaN: true }).map(String),
    fc.nat().map(String),
    fc.constantFrom("0", "0.0", "00", "01", "1.", "1.5e+3", "1e-7", "2E5", "1e", "0x1F", "1n", "1_0", "5.toString", "1e309"),
  ),
  name: fc.constantFrom("a", "b", "$x", "_y", "as", "type", "satisfies", "default", "if", "undefined", "ünï", "a\\u0062", "constructor", "__proto__", "get", "async"),
  space: fc.constantFrom(" ", "", "\n", "\r\n", "\t", " // c\n", " /* c */ ", "/*\n*/", "\u00a0", "\u2028", "\v"),
};

const expression = fc.letrec<{ expr: string }>((tie) => ({
  expr: fc.oneof(
    { depthSize: "small" },
    pieces.string,
    pieces.number,
    pieces.name,
    fc.constantFrom("true", "false", "null", "this"),
    fc.tuple(fc.constantFrom("-", "- ", "+", "!", "--"), pieces.number).map(([op, n]) => `${op}${n}`),
    fc.tuple(tie("expr"), fc.constantFrom(" as const", " as T", " satisfies T", "\nas const", " as T[]", " as any", "!", " as const satisfies T")).map(([e, t]) => `${e}${t}`),
    fc.tuple(pieces.name, fc.array(tie("expr"), { maxLength: 2 }), fc.constantFrom("", ",")).map(([f, args, comma]) => `${f}(${args.join(", ")}${args.length ? comma : ""})`),
    fc.tuple(fc.array(fc.oneof(tie("expr"), tie("expr").map((e) => `...${e}`), fc.constant("")), { maxLength: 3 }), pieces.space).map(([items, s]) => `[${s}${items.join(`,${s}`)}]`),
    fc
      .array(fc.oneof({ weight: 4, arbitrary: fc.tuple(fc.oneof(pieces.name, pieces.string, pieces.number), pieces.space, tie("expr")).map(([k, s, v]) => `${k}${s}:${s}${v}`) }, tie("expr").map((e) => `...${e}`), pieces.name), { maxLength: 4 })
      .chain((props) => pieces.space.map((s) => `{${s}${props.join(`,${s}`)}${s}}`)),
  ),
})).expr;

const statement = fc.oneof(
  fc.tuple(fc.constantFrom("", "type "), fc.array(fc.tuple(fc.constantFrom("", "type "), pieces.name, fc.option(pieces.name)), { maxLength: 3 }), pieces.string).map(
    ([kind, specs, from]) => `import ${kind}{ ${specs.map(([t, n, alias]) => `${t}${n}${alias ? ` as ${alias}` : ""}`).join(", ")} } from ${from}`,
  ),
  fc.tuple(fc.constantFrom("", "export "), fc.array(fc.tuple(pieces.name, expression), { minLength: 1, maxLength: 2 })).map(([e, decls]) => `${e}const ${decls.map(([n, v]) => `${n} = ${v}`).join(", ")}`),
  expression.map((e) => `export default ${e}`),
  fc.constantFrom("let a = 1", "export { a }", "debugger", "'use strict'", "export default defineTenant({\n  id: \"x\",\n})"),
);

const file = fc.array(fc.tuple(statement, fc.constantFrom(";\n", "\n", ";", " ", ";\r\n", "\n\n// end\n")), { maxLength: 4 }).map((list) => list.map(([s, end]) => s + end).join(""));

test("on random files near the subset, what the plain parser takes it reads as oxc does", () => {
  let taken = 0;
  fc.assert(fc.property(file, (text) => void (agrees(text) && taken++)), { numRuns: 3000, seed: 20261205 });
  assert.ok(taken > 300, `the plain parser took ${taken} of 3000 random files: the property proved too little`);
});

test("on the same kind of files with a fresh seed each run", () => {
  fc.assert(fc.property(file, (text) => void agrees(text)), { numRuns: 500 });
});

test("on a tenant file mutated at random, what the plain parser takes it reads as oxc does", () => {
  const edit = fc.tuple(fc.nat(TENANT.length), fc.nat(4), fc.oneof(fc.constantFrom("{", "}", "[", "]", "(", ")", ",", ";", ":", "...", "`", '"', "'", "\\", "\n", "//", "/*", "*/", "as ", "-", "0", "e", ".", "$", "é"), fc.string({ unit: "binary", maxLength: 3 })));
  let taken = 0;
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
      const text = applyEdits(TENANT, edits);
      if (agrees(text)) taken++;
    }),
    { numRuns: 2000, seed: 512 },
  );
  assert.ok(taken > 200, `took ${taken} of 2000 mutated files`);
});

test("every tenant, platform and fixture file of the repository it takes, it reads as oxc does", () => {
  const dirs = ["test/fixtures", "tenants", "platform"].map((d) => path.join(REPO_ROOT, d)).filter((d) => fs.existsSync(d));
  for (const dir of dirs) {
    for (const f of fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => f.endsWith(".ts"))) agrees(fs.readFileSync(path.join(dir, f), "utf8"));
  }
});

test.run();

// The plain-value reader (compiler/source/plain-values.ts) must give, for every file it takes, what the whole
// way gives (plain parser or oxc, then the evaluation): the same value, key order and locations, and no
// diagnostics. Files it does not take go the whole way, so declining is always safe; taking is what is proved.
import fs from "node:fs";
import path from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { StaticReader } from "../../compiler/source/static-reader";
import { applyEdits } from "../helpers/edits";
import { REPO_ROOT, tempDir } from "../helpers/fleet";

const root = tempDir("plain-values-");
fs.mkdirSync(path.join(root, "platform"));
// presets of every kind the reader may meet: nested, spread inside, imported from another preset, broken
fs.writeFileSync(
  path.join(root, "platform", "presets.ts"),
  `import { deep } from "./more";
export const plugins = ["forum", "indigo"] as const;
export const tutor = { A: 1, B: { c: [1, { d: "e" }] }, 2: "two" };
export const both = { ...tutor, B: deep, list: [...plugins, "mfe"] } satisfies object;
export const host = "smtp.example.org";
export const chained = both;
export const empty = { "": 1 };
const hidden = { a: 1 };
export const more = [...plugins, ...plugins];
export const text = \`line
two\`;
`,
);
fs.writeFileSync(path.join(root, "platform", "more.ts"), `export const deep = { x: [1, 2, { y: null }] };\n`);
fs.writeFileSync(path.join(root, "platform", "broken.ts"), `export const bad = { a: 1 + 1 };\nexport const ok = { a: 1 };\n`);
const options = { root, apiModule: path.join(root, "compiler", "api"), presetDir: path.join(root, "platform") };
const file = path.join(root, "tenants", "t.ts");

/** True when the plain-value reader took `text`; fails when it took it and the whole way reads it otherwise. */
function agrees(text: string, entry: "defineTenant" | "definePlatform" = "defineTenant"): boolean {
  const reader = new StaticReader(options);
  // the plain-value reader took the file when the reader never loaded it the whole way
  let taken = true;
  const load = reader.load.bind(reader);
  reader.load = (abs, t, remember) => ((taken &&= abs !== file), load(abs, t, remember));
  const fast = reader.read(file, entry, text);
  const whole = new StaticReader(options, false).read(file, entry, text);
  const view = (r: typeof fast) => ({ value: r.value, json: JSON.stringify(r.value), locator: r.locator.snapshot(), diagnostics: r.diagnostics, unreadable: r.unreadable });
  if (!isDeepStrictEqual(view(fast), view(whole))) assert.equal(view(fast), view(whole), `the two ways differ for:\n${text}`);
  return taken;
}

const TENANT = `import { defineTenant } from "../compiler/api";

// A tenant as operators write them. /* not a comment */
/* a block
   comment */
export default defineTenant({
  id: "acme",
  wave: 0, // canary
  "release": 'ulmo',
  hosts: { lms: "learn.acme.example.org", extra: [\`www.acme.example.org\`] },
  platformName: "Acmé \\"Academy\\"\\n",
  size: { preset: "large", lms: { replicas: { min: 2, max: 6 } }, cpu: -0.5e-1, n: 1E3, z: -0 },
  plugins: ["forum", "indigo",],
  mail: { host: "smtp.example.org", port: 587 },
  tutor: { OPENEDX_LMS_UWSGI_WORKERS: 4, 2: "two", "": { "": [[], {}] } },
  labels: {},
  demoCourse: true, theme: null,
});
`;

test("typical tenant files are taken, and read as the whole way reads them", () => {
  assert.ok(agrees(TENANT), "a tenant file");
  assert.ok(agrees(TENANT.replaceAll(";\n", "\n")), "without semicolons");
  assert.ok(agrees(TENANT.replaceAll("\n", "\r\n")), "with CR LF line ends");
  assert.ok(agrees(TENANT.replace("import { defineTenant }", "import { definePlatform, defineTenant as dt }").replace("defineTenant({", "dt({")), "a renamed import");
  assert.ok(agrees(TENANT.replace("defineTenant", "definePlatform").replace("defineTenant", "definePlatform"), "definePlatform"), "a platform file");
  const typed = TENANT.replace("import { defineTenant }", "import { defineTenant, type TenantInput } from \"../compiler/api\";\nimport type { X, Y as Z } from \"zod\";\nimport { type W }")
    .replace(`"acme"`, `"acme" as const`)
    .replace(`plugins: ["forum", "indigo",]`, `plugins: ["forum", "indigo",] as const satisfies X`)
    .replace("});", "} satisfies TenantInput);");
  assert.ok(agrees(typed), "type imports, `as const` and `satisfies`");
});

const PRESETS = `import { defineTenant } from "../compiler/api";\nimport { plugins, tutor, both, host, chained, more, text } from "../platform/presets";\n`;

test("preset names and their spreads are taken, with the preset's locations", () => {
  for (const body of [
    `{ plugins: [...plugins], tutor: { ...tutor } }`,
    `{ plugins: ["a", ...plugins, "b", ...more], tutor: { X: 1, ...tutor, A: 2 }, mail: { host: host } }`,
    `{ ...both, id: "x" }`,
    `{ a: chained, b: [chained, host, text], c: { ...chained, B: 1 } }`,
    `{ tutor: { ...tutor, ...both } as const }`,
    `{ a: tutor satisfies O, b: [...plugins as const], c: { ...both as T } }`,
  ]) {
    assert.ok(agrees(`${PRESETS}export default defineTenant(${body});\n`), body);
  }
});

test("preset uses beyond the plainest go the whole way, with their errors", () => {
  for (const [imports, body] of [
    [`{ tutor }`, `{ tutor: { A: 0, ...tutor } }`],
    [`{ plugins }`, `{ tutor: { ...plugins } }`],
    [`{ tutor }`, `{ plugins: [...tutor] }`],
    [`{ type tutor }`, `{ a: tutor }`],
    [`type { tutor }`, `{ a: tutor }`],
    [`{ tutor, type tutor as t2, type tutor }`, `{ a: 1 }`],
    [`{ host }`, `{ a: { ...host } }`],
    [`{ hidden }`, `{ a: 1 }`],
    [`{ empty }`, `{ a: { ...empty } }`],
    [`{ nothing }`, `{ a: 1 }`],
    [`{ tutor }`, `{ a: tutor.A }`],
  ]) {
    assert.not.ok(agrees(`import { defineTenant } from "../compiler/api";\nimport ${imports} from "../platform/presets";\nexport default defineTenant(${body});\n`), body);
  }
  assert.not.ok(agrees(`import { defineTenant } from "../compiler/api";\nimport { ok } from "../platform/broken";\nexport default defineTenant({ a: ok });\n`), "a preset file with an error");
  assert.not.ok(agrees(`import { defineTenant } from "../compiler/api";\nimport { ok } from "../platform/missing";\nexport default defineTenant({ a: ok });\n`), "a missing preset file");
});

test("files beyond the plainest go the whole way, with their errors", () => {
  for (const text of [
    TENANT.replace(`id: "acme",`, `id: "acme", id: "b",`),
    TENANT.replace(`wave: 0`, `constructor: 0`),
    TENANT.replace(`wave: 0`, `"__proto__": 0`),
    TENANT.replace(`labels: {}`, `labels: { ...{} }`),
    TENANT.replace(`wave: 0`, `wave: undefined`),
    TENANT.replace(`import {`, `import type {`),
    TENANT.replace(`{ defineTenant }`, `{ type defineTenant }`),
    TENANT.replace(`{ defineTenant }`, `{ defineTenant, defineTenant }`),
    TENANT.replace(`"../compiler/api"`, `"../platform/presets"`),
    TENANT.replace(`"../compiler/api"`, `"zod"`),
    TENANT.replace("defineTenant({", "definePlatform({"),
    TENANT.replace("});", "}, 1);"),
    TENANT.replace("});", "}) satisfies object;"),
    TENANT.replace("});", "});\nconst a = 1;"),
    TENANT + "export default 1;",
    `const a = 1;\n` + TENANT,
    TENANT.replace("export default defineTenant({", "export default defineTenant([").replace("});", "]);"),
    "\uFEFF" + TENANT,
    "",
  ]) {
    assert.not.ok(agrees(text), text);
  }
});

// ---- random files near the subset

const pieces = {
  string: fc.oneof(fc.string({ unit: "binary", maxLength: 5 }).map((s) => JSON.stringify(s)), fc.constantFrom(`'a\\'b'`, `"\\0"`, `"\\x41"`, `\`t\``, `\`a\nb\``, `\`\${x}\``, `"\u2028"`)),
  number: fc.oneof(fc.double({ noNaN: true }).map(String), fc.nat().map(String), fc.constantFrom("0", "-0", "- 1", "01", "1.", "1e3", "0x1F", "1n", "1_0", "1e309")),
  key: fc.constantFrom("a", "b", "$x", "as", "type", "default", "if", "constructor", "__proto__", "get", '"a"', "'b'", '""', "1", "1.0", "0", "[a]", '"\\u0061"', "ünï"),
  space: fc.constantFrom(" ", "", "\n", "\r\n", "\t", " // c\n", " /* c */ ", "/*\n*/", "\u00a0", "\u2028"),
};

const value = fc.letrec<{ v: string }>((tie) => ({
  v: fc.oneof(
    { depthSize: "small" },
    pieces.string,
    pieces.number,
    fc.constantFrom("true", "false", "null", "undefined", "x", "[1, , 2]", "(1)", "tutor", "plugins", "both", "host", "chained", "more", "text", "ok", "empty", "[...plugins]", "{ ...tutor }", "[...tutor]", "{ ...plugins }", "{ ...host }", "[0, ...more, ...plugins]", "{ ...both, B: 1, A: 1 }", "{ A: 0, ...tutor }"),
    fc.tuple(tie("v"), fc.constantFrom(" as const", " satisfies T", "!")).map(([e, t]) => e + t),
    fc.tuple(fc.array(fc.oneof(tie("v"), tie("v").map((e) => `...${e}`)), { maxLength: 3 }), pieces.space, fc.constantFrom("", ",")).map(([items, s, c]) => `[${s}${items.join(`,${s}`)}${items.length ? c : ""}]`),
    fc
      .array(fc.oneof({ weight: 5, arbitrary: fc.tuple(pieces.key, pieces.space, tie("v")).map(([k, s, v]) => `${k}${s}:${s}${v}`) }, tie("v").map((e) => `...${e}`)), { maxLength: 4 })
      .chain((props) => fc.tuple(pieces.space, fc.constantFrom("", ",")).map(([s, c]) => `{${s}${props.join(`,${s}`)}${props.length ? c : ""}${s}}`)),
  ),
})).v;

const header = fc.constantFrom(
  `import { defineTenant } from "../compiler/api";\n`,
  `import { defineTenant } from "../compiler/api"\n`,
  `import { defineTenant, } from '../compiler/api';`,
  `import { definePlatform as defineTenant } from "../compiler/api";\n`,
  `import { defineTenant as d } from "../compiler/api";\n`,
  `import { defineTenant } from "../compiler/api";\nimport { plugins, tutor, both, host, chained, more, text } from "../platform/presets";\n`,
  `import { defineTenant } from "../compiler/api";\nimport { plugins, tutor, both, host, chained, more, text, empty } from "../platform/presets";\n`,
  `import { defineTenant } from "../compiler/api";\nimport { ok } from "../platform/broken";\nimport { tutor } from "../platform/presets";\n`,
  `import { defineTenant } from "../compiler/api"; import { x } from "../compiler/api"\n`,
  `import { defineTenant, type T } from "../compiler/api";\nimport type { U } from "anywhere";\nimport { type V, tutor, plugins } from "../platform/presets";\n`,
  `import type { defineTenant } from "../compiler/api";\n`,
  `import { type defineTenant } from "../compiler/api";\n`,
  `// header\nimport { defineTenant } from "../compiler/api";\n\n`,
  ``,
);

const tenantFile = fc
  .tuple(header, fc.array(fc.tuple(pieces.key, value), { maxLength: 5 }), pieces.space, fc.constantFrom(");", ")", ");\n// end\n", "),", ") as T;", ");\nconst a = 1;"))
  .map(([h, props, s, end]) => `${h}export default ${h.includes(" as d ") ? "d" : "defineTenant"}({${s}${props.map(([k, v]) => `${k}: ${v}`).join(`,${s}`)}${s}}${end}`);

test("on random files near the subset, what the plain-value reader takes it reads as the whole way does", () => {
  let taken = 0;
  fc.assert(fc.property(tenantFile, (text) => void (agrees(text) && taken++)), { numRuns: 3000, seed: 20261205 });
  assert.ok(taken > 150, `the plain-value reader took ${taken} of 3000 random files: the property proved too little`);
});

test("on the same kind of files with a fresh seed each run", () => {
  fc.assert(fc.property(tenantFile, (text) => void agrees(text)), { numRuns: 300 });
});

test("on a tenant file mutated at random, what the plain-value reader takes it reads as the whole way does", () => {
  const edit = fc.tuple(fc.nat(TENANT.length), fc.nat(4), fc.oneof(fc.constantFrom("{", "}", "[", "]", "(", ")", ",", ";", ":", "...", "`", '"', "'", "\\", "\n", "//", "/*", "*/", "as ", "-", "0", "e", ".", "$", "é", "a"), fc.string({ unit: "binary", maxLength: 3 })));
  let taken = 0;
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 3 }), (edits) => {
      if (agrees(applyEdits(TENANT, edits))) taken++;
    }),
    { numRuns: 2000, seed: 512 },
  );
  assert.ok(taken > 200, `took ${taken} of 2000 mutated files`);
});

test("every tenant file of the fixtures and of the repository reads alike both ways", () => {
  let taken = 0;
  for (const fleet of [path.join(REPO_ROOT, "test", "fixtures", "fleet"), REPO_ROOT]) {
    const opts = { root: fleet, apiModule: path.join(fleet, "compiler", "api"), presetDir: path.join(fleet, "platform") };
    const dir = path.join(fleet, "tenants");
    for (const name of fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith(".ts")) : []) {
      const abs = path.join(dir, name);
      const text = fs.readFileSync(abs, "utf8");
      const reader = new StaticReader(opts);
      let whole = false;
      const load = reader.load.bind(reader);
      reader.load = (p, t, remember) => ((whole ||= p === abs), load(p, t, remember));
      const view = (r: ReturnType<StaticReader["read"]>) => ({ value: r.value, json: JSON.stringify(r.value), locator: r.locator.snapshot(), diagnostics: r.diagnostics, unreadable: r.unreadable });
      assert.equal(view(reader.read(abs, "defineTenant", text)), view(new StaticReader(opts, false).read(abs, "defineTenant", text)), name);
      if (!whole) taken++;
    }
  }
  assert.ok(taken > 0, "no fixture file was taken");
});

test.run();

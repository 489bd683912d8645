// Property-based fuzzing of tenant files: mutations of a valid tenant never crash the compiler (exit 2), never
// write part of generated/, and always end in either a located error in the mutated file or a compile that is
// deterministic and up to date.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readTree, run, tempFleet, treeHash } from "../helpers/fleet";

const ID = "fuzzed";
const FILE = `tenants/${ID}.ts`;

// A tenant that uses most of the schema, so mutations reach most of the reader and the rules.
const BASE = `import { defineTenant } from "../compiler/api";
import { standardPlugins } from "../platform/presets";

const relay = "smtp.fuzzed.example.org";

export default defineTenant({
  id: "${ID}",
  wave: 2,
  release: "ulmo",
  hosts: { lms: "learn.fuzzed.example.org", cms: "studio.fuzzed.example.org", extra: ["www.fuzzed.example.org"] },
  platformName: "Fuzzed Academy",
  contactEmail: "ops@fuzzed.example.org",
  language: "es-419",
  size: { preset: "medium", lms: { replicas: { max: 4 } } },
  plugins: [...standardPlugins],
  services: { mysql: "shared", mongodb: "shared", redis: "shared", search: "shared" },
  labels: { team: "fuzz-team", costCentre: "cc-1" },
  tutor: { OPENEDX_LMS_UWSGI_WORKERS: 3 },
  mail: { host: relay, port: 587, security: "starttls", username: "mailer", addresses: ["198.51.100.7/32"] },
  admins: ["ops@fuzzed.example.org"],
});
`;

// Pieces that mean something to one of the systems a value reaches: Jinja, Python, YAML, SQL, globs, JS objects.
const HOSTILE = [
  "{{", "}}", "{%", "%}", "{#", "#}", "\\", '"', "'", "`", "${", "\n", "\r", "\u0085", "\u2028", "\0", "_", "%", "*", "?", "[",
  "..", ".", "-", ":", "/", "@", "__proto__", "constructor", "toString", "from-cluster-secret:", "sk_live_", "AKIA", "eyJ", "latest",
  "9".repeat(40), "example.org", "learn.acme.example.org", "kube-system", " ", "é", "😀",
];
const SNIPPETS = [
  "{", "}", ",", "[", "]", ":", "...", "(", ")", ";", '"', "`", "${", "//", "/*", "*/", "export default {};", "const relay = 1;",
  "__proto__: {},", '"__proto__": { id: "x" },', "get id() { return 1 },", "id: \"other\",", "release: \"toString\",", "size: \"constructor\",",
  "state: \"archived\",", "cluster: \"hasOwnProperty\",", "plugins: [\"valueOf\"],", "tutor: { DOCKER_IMAGE_CADDY: \"caddy:latest\" },",
  "labels: { team: \"{{ 7*7 }}\" },", "...relay,", "satisfies any", " as any",
];

const stringContent = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.array(fc.constantFrom(...HOSTILE), { maxLength: 4 }).map((parts) => parts.join("")),
  fc.string({ unit: "grapheme", maxLength: 12 }),
  fc.string({ maxLength: 12 }),
);

type Mutation = ((text: string) => string) & { [fc.toStringMethod]: () => string };

/** A mutation that prints as what it does, so a counterexample reads as a recipe. */
const named = (what: string, apply: (text: string) => string): Mutation => Object.assign(apply, { [fc.toStringMethod]: () => what });

/** One mutation of the source text, as a function of the text. */
// legitimate edits, so that a mutated file still compiles often enough for determinism to be tested
const benign = fc.oneof(
  fc.stringMatching(/^[A-Za-z][A-Za-z ']{0,30}[A-Za-z]$/).map((v) => ["platformName", JSON.stringify(v)] as const),
  fc.integer({ min: 0, max: 9 }).map((v) => ["wave", String(v)] as const),
  fc.constantFrom("en", "fr", "de", "pt-br").map((v) => ["language", JSON.stringify(v)] as const),
  fc.stringMatching(/^[a-z][a-z0-9-]{0,20}[a-z0-9]$/).map((v) => ["team", JSON.stringify(v)] as const),
);

const mutation = fc.oneof(
  {
    weight: 2,
    arbitrary: benign.map(([key, value]) => named(`${key}: ${value}`, (text) => text.replace(new RegExp(`(\\b${key}: )("[^"]*"|\\d+)`), `$1${value}`))),
  },
  // set one property's string value to a hostile piece (the likeliest way past the parser into the rules)
  {
    weight: 3,
    arbitrary: fc.tuple(fc.nat(), fc.constantFrom(...HOSTILE)).map(([n, s]) => named(`value #${n} = ${JSON.stringify(s)}`, (text) => {
      const values = [...text.matchAll(/(\w+: )"((?:[^"\\\n]|\\.)*)"/g)];
      const m = values[n % values.length]!;
      return text.slice(0, m.index! + m[1]!.length) + JSON.stringify(s) + text.slice(m.index! + m[0].length);
    })),
  },
  // replace the content of one string literal
  fc.tuple(fc.nat(), stringContent).map(([n, s]) => named(`literal #${n} = ${JSON.stringify(s)}`, (text) => {
    const literals = [...text.matchAll(/"((?:[^"\\\n]|\\.)*)"/g)];
    const m = literals[n % literals.length]!;
    return text.slice(0, m.index! + 1) + JSON.stringify(s).slice(1, -1) + text.slice(m.index! + m[0].length - 1);
  })),
  // insert a snippet anywhere
  fc.tuple(fc.nat(), fc.constantFrom(...SNIPPETS)).map(([n, s]) => named(`insert ${JSON.stringify(s)} at ${n}`, (text) => {
    const at = n % (text.length + 1);
    return text.slice(0, at) + s + text.slice(at);
  })),
  // delete a short range
  fc.tuple(fc.nat(), fc.integer({ min: 1, max: 24 })).map(([n, len]) => named(`delete ${len} at ${n}`, (text) => {
    const at = n % text.length;
    return text.slice(0, at) + text.slice(at + len);
  })),
  // replace one number
  fc.tuple(fc.nat(), fc.constantFrom("-1", "0", "1e400", "0x10", "1_000", "NaN", "Infinity", "99999999999999999999", "2.5", "-0")).map(
    ([n, v]) => named(`number #${n} = ${v}`, (text) => {
      const numbers = [...text.matchAll(/\b\d+\b/g)];
      const m = numbers[n % numbers.length]!;
      return text.slice(0, m.index!) + v + text.slice(m.index! + m[0].length);
    }),
  ),
);

// CI replays one fixed seed (a red build is then reproducible); elsewhere each run explores new inputs
function seed(): { seed?: number } {
  if (process.env.FUZZ_SEED) return { seed: Number(process.env.FUZZ_SEED) };
  return process.env.CI ? { seed: 20261205 } : {};
}

const root = tempFleet();
const ready = run(root, "compile");

test("a mutated tenant file gives a located error and writes nothing, or compiles deterministically", async () => {
  assert.is((await ready).code, 0);
  let compiled = 0;
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(mutation, { minLength: 1, maxLength: 3 }), async (mutations) => {
      const text = mutations.reduce((t, m) => m(t), BASE);
      const before = treeHash(path.join(root, "generated"));
      fs.writeFileSync(path.join(root, FILE), text);
      const result = await run(root, "compile");
      const shown = `--- ${FILE}\n${text}\n--- stderr\n${result.err}`;
      assert.ok(result.code === 0 || result.code === 1, `exit ${result.code} (internal error)\n${shown}`);
      if (result.code === 1) {
        refused++;
        assert.is(treeHash(path.join(root, "generated")), before, `generated/ changed on a refused compile\n${shown}`);
        const located = [...result.err.matchAll(/^(\S+):(\d+):(\d+) error /gm)];
        assert.ok(located.length > 0, `no located error\n${shown}`);
        assert.ok(located.every((m) => Number(m[2]) >= 1 && Number(m[3]) >= 1), shown);
        assert.ok(located.some((m) => m[1] === FILE), `no error located in ${FILE}\n${shown}`);
        return;
      }
      compiled++;
      assert.is((await run(root, "check")).code, 0, `check after compile\n${shown}`);
      // the same file compiled from scratch elsewhere gives the same files
      const fresh = tempFleet();
      fs.writeFileSync(path.join(fresh, FILE), text);
      assert.is((await run(fresh, "compile")).code, 0, shown);
      const mine = (dir: string) => new Map([...readTree(path.join(dir, "generated"))].filter(([p]) => p.includes(ID)));
      assert.equal(mine(fresh), mine(root), `not deterministic\n${shown}`);
    }),
    { numRuns: Number(process.env.FUZZ_RUNS ?? 80), ...seed() },
  );
  // both outcomes must be exercised, or the property says little
  if (process.env.FUZZ_VERBOSE) console.log({ compiled, refused });
  assert.ok(compiled > 0 && refused > 0, `compiled ${compiled}, refused ${refused}`);
});

test.run();

// The output secret scan finds exactly what the scan before it was made faster found (reference-secrets.ts):
// on generated files, on them with secrets written into them, on the hostile secrets corpus and on random text.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import fg from "fast-glob";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { findSecrets } from "../../compiler/scan/secrets";
import { compiledFixture, REPO_ROOT } from "../helpers/fleet";
import { referenceFindSecrets } from "./reference-secrets";

const same = (text: string, what: string) => assert.equal(findSecrets(text), referenceFindSecrets(text), what);

// Built at run time so this file holds no token-shaped literal a scanner of the repository would flag.
const random = "k3J9x2LmQp8vR4tZ7wYb1NcD";
const SECRETS = [
  `OPENEDX_SECRET_KEY: "${random}"`,
  `MYSQL_ROOT_PASSWORD: ${random}`,
  `  "api_key": "${random}",`,
  `SOCIAL_AUTH_EDX_OAUTH2_SECRET = '${random}'`,
  `redis://acme:${random}@redis:6379/1`,
  `postgres://u:p@db/x`,
  "-----BEGIN " + "RSA PRIVATE KEY-----",
  "AKIA" + "IOSFODNN7EXAMPL1",
  "ghp_" + random + "a1B2c3D4e5F6",
  "github_pat_" + random + random,
  "xoxb-" + "1234567890-abcdef",
  "xoxp-" + random,
  `"d": "${random}${random}"`,
  `"qi":\n  "${random}${random}"`,
  `token: from-cluster-secret:TOKEN`,
  `password: from-cluster-secret:A${random}`,
  `\u212Aey: ${random}`,
  `İpassword: ${random}`,
  `Http_Auth\t= ${random}`,
  `credentials :${random}`,
  `Api-TOKEN\u00a0\u2003: ${random}`,
  `'dq' \n : "${random}${random}"`,
  `"p"\r\n:'${random}${random}'`,
];

let generated: { file: string; text: string }[] = [];

test.before(async () => {
  const root = await compiledFixture();
  const out = path.join(root, "generated");
  generated = fg.sync("**/*", { cwd: out, dot: true }).sort().map((file) => ({ file, text: fs.readFileSync(path.join(out, file), "utf8") }));
});

test("the generated files of the fixture fleet: the same (no) findings", () => {
  assert.ok(generated.length > 20);
  for (const { file, text } of generated) same(text, file);
});

test("generated files with secrets written into random lines: the same findings, lines and order", () => {
  fc.assert(
    fc.property(fc.nat(), fc.array(fc.tuple(fc.nat(), fc.constantFrom(...SECRETS), fc.boolean())), (pick, inserts) => {
      const { file, text } = generated[pick % generated.length]!;
      const lines = text.split("\n");
      for (const [at, secret, own] of inserts) {
        const i = at % lines.length;
        lines[i] = own ? secret : `${lines[i]} ${secret}`;
      }
      same(lines.join("\n"), file);
    }),
    { numRuns: 400 },
  );
});

test("the hostile secrets corpus: the same findings", () => {
  const dir = path.join(REPO_ROOT, "test", "fixtures", "hostile", "secrets");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts"));
  assert.ok(files.length > 0);
  for (const f of files) {
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    same(text, f);
    // and each line of it as a YAML value and a JSON member
    for (const line of text.split("\n")) {
      same(`key: ${line}\n  ${line.trim()}`, `${f}: ${line}`);
      same(`{"secret": ${JSON.stringify(line)}}`, `${f}: ${line}`);
    }
  }
});

test("random text made of the pieces the rules look for: the same findings", () => {
  const piece = fc.oneof(
    fc.constantFrom(...SECRETS, "pass", "PASSWORD", "secret", "Key", "token", "auth", "credential", "credentials", "_key", "apiKey", "://", "@", ":", "=", " ", "\t", "\n", "\r\n", '"', "'", "from-cluster-secret:", "${X}", "{{ X }}", "gh", "ghp_", "ghs_", "xox", "xoxr-", "AKIA", "E KEY", "_pat_", "https://", "sha256:", '"d"', "'qi'", "dp", "\u00a0", "\u3000"),
    fc.string({ unit: fc.constantFrom(..."aZ09_-.:=@/ \"'\nKkPpSsTt\u212A\u0130".split("")), maxLength: 8 }),
    fc.string({ unit: fc.constantFrom(..."abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".split("")), minLength: 16, maxLength: 48 }),
  );
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 30 }), (pieces) => same(pieces.join(""), JSON.stringify(pieces.join("")))),
    { numRuns: 5000 },
  );
});

test.run();

// The secret scan: a table of lines that must be flagged and lines that must pass (placeholders among them).
import { test } from "uvu";
import * as assert from "uvu/assert";
import { findSecrets } from "../../compiler/scan/secrets";

// Built at run time so this file itself holds no token-shaped literal a scanner of the repository would flag.
const ghToken = "ghp_" + "a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8";
const pem = "-----BEGIN " + "RSA PRIVATE KEY-----";

const FLAGGED: [string, string][] = [
  [pem, "private key block"],
  ["-----BEGIN " + "PRIVATE KEY-----", "private key block"],
  ["-----BEGIN " + "OPENSSH PRIVATE KEY-----", "private key block"],
  ["aws_access_key_id = AKIA" + "IOSFODNN7EXAMPLE", "AWS access key id"],
  [`token: ${ghToken}`, "GitHub token"],
  ['OPENEDX_SECRET_KEY: "k3J9x2LmQp8vR4tZ7wYb1NcD"', 'secret-named key "OPENEDX_SECRET_KEY"'],
  ["MYSQL_ROOT_PASSWORD: Zx81kdPq02LmVt7c", 'secret-named key "MYSQL_ROOT_PASSWORD"'],
  ['SOCIAL_AUTH_EDX_OAUTH2_SECRET = "q9W3e8R7t6Y5u4I3o2P1"', 'secret-named key "SOCIAL_AUTH_EDX_OAUTH2_SECRET"'],
  ['"api_key": "9f8e7d6c5b4a3f2e1d0c9b8a"', 'secret-named key "api_key"'],
  ["redis://acme:Pq81LmZx0kVt7cWq@redis:6379/1", "credentials in a URL"],
  ["password: ab12-cd34-ef56-gh78-ij90", 'secret-named key "password"'],
  ["redis://acme:pw@redis:6379/1", "credentials in a URL"],
  ['        "d": "' + "x".repeat(20) + "Ab3dE5gH7jK9mN1pQ3sT5vX7zB9" + '",', "private JWK member"],
];

const PASSING: string[] = [
  "OPENEDX_SECRET_KEY: from-cluster-secret:OPENEDX_SECRET_KEY",
  'SECRET_KEY = "from-cluster-secret:OPENEDX_SECRET_KEY"',
  "redis://acme:from-cluster-secret:REDIS_PASSWORD@redis.redis.svc.cluster.local:6379/1",
  '  --client-secret "${CMS_OAUTH2_SECRET}" \\',
  "          name: openedx-secrets",
  "  secretName: openedx-jwt",
  "      key: OPENEDX_MYSQL_PASSWORD",
  "MEILISEARCH_API_KEY_UID: \"0cafd8d3-5ee3-57b8-852b-da6aa642d633\"",
  "  name: openedx-settings-lms-c4542c8bk6",
  "existingMasterKeySecret: tenant-00017-meilisearch-master-key",
  "  secretName: tenant-42-openedx-jwt",
  "MONGODB_PASSWORD: \"\"",
  "SMTP_PASSWORD: changeme",
  'JWT_AUTH["JWT_SECRET_KEY"] = "{{ JWT_COMMON_SECRET_KEY }}"',
  '        "d": "AA",',
  "image: docker.io/overhangio/openedx:21.0.8",
  "  sha256: 3f786850e387550fdab836ed7e6dc881de23001b",
];

test("flags key material, known token formats and random values under secret-named keys", () => {
  for (const [line, rule] of FLAGGED) {
    const found = findSecrets(line);
    assert.ok(found.some((f) => f.rule.includes(rule)), `${line} → ${rule}; got ${JSON.stringify(found)}`);
  }
});

test("passes placeholders, references, names, hashes and empty values", () => {
  for (const line of PASSING) assert.equal(findSecrets(line), [], line);
});

test("findings give the line and never the whole value", () => {
  const [f] = findSecrets(`a: 1\nOPENEDX_SECRET_KEY: k3J9x2LmQp8vR4tZ7wYb1NcD\n`);
  assert.is(f!.line, 2);
  assert.not.ok(f!.masked.includes("k3J9x2LmQp8vR4tZ7wYb1NcD"));
});

test.run();

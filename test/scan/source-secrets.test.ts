// Secret detection in tenant and platform values: tables of values that must be flagged and values that must
// pass, findings located at the value's own line, and no message of a compile or check ever printing a secret.
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { createReader } from "../../compiler/load";
import { secretDiagnostics as outputDiagnostics } from "../../compiler/scan/generated";
import { maskSecretsIn } from "../../compiler/scan/redact";
import { presetFindings } from "../../compiler/scan/secretlint";
import { commentSecrets, findSourceSecrets } from "../../compiler/scan/source-values";
import { valueMatches } from "../../compiler/scan/value-rules";
import { Locator } from "../../compiler/source/locator";
import { describeValue } from "../../compiler/validate/schema-issues";
import { REPO_ROOT, run, tempFleet, treeHash } from "../helpers/fleet";

// Tokens built at run time, so this file holds no token-shaped literal (the corpus files are fixtures).
const t = {
  stripe: "sk_live_" + "A".repeat(24),
  gitlab: "glpat-" + "aBcDeFgHiJkLmNoPqRsT",
  npm: "npm_" + "qkJaB6MffYVzZXWqmcoF49yrUxP3wf0LsakP",
  openai: "sk-" + "sUeBP9asw6GiYHXqtg70" + "T3BlbkFJ" + "JuLwJFco90bOpU0Ntest",
  slackHook: "https://hooks.slack.com/services/" + "T11111AA/BAAAA111A/qKirRWalryBGqKirRWalryBG",
  awsSecret: "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYSECRETSKEY",
  google: "AIza" + "SyA-FAKE-FAKE-FAKE-0000000000000000",
  jwt: "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiJmYWtlIn0" + ".ZmFrZS1zaWduYXR1cmU",
  blob: "q8Zx2RkP4vLm9TnB7wYc" + "3HdF6jGs",
};

const FLAGGED: [string, Record<string, unknown>, string][] = [
  ["Stripe key in free text", { platformName: `Pay ${t.stripe} now` }, "stripe"],
  ["GitLab token as a label", { labels: { team: t.gitlab } }, "gitlab"],
  ["npm token", { tutor: { SMTP_HOST: t.npm } }, "npm"],
  ["OpenAI key", { notes: t.openai }, "openai"],
  ["Slack webhook", { tutor: { X: t.slackHook } }, "IncomingWebhook"],
  ["AWS secret key under its name", { tutor: { AWS_SECRET_ACCESS_KEY: t.awsSecret } }, "aws"],
  ["AWS secret key under any name", { platformName: t.awsSecret }, "random-looking blob"],
  ["Google API key", { image: { tag: t.google } }, "Google API key"],
  ["JWT", { tutor: { X: t.jwt } }, "JSON Web Token"],
  ["base64 blob as a label", { labels: { costCentre: t.blob } }, "random-looking blob"],
  ["2-character URL password", { tutor: { REQS: ["git+https://bob:pw@git.example.org/x.git"] } }, "credentials in a URL"],
  ["user:password@host without a scheme", { tutor: { SMTP_HOST: "mailer:hunter2@smtp.example.org" } }, "credentials before a host name"],
  ["password under a password key", { smtpPassword: "hunter2!" }, "a password"],
  ["token as a property name", { labels: { [t.gitlab]: "x" } }, "gitlab"],
  ["private key armour", { tutor: { X: "-----BEGIN " + "PRIVATE KEY-----\nMIIB" } }, "private key block"],
  ["secret with Jinja around it", { platformName: `{{ '${t.stripe}' }}` }, "stripe"],
];

const PASSING: unknown[] = [
  { hosts: { lms: "learn.acme.example.org", cms: "studio.academy.globex.com", extra: ["a1b2c3d4e5f6a7b8c9d0e1f2.example.org"] } },
  { image: { registry: "ghcr.io", repository: "globex/openedx", tag: "21.0.8-globex.4" } },
  { contactEmail: "learning+tenant-4711@globex.com", labels: { team: "corporate-learning", costCentre: "cc-4711" } },
  { release: "ulmo", version: "21.0.8", semver: "v1.2.3-rc.1+build.20260301" },
  { image: "docker.io/overhangio/openedx@sha256:" + "3f786850e387550fdab836ed7e6dc881".repeat(2) },
  { commit: "3f786850e387550fdab836ed7e6dc881de23001b", uid: "0cafd8d3-5ee3-57b8-852b-da6aa642d633" },
  { platformName: "MyUniversityLearningPortal2026", other: "OpenedxCourseCatalogV2Beta2026", k8s: "K8sClusterEuWest1ProductionPool" },
  { platformName: "O'Brien & Söhne Académie – Weiterbildung 2026" },
  { tutor: { REQS: ["git+https://github.com/openedx/xblock-drag-and-drop-v2.git@v5.0.3"], URL: "https://deploy@git.example.org/x.git" } },
  { password: "from-cluster-secret:SMTP_PASSWORD", url: "redis://acme:from-cluster-secret:REDIS_PASSWORD@redis:6379/1", ref: "https://${USER}:${PASSWORD}@x.example.org" },
  { credentialsSecret: "velero-credentials", existingSecret: "tenant-00017-meilisearch-master-key" },
  { image: "ghcr.io/globex/openedx:21.0.8@sha256:" + "3f786850e387550f".repeat(4), git: "git@github.com:openedx/edx-platform.git", contact: "mailto:ops@example.org", sip: "sip:desk@voip.example.org", proxy: "proxy:${PASSWORD}@proxy.example.org" },
];

test("flags tokens of the preset and the rules it lacks, wherever the string sits", () => {
  for (const [name, value, rule] of FLAGGED) {
    const [found] = findSourceSecrets([value]) as [ReturnType<typeof findSourceSecrets>[number]];
    assert.ok(found.length === 1 && found[0]!.rule.includes(rule), `${name}: expected ${rule}, got ${JSON.stringify(found.map((f) => f.rule))}`);
  }
});

test("passes host names, tags, e-mails, labels, versions, digests, names and placeholders", () => {
  const found = findSourceSecrets(PASSING);
  PASSING.forEach((value, i) => assert.equal(found[i]!.map((f) => f.rule), [], JSON.stringify(value)));
});

test("messages are masked: known secrets and anything the rules flag", () => {
  assert.is(maskSecretsIn(`"${t.stripe}" is not a host name`), '"sk_l…(32 chars)" is not a host name');
  assert.is(maskSecretsIn("got hunter2! here", ["hunter2!"]), "got hu…(8 chars) here");
  assert.is(maskSecretsIn("https://admin:pw@x.example.org"), "http…(17 chars)x.example.org");
  assert.is(maskSecretsIn("tenants/acme.ts:7:3 hosts.lms is taken by globex"), "tenants/acme.ts:7:3 hosts.lms is taken by globex");
  // schema errors quote the value they refuse
  assert.is(describeValue(`${t.gitlab}.example.org`), '"glpa…(26 chars).example.org"');
  assert.is(describeValue("Learn.Acme.org"), '"Learn.Acme.org"');
});

test("tokens in comments are found at their line and column; lines a value finding reports are left to it", () => {
  const text = ["const a = 1; // old: " + t.gitlab, "/*", "  rotated " + t.npm, "*/", 'const url = "https://x.example.org"; // docs', `const b = "${t.stripe}";`].join("\n");
  const found = commentSecrets([{ file: "tenants/x.ts", text, reported: new Set([6]) }]);
  assert.equal(found.map((d) => [d.line, d.col, d.code]), [[1, 22, "secret-in-source"], [3, 11, "secret-in-source"]]);
  assert.match(found[0]!.message, "gitlab");
  assert.not.match(found.map((d) => d.message).join(), t.gitlab);
});

test("a finding in generated/ is reported at the tenant value it came from, or at the platform's", () => {
  const locator = new Locator("tenants/acme.ts");
  locator.set([], { file: "tenants/acme.ts", line: 2, col: 30 });
  locator.set(["tutor", "X"], { file: "tenants/acme.ts", line: 9, col: 14 });
  const owner = { file: "tenants/acme.ts", value: { tutor: { X: `a ${t.jwt} b` } }, locator };
  const finding = { file: "tenants/acme/config.yml", line: 40, rule: "JSON Web Token", masked: "eyJh…(60 chars)", secret: t.jwt };
  const [found] = outputDiagnostics([finding], { tenant: (id) => (id === "acme" ? owner : undefined) });
  assert.equal([found!.file, found!.line, found!.col, found!.code], ["tenants/acme.ts", 9, 14, "secret-in-source"]);
  assert.match(found!.message, "would be written to generated/tenants/acme/config.yml:40");
  const [elsewhere] = outputDiagnostics([{ ...finding, secret: t.stripe }], { tenant: () => owner });
  assert.equal([elsewhere!.file, elsewhere!.line], ["tenants/acme.ts", 2], "not found: the tenant's object");
  const [unowned] = outputDiagnostics([{ ...finding, file: "platform/x.yaml" }], { tenant: () => owner });
  assert.equal([unowned!.file, unowned!.code], ["generated/platform/x.yaml", "secret-in-output"]);
});

test("a secret in platform.ts is refused at its line", async () => {
  const platform = fs.readFileSync(path.join(REPO_ROOT, "test", "fixtures", "fleet", "platform", "platform.ts"), "utf8");
  const line = platform.split("\n").findIndex((l) => l.includes('credentialsSecret: "velero-credentials"')) + 1;
  const root = tempFleet({ platform: platform.replace('region: "eu-west-1"', `region: "${t.google}"`) });
  const result = await run(root, "compile");
  assert.is(result.code, 1);
  const col = platform.split("\n")[line - 1]!.indexOf('"eu-west-1"') + 1;
  assert.match(result.err, `platform/platform.ts:${line}:${col} error`);
  assert.match(result.err, "Google API key (AIza…(39 chars)) [secret-in-source]");
  assert.not.match(result.err, t.google);
});

test("no message of compile or check prints a secret of the corpus (all its files in one fleet)", async () => {
  const dir = path.join(REPO_ROOT, "test", "fixtures", "hostile", "secrets");
  const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts")).sort();
  assert.ok(files.length >= 12, `${files.length} files`);
  const root = tempFleet();
  assert.is((await run(root, "compile")).code, 0);
  const before = treeHash(path.join(root, "generated"));
  const secrets: string[] = [];
  const reader = createReader(root);
  for (const f of files) {
    fs.copyFileSync(path.join(dir, f), path.join(root, "tenants", f));
    const text = fs.readFileSync(path.join(dir, f), "utf8");
    const [found] = findSourceSecrets([reader.read(path.join(root, "tenants", f), "defineTenant").value]) as [ReturnType<typeof findSourceSecrets>[number]];
    // the tokens in its values, and those anywhere in its text (a comment)
    const inText = [...presetFindings(text), ...valueMatches(text)].map((m) => text.slice(m.start, m.end));
    assert.ok(found.length + inText.length > 0, `${f}: a secret found`);
    secrets.push(...found.map((s) => s.secret), ...inText);
  }
  for (const args of [["compile"], ["check", "--no-cache"]]) {
    const result = await run(root, args[0]!, ...args.slice(1));
    assert.is(result.code, 1);
    const output = `${result.out}\n${result.err}`;
    for (const f of files) assert.match(output, new RegExp(`^tenants/${f.replace(".", "\\.")}:\\d+:\\d+ error .*\\[secret-in-source\\]`, "m"), f);
    // the whole token, and any 12 characters of it (of a URL, up to its host: the host is no secret)
    for (const found of secrets) {
      const s = found.includes("@") ? found.slice(0, found.lastIndexOf("@") + 1) : found;
      assert.not.ok(output.includes(found), `${args[0]} printed ${s.slice(0, 4)}…`);
      for (let i = 0; i + 12 <= s.length; i += 6) assert.not.ok(output.includes(s.slice(i, i + 12)), `${args[0]} printed part of ${s.slice(0, 4)}…: ${s.slice(i, i + 12)}`);
    }
  }
  assert.is(treeHash(path.join(root, "generated")), before, "nothing written");
});

test.run();

// Mail through the declared relay: Tutor's exim never runs, the password comes from the cluster, and the
// tenant pods may reach the relay's addresses on its port and nothing else for mail.
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import YAML from "yaml";
import { CREDENTIALS_NAMESPACE, CREDENTIALS_STORE } from "../../compiler/model/credentials";
import { SECRET_ENV } from "../../compiler/tutor/secret-env";
import { examplePlatform } from "../helpers/platform";
import { readTree, run, tempFleet, tenantSource } from "../helpers/fleet";

const docs = (tree: Map<string, string>, file: string) => YAML.parseAllDocuments(tree.get(file) ?? "").map((d) => d.toJS()).filter(Boolean);

async function compiled(opts: Parameters<typeof tempFleet>[0]) {
  const root = tempFleet({ examples: false, ...opts });
  const r = await run(root, "compile");
  return { ...r, tree: readTree(path.join(root, "generated")) };
}

test("the platform's relay: RUN_SMTP false, the password a placeholder filled from the cluster, egress to the relay alone", async () => {
  const { code, err, tree } = await compiled({ tenants: { alpha: tenantSource("alpha") } });
  assert.is(code, 0, err);
  const config = YAML.parse(tree.get("tenants/alpha/config.yml")!);
  assert.equal(
    [config.RUN_SMTP, config.SMTP_HOST, config.SMTP_PORT, config.SMTP_USE_TLS, config.SMTP_USE_SSL, config.SMTP_USERNAME, config.SMTP_PASSWORD],
    [false, "smtp.example.org", 587, true, false, "openedx", "from-cluster-secret:SMTP_PASSWORD"],
  );
  const objects = docs(tree, "tenants/alpha/resources/objects.yaml");
  const copy = objects.find((o) => o.kind === "ExternalSecret" && o.metadata.name === "openedx-smtp");
  assert.equal(copy.spec.secretStoreRef, { kind: "ClusterSecretStore", name: CREDENTIALS_STORE });
  assert.equal(copy.spec.data, [{ secretKey: "SMTP_PASSWORD", remoteRef: { key: "mail-relay", property: "password" } }]);
  const env = SECRET_ENV.find((s) => s.env === "SMTP_PASSWORD")!;
  assert.equal([env.secret, env.key], [copy.spec.target.name, "SMTP_PASSWORD"]);
  const relay = objects.find((o) => o.kind === "NetworkPolicy" && o.metadata.name === "allow-mail-relay");
  assert.equal(relay.spec.egress, [{ to: [{ ipBlock: { cidr: "203.0.113.25/32" } }], ports: [{ protocol: "TCP", port: 587 }] }]);
  const store = docs(tree, "platform/external-secrets/main/objects.yaml").find((o) => o.kind === "ClusterSecretStore");
  assert.is(store.spec.provider.kubernetes.remoteNamespace, CREDENTIALS_NAMESPACE);
  assert.ok(store.spec.conditions[0].namespaceSelector.matchExpressions.some((e: { key: string }) => e.key === "fleet.openedx.org/tenant"));
});

test("a tenant's own relay replaces the platform's, with its own Secret; a relay without a user has no password", async () => {
  const own = `mail: { host: "mail.beta.example.org", port: 465, security: "tls", username: "beta", addresses: ["198.51.100.0/28"] },`;
  const open = `mail: { host: "relay.gamma.example.org", port: 25, security: "none", addresses: ["198.51.100.10/32"] },`;
  const { code, err, tree } = await compiled({ tenants: { beta: tenantSource("beta", own), gamma: tenantSource("gamma", open) } });
  assert.is(code, 0, err);
  const beta = YAML.parse(tree.get("tenants/beta/config.yml")!);
  assert.equal([beta.SMTP_HOST, beta.SMTP_PORT, beta.SMTP_USE_TLS, beta.SMTP_USE_SSL], ["mail.beta.example.org", 465, false, true]);
  const copy = docs(tree, "tenants/beta/resources/objects.yaml").find((o) => o.kind === "ExternalSecret" && o.metadata.name === "openedx-smtp");
  assert.is(copy.spec.data[0].remoteRef.key, "tenant-mail-beta");
  const gamma = YAML.parse(tree.get("tenants/gamma/config.yml")!);
  assert.is(gamma.SMTP_PASSWORD, undefined);
  assert.is(gamma.SMTP_USERNAME, "");
  const objects = docs(tree, "tenants/gamma/resources/objects.yaml");
  assert.not.ok(objects.some((o) => o.metadata.name === "openedx-smtp"));
  assert.equal(objects.find((o) => o.metadata.name === "allow-mail-relay").spec.egress[0].ports, [{ protocol: "TCP", port: 25 }]);
});

test("a tenant's relay may not open private or link-local addresses, nor a port that is not for mail; the platform's may", async () => {
  const metadata = `mail: { host: "relay.x.example.org", port: 80, addresses: ["169.254.169.254/32", "10.1.2.0/24", "fd00::1/128"] },`;
  const { code, err } = await compiled({ tenants: { delta: tenantSource("delta", metadata) } });
  assert.is(code, 1);
  assert.match(err, /mail\.port: a tenant's relay listens on a mail port: 25, 465, 587, 2525/);
  for (const cidr of ["169.254.169.254/32", "10.1.2.0/24", "fd00::1/128"]) assert.match(err, `"${cidr}" is not public`);
  const platform = examplePlatform.replace('addresses: ["203.0.113.25/32"]', 'addresses: ["10.0.5.10/32"]');
  assert.is(platform === examplePlatform, false);
  const ok = await compiled({ platform, tenants: { alpha: tenantSource("alpha") } });
  assert.is(ok.code, 0, ok.err);
});

test("no tenant id makes its relay's Secret the platform's: tenant `relay` reads tenant-mail-relay", async () => {
  const own = `mail: { host: "mail.relay.example.org", username: "relay", addresses: ["198.51.100.20/32"] },`;
  const { code, err, tree } = await compiled({ tenants: { relay: tenantSource("relay", own) } });
  assert.is(code, 0, err);
  const copy = docs(tree, "tenants/relay/resources/objects.yaml").find((o) => o.metadata.name === "openedx-smtp");
  assert.is(copy.spec.data[0].remoteRef.key, "tenant-mail-relay");
});

test("SMTP settings in `tutor` are refused: the relay is declared as `mail`", async () => {
  const { code, err } = await compiled({ tenants: { delta: tenantSource("delta", `tutor: { SMTP_HOST: "smtp.evil.example.com" },`) } });
  assert.is(code, 1);
  assert.match(err, /SMTP_HOST.*is set by the compiler: set from `mail`/);
});

test("without any relay the compile warns, naming the cluster", async () => {
  const platform = examplePlatform.replace(/\n  mail: \{[^\n]*\n/, "\n");
  assert.is.not(platform, examplePlatform);
  const { code, err } = await compiled({ platform, tenants: { alpha: tenantSource("alpha") } });
  assert.is(code, 0, err);
  assert.match(err, /no mail relay for the tenants of cluster "main".*\[mail-relay\]/);
});

test.run();

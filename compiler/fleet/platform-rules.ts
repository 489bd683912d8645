// Checks of the platform file beyond its schema.
import { error, warning, type Diagnostic } from "../diagnostics";
import type { Source } from "../load";
import { inCatalog } from "../model/catalog";
import { parseCpu, parseMemory } from "../model/quantity";
import type { Platform } from "../schema/platform";
import { WORKLOADS } from "../schema/size";
import { didYouMean } from "../validate/suggest";
import { checkComponents } from "./component-rules";
import { checkPlatformDomains } from "./platform-domain-rules";

type Rule = (p: Source<Platform>) => Diagnostic[];

const defaultClusterDeclared: Rule = ({ value, locator }) => {
  const names = Object.keys(value.clusters);
  if (value.defaultCluster === undefined) {
    return names.length > 1
      ? [error("default-cluster", locator.value(["clusters"]), "several clusters are declared but no `defaultCluster`", { path: "clusters", hint: `add \`defaultCluster: "${names.sort()[0]}"\`` })]
      : [];
  }
  if (inCatalog(value.clusters, value.defaultCluster)) return [];
  return [error("default-cluster", locator.value(["defaultCluster"]), `defaultCluster "${value.defaultCluster}" is not a declared cluster`, { path: "defaultCluster", hint: didYouMean(value.defaultCluster, names) ?? `clusters: ${names.join(", ")}` })];
};

const presetsConsistent: Rule = ({ value, locator }) =>
  Object.entries(value.sizes).flatMap(([name, preset]) =>
    WORKLOADS.flatMap((w) => {
      const s = preset[w];
      const path = ["sizes", name, w];
      const at = locator.value(path);
      const out: Diagnostic[] = [];
      if (parseMemory(s.requests.memory) > parseMemory(s.limits.memory)) out.push(error("size-inconsistent", at, `memory request ${s.requests.memory} exceeds the limit ${s.limits.memory}`, { path: path.join(".") }));
      if (s.limits.cpu !== undefined && parseCpu(s.requests.cpu) > parseCpu(s.limits.cpu)) out.push(error("size-inconsistent", at, `CPU request ${s.requests.cpu} exceeds the limit ${s.limits.cpu}`, { path: path.join(".") }));
      return out;
    }),
  );

/** `--` separates generated name parts (`platform-<app>--<cluster>`), so a cluster name may not hold it. */
const clusterNames: Rule = ({ value, locator }) =>
  Object.keys(value.clusters)
    .filter((name) => name.includes("--"))
    .map((name) => error("cluster-name", locator.key(["clusters", name]), `cluster name "${name}" contains "--"`, { path: `clusters.${name}`, hint: "use a single '-'" }));

/** Tutor's own relay never runs (it needs port 25 outbound): without a declared relay, no tenant can send mail. */
const mailRelayDeclared: Rule = ({ value, locator }) =>
  value.mail
    ? []
    : Object.entries(value.clusters)
        .filter(([, c]) => !c.mail)
        .map(([name]) =>
          warning("mail-relay", locator.key(["clusters", name]), `no mail relay for the tenants of cluster "${name}": password resets and activation mails cannot be sent`, {
            path: `clusters.${name}`,
            hint: 'declare `mail: { host, port, security, username, addresses }` on the platform or the cluster (docs/operator/mail.md)',
          }),
        );


/** Names reserved for documentation (RFC 2606, RFC 6761): no real fleet is reached under them. */
const RESERVED_DOMAIN = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/;
const EXAMPLE_REPO = /^(https:\/\/|git@)github\.com[/:]example\//;
const runbook = "argocd/README.md, step 1";

/**
 * The example platform compiles, but a fleet deployed from it would pull the example repository, and Let's
 * Encrypt refuses an account e-mail under a reserved domain: warn (never fail) while these are unchanged.
 */
const exampleValues: Rule = ({ value, locator }) => {
  const out: Diagnostic[] = [];
  if (EXAMPLE_REPO.test(value.repo.url))
    out.push(warning("example-platform", locator.value(["repo", "url"]), `still the example repository (${value.repo.url}): Argo CD would pull that, not your fleet`, { path: "repo.url", hint: `set the Git URL of your copy of this repository (${runbook})` }));
  if (RESERVED_DOMAIN.test(value.acmeEmail.split("@").pop() ?? ""))
    out.push(warning("example-platform", locator.value(["acmeEmail"]), `${value.acmeEmail} is under a reserved example domain: Let's Encrypt refuses it, so no certificate is issued`, { path: "acmeEmail", hint: `set a mailbox your team reads (${runbook})` }));
  value.domains.forEach((d, i) => {
    if (RESERVED_DOMAIN.test(d)) out.push(warning("example-platform", locator.value(["domains", i]), `${d} is reserved for examples: no tenant host under it can be reached`, { path: `domains[${i}]`, hint: `list your own domains (${runbook})` }));
  });
  return out;
};

export const PLATFORM_RULES: readonly Rule[] = [defaultClusterDeclared, presetsConsistent, clusterNames, checkComponents, checkPlatformDomains, exampleValues, mailRelayDeclared];

export function checkPlatform(p: Source<Platform>): Diagnostic[] {
  return PLATFORM_RULES.flatMap((rule) => rule(p));
}

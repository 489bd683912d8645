// NetworkPolicies of a tenant namespace: deny all traffic, then allow exactly what Open edX needs. Pods
// of one tenant never reach another tenant's: nothing below admits another tenant namespace.
import type { V1NetworkPolicyPeer, V1NetworkPolicyPort } from "@kubernetes/client-node";
import { endpointsOf } from "../../model/endpoints";
import { ingressOf } from "../../model/ingress";
import type { ResolvedTenant } from "../../model/resolve";
import { inClusterEndpoint } from "../../model/storage";
import type { Platform } from "../../schema/platform";
import { deepFreeze, tenantLabels, type KubeObject } from "../objects";
import { publicBackend } from "./ingress";
import { memoByOwner } from "../../memo";

/** The label every namespace carries with its own name (set by Kubernetes, immutable). */
const NAMESPACE_NAME = "kubernetes.io/metadata.name";
const inNamespace = (ns: string): V1NetworkPolicyPeer["namespaceSelector"] => ({ matchLabels: { [NAMESPACE_NAME]: ns } });
const tcp = (port: number): V1NetworkPolicyPort => ({ protocol: "TCP", port });

// @kubernetes/client-node renames `from` to `_from`, so rules are typed here as written to the cluster
type Rule = { from?: V1NetworkPolicyPeer[]; to?: V1NetworkPolicyPeer[]; ports?: V1NetworkPolicyPort[] };
interface PolicySpec {
  podSelector: { matchLabels?: Record<string, string> };
  policyTypes: ("Ingress" | "Egress")[];
  ingress?: Rule[];
  egress?: Rule[];
}

/** Cluster DNS as kubeadm, EKS, GKE, AKS and DigitalOcean label it. */
export const CLUSTER_DNS = { namespace: "kube-system", podLabels: { "k8s-app": "kube-dns" }, port: 53 } as const;

/** cert-manager's HTTP-01 solver: a pod it starts in the tenant namespace while a certificate is issued. */
export const ACME_SOLVER = { podLabels: { "acme.cert-manager.io/http01-solver": "true" }, port: 8089 } as const;

/** Never reachable through the internet rule: private, carrier-grade NAT and link-local (cloud metadata) ranges. */
const NOT_INTERNET_V4 = ["10.0.0.0/8", "100.64.0.0/10", "169.254.0.0/16", "172.16.0.0/12", "192.168.0.0/16"];
const NOT_INTERNET_V6 = ["fc00::/7", "fe80::/10"];

// the three policies every tenant namespace has, the same everywhere: their specs made once (written, never changed)
const DEFAULT_DENY: PolicySpec = deepFreeze<PolicySpec>({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
const WITHIN_NAMESPACE: PolicySpec = deepFreeze<PolicySpec>({ podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] });
const DNS: PolicySpec = deepFreeze<PolicySpec>({
  podSelector: {},
  policyTypes: ["Egress"],
  egress: [{ to: [{ namespaceSelector: inNamespace(CLUSTER_DNS.namespace), podSelector: { matchLabels: { ...CLUSTER_DNS.podLabels } } }], ports: [{ protocol: "UDP", port: CLUSTER_DNS.port }, tcp(CLUSTER_DNS.port)] }],
});

/** Every pod of the namespace. */
const all = deepFreeze({});

// the other specs depend on the cluster, the backend and the services used, shared by many tenants: each made
// once per platform, by what it is made of (written, never changed)
const specs = memoByOwner<Platform, PolicySpec>();
const sharedSpec = (platform: Platform, key: string, make: () => PolicySpec) => specs(platform, key, () => deepFreeze(make()));

export function networkPolicies(t: ResolvedTenant, platform: Platform): KubeObject[] {
  const ns = t.names.namespace;
  // one label object for all of them: they are written, never changed
  const labels = tenantLabels(t, platform.fleet);
  const policy = (name: string, spec: PolicySpec): KubeObject => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "NetworkPolicy",
    metadata: { name, namespace: ns, labels },
    spec,
  });
  const policies = [policy("default-deny", DEFAULT_DENY), policy("allow-within-namespace", WITHIN_NAMESPACE), policy("allow-dns", DNS)];

  const backend = publicBackend(t);
  if (backend) {
    const cluster = t.cluster.name;
    const fromController = () => {
      const controller = ingressOf(platform, cluster).controller;
      return [{ namespaceSelector: inNamespace(controller.namespace), podSelector: { matchLabels: { ...controller.podLabels } } }];
    };
    policies.push(
      policy(
        "allow-ingress-controller",
        sharedSpec(platform, `controller\0${cluster}\0${backend.name}\0${backend.port}`, () => ({
          podSelector: { matchLabels: { "app.kubernetes.io/name": backend.name } },
          policyTypes: ["Ingress"],
          ingress: [{ from: fromController(), ports: [tcp(backend.port)] }],
        })),
      ),
      // without it Let's Encrypt could never reach the challenge, and no certificate would be issued
      policy(
        "allow-acme-solver",
        sharedSpec(platform, `acme\0${cluster}`, () => ({ podSelector: { matchLabels: { ...ACME_SOLVER.podLabels } }, policyTypes: ["Ingress"], ingress: [{ from: fromController(), ports: [tcp(ACME_SOLVER.port)] }] })),
      ),
    );
  }

  // shared services run in platform namespaces; dedicated ones in this namespace (allowed above)
  const ports = new Map<string, Set<number>>();
  for (const e of Object.values(endpointsOf(t))) {
    if (e.namespace && e.namespace !== ns) ports.set(e.namespace, (ports.get(e.namespace) ?? new Set()).add(e.port));
  }
  if (ports.size > 0) {
    const namespaces = [...ports.keys()].sort();
    const portsOf = (n: string) => [...ports.get(n)!].sort((a, b) => a - b);
    const key = `services\0${namespaces.map((n) => `${n}:${portsOf(n).join(",")}`).join(" ")}`;
    const egress = () => namespaces.map((n) => ({ to: [{ namespaceSelector: inNamespace(n) }], ports: portsOf(n).map(tcp) }));
    policies.push(policy("allow-platform-services", sharedSpec(platform, key, () => ({ podSelector: all, policyTypes: ["Egress"], egress: egress() }))));
  }

  // the relay alone, on its port: nothing else can be mailed to (Tutor's exim relay, which needs port 25, never runs)
  const relay = t.mail?.relay;
  if (relay) {
    const addresses = [...relay.addresses].sort();
    const egress = () => [{ to: addresses.map((cidr) => ({ ipBlock: { cidr } })), ports: [tcp(relay.port)] }];
    policies.push(policy("allow-mail-relay", sharedSpec(platform, `mail\0${relay.port}\0${addresses.join(" ")}`, () => ({ podSelector: all, policyTypes: ["Egress"], egress: egress() }))));
  }

  // an object store in the cluster (MinIO) is reached in its namespace, on its port; one outside through `egress`
  const store = t.storage ? inClusterEndpoint(t.storage.endpointUrl) : undefined;
  if (store && store.namespace !== ns) {
    const spec = () => ({ podSelector: all, policyTypes: ["Egress" as const], egress: [{ to: [{ namespaceSelector: inNamespace(store.namespace) }], ports: [tcp(store.port)] }] });
    policies.push(policy("allow-object-storage", sharedSpec(platform, `storage\0${store.namespace}\0${store.port}`, spec)));
  }

  const external = sharedSpec(platform, `external\0${t.cluster.name}`, () => ({ podSelector: all, policyTypes: ["Egress"], egress: externalEgress(t.cluster.spec.egress) }));
  if (external.egress!.length > 0) policies.push(policy("allow-external", external));
  return policies;
}

function externalEgress(egress: ResolvedTenant["cluster"]["spec"]["egress"]): Rule[] {
  const peers = [...egress.objectStorage, ...egress.services];
  const rules: Rule[] = peers.map((p) => ({ to: [{ ipBlock: { cidr: p.cidr } }], ports: [...new Set(p.ports)].sort((a, b) => a - b).map(tcp) }));
  if (egress.internet443) {
    rules.push({ to: [{ ipBlock: { cidr: "0.0.0.0/0", except: NOT_INTERNET_V4 } }, { ipBlock: { cidr: "::/0", except: NOT_INTERNET_V6 } }], ports: [tcp(443)] });
  }
  return rules;
}

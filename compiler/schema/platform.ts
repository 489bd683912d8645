// The platform file's schema: the shared clusters, catalogs and presets every tenant is compiled against.
import { z } from "zod";
import { ClusterCpu, ClusterMemory, DnsLabel, Email, ExactVersion, Host, HttpsUrl, Image } from "./common";
import { ComponentsSchema } from "./components";
import { MailRelay } from "./mail";
import { EgressSchema } from "./network";
import { ThemeName } from "./site";
import { SizePreset } from "./size";

/** A registry host as images name it (`ghcr.io`, `registry.example.org:5000`). */
const RegistryHost = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\d{1,5})?$/, {
  error: (i) => `${JSON.stringify(i.input)} is not a registry host (e.g. "ghcr.io" or "registry.example.org:5000")`,
});
const PrivateRegistries = z
  .array(RegistryHost)
  .describe("Registries whose images need a login: each is the Secret `registry-<host>` (type dockerconfigjson) in namespace platform-credentials (docs/operator/registries.md); every tenant pod gets them as image pull secrets.");

export const PROVIDERS = ["aws", "digitalocean", "local", "generic"] as const;

export const ClusterSchema = z.strictObject({
  provider: z.enum(PROVIDERS).describe("Provider profile: sets storage classes, load balancer annotations and which components are on."),
  server: HttpsUrl.default("https://kubernetes.default.svc").describe("API server URL as registered in Argo CD; in-cluster by default."),
  capacity: z
    .strictObject({
      cpu: ClusterCpu.describe("Allocatable CPU of the cluster (or of its autoscaling ceiling)."),
      memory: ClusterMemory.describe("Allocatable memory."),
      overcommit: z.number().min(1).max(10).default(1.5).describe("Requests may exceed capacity by this ratio before the compiler refuses."),
    })
    .describe("What tenants' requests are checked against."),
  domains: z.array(Host).optional().describe("Base domains tenants on this cluster may use; the platform's `domains` when omitted."),
  hosts: z.record(z.string(), Host).default({}).describe("Host names of platform services on this cluster (search, grafana, echo, ...)."),
  storageClass: z.string().min(1).optional().describe("StorageClass of shared components' volumes; the provider profile's when omitted."),
  components: ComponentsSchema.optional().describe("Component settings of this cluster alone, merged over the platform's `components`."),
  egress: EgressSchema,
  mail: MailRelay.optional().describe("Mail relay of the tenants on this cluster; the platform's `mail` when omitted."),
  privateRegistries: PrivateRegistries.optional().describe("Private registries of this cluster's tenants; the platform's `privateRegistries` when omitted."),
});

export const PlatformSchema = z.strictObject({
  fleet: DnsLabel.describe("Name of this fleet; every object carries it as a label."),
  repo: z
    .strictObject({
      url: z.string().min(1).describe("Git URL Argo CD pulls this repository from."),
      revision: z.string().min(1).default("main").describe("Branch, tag or commit Argo CD watches."),
    })
    .describe("This repository, as Argo CD sees it."),
  argocd: z.strictObject({ namespace: DnsLabel.default("argocd") }).default({ namespace: "argocd" }),
  clusters: z
    .record(DnsLabel, ClusterSchema)
    .refine((c) => Object.keys(c).length > 0, { error: "declare at least one cluster" })
    .describe("Clusters tenants run on, by name."),
  defaultCluster: DnsLabel.optional().describe("Cluster of tenants that name none; required when there is more than one cluster."),
  domains: z.array(Host).default([]).describe("Base domains tenant hosts must be under (never the domain itself); any host when empty."),
  customerDomains: z
    .record(Host, z.strictObject({ tenants: z.array(DnsLabel).min(1).describe("Ids of the tenants that may use it.") }))
    .default({})
    .describe(
      "Domains that belong to a customer: only the tenants listed may use the domain or a host under it (it needs no entry in `domains`). Hosts decide cookie scope, so no other tenant may come near them.",
    ),
  reservedNamespaces: z
    .array(z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$|^[a-z0-9][a-z0-9-]*\*$/, { error: (i) => `${JSON.stringify(i.input)} is not a namespace or a prefix followed by '*'` }))
    .default([])
    .describe("More namespaces no tenant id may take (exact, or a prefix followed by `*`), beside Kubernetes', common add-ons' and the platform components' own."),
  acmeEmail: Email.describe("Contact for Let's Encrypt."),
  releases: z
    .record(DnsLabel, z.strictObject({ tutor: ExactVersion, image: Image }))
    .describe("Release catalog: name → pinned Tutor version and default Open edX image."),
  plugins: z
    .record(
      z.string().regex(/^[a-z][a-z0-9_-]*$/, { error: "plugin names are lower case" }),
      z.strictObject({
        version: ExactVersion,
        pip: z.string().min(1).optional().describe("pip requirement that installs it; `tutor-<name>==<version>` when omitted."),
      }),
    )
    .default({})
    .describe("Tutor plugin catalog: name → pinned version."),
  themes: z
    .array(ThemeName)
    .default([])
    .describe("Comprehensive themes the tenants' images carry (a plugin's, like `indigo`, or your own built into the image); a tenant picks one with `theme`."),
  sizes: z.record(DnsLabel, SizePreset).describe("Size presets tenants pick from."),
  components: ComponentsSchema.default({}).describe("Shared components of every cluster: each can be turned off, re-pinned or tuned."),
  privateRegistries: PrivateRegistries.default([]),
  mail: MailRelay.optional().describe("Mail relay every tenant sends through (a cluster's or a tenant's own `mail` replaces it); Tutor's own relay never runs."),
});

export type PlatformInput = z.input<typeof PlatformSchema>;
export type Platform = z.infer<typeof PlatformSchema>;
export type Cluster = z.infer<typeof ClusterSchema>;

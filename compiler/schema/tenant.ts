// The tenant file's schema: one Open edX instance. Types are inferred from it, never written twice.
import { z } from "zod";
import { DnsLabel, Email, Host, LabelValue } from "./common";
import { TenantMailRelay } from "./mail";
import { DemoCourse, ThemeName } from "./site";
import { SizeSpec } from "./size";
import { checkText, TutorJson, TutorText } from "./tutor-text";

export const TENANT_STATES = ["active", "maintenance", "archived"] as const;

const ServiceMode = z.enum(["shared", "dedicated"]).describe("`shared`: the platform's instance; `dedicated`: one for this tenant alone.");

export const TenantSchema = z.strictObject({
  id: DnsLabel.describe("Tenant id: a DNS label, equal to the file name. Ids are forever: never renamed or reused."),
  state: z
    .enum(TENANT_STATES)
    .default("active")
    .describe("`active` serves traffic; `maintenance` shows a maintenance page and keeps data; `archived` removes workloads, keeps data."),
  cluster: DnsLabel.optional().describe("Cluster this tenant runs on (a key of the platform's `clusters`); the platform's default cluster when omitted."),
  wave: z.int().min(0).max(9).default(1).describe("Upgrade wave: fleet upgrades move wave 0 (canaries) first, then 1, 2, ..."),
  release: z.string().describe("Open edX release from the platform's release catalog, e.g. `ulmo`."),
  hosts: z
    .strictObject({
      lms: Host.describe("Host of the LMS."),
      cms: Host.optional().describe("Host of Studio; `studio.<lms>` when omitted."),
      mfe: Host.optional().describe("Host of the micro-frontends; `apps.<lms>` when omitted."),
      extra: z.array(Host).default([]).describe("Additional host names served by the LMS."),
    })
    .describe("Public host names."),
  platformName: TutorText.min(1).max(100).describe("Site name shown to learners (Tutor's PLATFORM_NAME): one line of text, without `\"`, `\\` or Jinja delimiters."),
  contactEmail: Email.check(checkText).describe("Public contact address (Tutor's CONTACT_EMAIL)."),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[a-z0-9]{2,8})?$/, { error: (i) => `${JSON.stringify(i.input)} is not a language code (e.g. "en", "fr", "es-419", "zh-cn")` })
    .default("en")
    .describe("Default language (Tutor's LANGUAGE_CODE)."),
  size: SizeSpec,
  plugins: z.array(z.string()).default([]).describe("Tutor plugins to enable, from the platform's plugin catalog."),
  image: z
    .strictObject({
      registry: z
        .string()
        .regex(/^[a-z0-9.-]+(:\d+)?$/, { error: "registry must be a host name, e.g. docker.io or ghcr.io" })
        .check(checkText) // the format admits "from-cluster-secret:1"
        .default("docker.io")
        .describe("Registry host."),
      repository: z
        .string()
        .regex(/^[a-z0-9]+([._/-][a-z0-9]+)*$/, { error: "repository must be lower-case path segments, e.g. acme/openedx" })
        .describe("Repository path, e.g. `acme/openedx`."),
      tag: z
        .string()
        .regex(/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/, { error: "tag must be a Docker tag, e.g. 21.0.8-acme.3" })
        .refine((t) => t !== "latest", { error: "\"latest\" is not a pinned tag: two syncs of one commit could run different code" })
        .describe("Exact tag; never `latest`."),
    })
    .optional()
    .describe("Custom Open edX image built with Tutor; the release's default image when omitted."),
  services: z
    .strictObject({
      mysql: ServiceMode.default("shared"),
      mongodb: ServiceMode.default("shared"),
      redis: ServiceMode.default("shared"),
      search: ServiceMode.default("shared"),
    })
    .default({ mysql: "shared", mongodb: "shared", redis: "shared", search: "shared" })
    .describe("Backing services: shared by the cluster or dedicated to this tenant."),
  admins: z
    .array(
      z
        .string()
        .regex(/^[a-z0-9][a-z0-9._+-]{0,63}@[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$/, {
          error: (i) => `${JSON.stringify(i.input)} is not an admin e-mail address the compiler accepts (lower case; letters, digits and . _ + - before the @)`,
        })
        .check(checkText),
    )
    .max(20)
    .default([])
    .refine((list) => new Set(list.map((e) => e.split("@")[0])).size === list.length, {
      error: "two admin addresses share the part before the @, which becomes the user name: each admin needs their own",
    })
    .describe("E-mail addresses of the site's administrators (staff and superuser). A hook creates them with a password nobody knows; each sets theirs with the login page's password reset (docs/operator/admins.md)."),
  theme: ThemeName.optional().describe("Comprehensive theme of the LMS, Studio and MFE hosts, from the platform's `themes`, or `default` to remove any; untouched when omitted (docs/operator/theme-and-demo-course.md)."),
  demoCourse: DemoCourse,
  mail: TenantMailRelay.optional().describe("The tenant's own mail relay, replacing the platform's; its password is the cluster Secret `tenant-mail-<id>` (docs/operator/mail.md)."),
  labels: z
    .strictObject({
      team: LabelValue.optional().describe("Owning team."),
      costCentre: LabelValue.optional().describe("Cost centre for chargeback."),
    })
    .default({})
    .describe("Labels put on every object of the tenant."),
  tutor: z
    .record(z.string(), TutorJson)
    .default({})
    .describe("Extra Tutor settings. Keys the compiler sets and secret-bearing keys are refused with the reason."),
});

/** What a tenant file may contain (defaults not yet applied). */
export type TenantInput = z.input<typeof TenantSchema>;
/** A validated tenant, defaults applied. */
export type Tenant = z.infer<typeof TenantSchema>;

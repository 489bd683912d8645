// Checks of a tenant's site settings (`theme`, `demoCourse`) against the platform: the theme must be one the
// images carry, and the demo course can only be fetched when the cluster lets tenants reach GitHub.
import { error, type Diagnostic } from "../diagnostics";
import { fromCatalog, inCatalog } from "../model/catalog";
import { clusterOf } from "../model/resolve";
import type { Platform } from "../schema/platform";
import { DEFAULT_THEME, ThemeName } from "../schema/site";
import { didYouMean } from "../validate/suggest";
import type { TenantUnderCheck } from "./tenant-rules";

/** Django's Site.domain is a CharField(max_length=100). */
const SITE_DOMAIN_MAX = 100;

/** The hosts the theme hook sets (render/tenant.ts), each with the path where the file writes it (or derives it from). */
function themedHosts(value: Record<string, unknown>): [string, string[]][] {
  const hosts = (value.hosts ?? {}) as Record<string, unknown>;
  const lms = typeof hosts.lms === "string" ? hosts.lms : undefined;
  if (lms === undefined) return [];
  const own = (k: string, fallback: string): [string, string[]] => (typeof hosts[k] === "string" ? [hosts[k] as string, ["hosts", k]] : [fallback, ["hosts", "lms"]]);
  return [[lms, ["hosts", "lms"]], own("cms", `studio.${lms}`), own("mfe", `apps.${lms}`)];
}

/** `theme` names an entry of the platform's `themes` (or `default`); a plugin's theme needs that plugin. */
export function themeKnown({ value, locator }: TenantUnderCheck, platform: Platform): Diagnostic[] {
  const theme = value.theme;
  // a malformed name is reported by the schema
  if (typeof theme !== "string" || !ThemeName.safeParse(theme).success) return [];
  const tooLong = themedHosts(value).filter(([h]) => h.length > SITE_DOMAIN_MAX);
  if (tooLong.length > 0) {
    return tooLong.map(([h, path]) =>
      error("theme-host-too-long", locator.value(path), `host ${h} has ${h.length} characters: a theme is set on a Django Site, whose domain holds at most ${SITE_DOMAIN_MAX}`, {
        path: path.join("."),
        hint: "use a shorter host, or remove `theme`",
      }),
    );
  }
  if (theme === DEFAULT_THEME) return [];
  const at = locator.value(["theme"]);
  if (!platform.themes.includes(theme)) {
    const known = [...platform.themes, DEFAULT_THEME];
    return [error("unknown-theme", at, `theme "${theme}" is not in the platform's catalog`, { path: "theme", hint: didYouMean(theme, known) ?? `known: ${known.join(", ")} (add a theme to \`themes\` in platform/platform.ts)` })];
  }
  const plugins = Array.isArray(value.plugins) ? value.plugins : [];
  if (inCatalog(platform.plugins, theme) && !plugins.includes(theme)) {
    return [error("theme-without-plugin", at, `theme "${theme}" comes with the plugin "${theme}", which this tenant does not enable`, { path: "theme", hint: `add "${theme}" to \`plugins\`` })];
  }
  return [];
}

/** The demo course is cloned from GitHub over HTTPS: the tenant's cluster must allow that egress. */
export function demoCourseReachable({ value, locator }: TenantUnderCheck, platform: Platform): Diagnostic[] {
  const wanted = value.demoCourse === true || (value.demoCourse !== null && typeof value.demoCourse === "object");
  if (!wanted) return [];
  const name = clusterOf(platform, { cluster: typeof value.cluster === "string" ? value.cluster : undefined });
  const cluster = fromCatalog(platform.clusters, name);
  if (!cluster || cluster.egress.internet443) return [];
  return [
    error("demo-course-no-egress", locator.value(["demoCourse"]), `the demo course is cloned from github.com over HTTPS, and cluster "${name}" allows its tenants no internet egress`, {
      path: "demoCourse",
      hint: `set \`egress: { internet443: true }\` on cluster "${name}" in platform/platform.ts, or remove \`demoCourse\``,
    }),
  ];
}

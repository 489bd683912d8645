// The text of a new tenant file, as `npm run tenant:new` writes it: the same shape as the examples.
import type { Platform } from "../schema/platform";

export interface NewTenant {
  id: string;
  host: string;
  release?: string;
  size?: string;
  name?: string;
  email?: string;
  cluster?: string;
  /** Upgrade wave, as written (checked by the compiler like any tenant file). */
  wave?: string;
  plugins: string[];
  /** No plugin named and the platform's presets export `standardPlugins`: the new tenant takes the complete site. */
  standardPlugins?: boolean;
}

/** What a new tenant runs when nothing is named and the presets have no `standardPlugins`: a complete site. */
export const COMPLETE_SITE = ["mfe", "forum"] as const;

const str = (s: string) => JSON.stringify(s);

/** The release a new tenant gets when none is named: the platform's only one, else it must be chosen. */
export function defaultRelease(platform: Platform): string | undefined {
  const names = Object.keys(platform.releases);
  return names.length === 1 ? names[0] : undefined;
}

export function newTenantText(t: NewTenant, platform: Platform): string {
  const lines = [
    `  id: ${str(t.id)},`,
    ...(t.cluster !== undefined ? [`  cluster: ${str(t.cluster)},`] : []),
    ...(t.wave !== undefined ? [`  wave: ${/^\d+$/.test(t.wave) ? t.wave : str(t.wave)},`] : []),
    `  release: ${str(t.release ?? defaultRelease(platform) ?? "")},`,
    `  hosts: { lms: ${str(t.host)} },`,
    `  platformName: ${str(t.name ?? t.id)},`,
    `  contactEmail: ${str(t.email ?? `ops@${t.host}`)},`,
    `  size: ${str(t.size ?? "small")},`,
  ];
  // on Ulmo the login, dashboard and courseware are micro-frontends and discussions need the forum
  const fallback = COMPLETE_SITE.filter((p) => p in platform.plugins);
  if (t.plugins.length > 0) lines.push(`  plugins: [${t.plugins.map(str).join(", ")}],`);
  else if (t.standardPlugins) lines.push("  plugins: [...standardPlugins],");
  else if (fallback.length > 0) lines.push(`  plugins: [${fallback.map(str).join(", ")}],`);
  const presets = t.plugins.length === 0 && t.standardPlugins ? `import { standardPlugins } from "../platform/presets";\n` : "";
  return `import { defineTenant } from "../compiler/api";
${presets}
// Tenant ${t.id}: created with \`npm run tenant:new\`.
export default defineTenant({
${lines.join("\n")}
});
`;
}

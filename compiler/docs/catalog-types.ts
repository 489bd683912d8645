// generated/catalog.d.ts: the platform's catalog names as TypeScript unions, so an editor completes
// `release`, `size`, `plugins` and `cluster` in a tenant file and `npm run typecheck:tenants` refuses a
// misspelt one (compiler/api.ts narrows defineTenant with them). It lives in generated/ beside fleet.json —
// another file Argo CD never reads — so it is written all-or-nothing with the rest, listed in the manifest,
// found stale by `check`, and a catalog change shows in the review.
import type { OutputFile } from "../render/files";
import { headerOf } from "../render/files";
import type { Platform } from "../schema/platform";

export const CATALOG_TYPES = "catalog.d.ts";

const union = (names: readonly string[]) => (names.length ? [...names].sort().map((n) => JSON.stringify(n)).join(" | ") : "never");

export function catalogTypes(platform: Platform): OutputFile {
  const lines = [
    `// ${headerOf("platform/platform.ts")}`,
    "// The platform's catalog names, for editors and `npm run typecheck:tenants` (compiler/api.ts imports them).",
    "export interface Catalog {",
    `  release: ${union(Object.keys(platform.releases))};`,
    `  size: ${union(Object.keys(platform.sizes))};`,
    `  plugin: ${union(Object.keys(platform.plugins ?? {}))};`,
    `  cluster: ${union(Object.keys(platform.clusters))};`,
    "}",
    "",
  ];
  return { path: CATALOG_TYPES, content: lines.join("\n") };
}

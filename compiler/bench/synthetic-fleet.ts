// Synthetic fleets for the benchmark and scale tests: n valid tenants of varied shapes, written as real
// tenant files against a copy of the repository's platform (catalogs, sizes and domains taken from it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createReader, PLATFORM_FILE } from "../load";
import { domainsOf } from "../model/resolve";
import { PlatformSchema, type Platform } from "../schema/platform";

/** A preset module of our own, so tenants exercise preset imports without depending on the example presets. */
const PRESETS = `// Presets of the synthetic benchmark fleet.
export const benchPlugins = PLUGINS as const;
export const benchTutor = { OPENEDX_LMS_UWSGI_WORKERS: 3, OPENEDX_CMS_UWSGI_WORKERS: 2 } as const;
`;

export const tenantId = (i: number) => `tenant-${String(i).padStart(5, "0")}`;

/** A fleet of `count` tenants in a new temporary folder; returns its root. */
export function syntheticFleet(repoRoot: string, count: number): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `fleet-bench-${count}-`));
  fs.cpSync(path.join(repoRoot, "platform"), path.join(root, "platform"), { recursive: true });
  fs.mkdirSync(path.join(root, "tenants"));
  const { raw, platform } = readPlatform(repoRoot);
  fs.writeFileSync(path.join(root, PLATFORM_FILE), scaledPlatform(raw, count));
  fs.writeFileSync(path.join(root, "platform", "bench-presets.ts"), PRESETS.replace("PLUGINS", JSON.stringify(Object.keys(platform.plugins).sort())));
  for (let i = 1; i <= count; i++) fs.writeFileSync(path.join(root, "tenants", `${tenantId(i)}.ts`), syntheticTenant(i, platform));
  return root;
}

function readPlatform(repoRoot: string): { raw: Record<string, unknown>; platform: Platform } {
  const reader = createReader(repoRoot);
  const read = reader.read(path.join(repoRoot, PLATFORM_FILE), "definePlatform");
  if (read.diagnostics.some((d) => d.severity === "error")) throw new Error(`the repository's ${PLATFORM_FILE} does not read cleanly`);
  // the raw value keeps the file's own shape; the validated one gives catalogs with defaults applied
  return { raw: read.value as Record<string, unknown>, platform: PlatformSchema.parse(read.value) };
}

/** The example platform with every cluster's capacity raised to hold `count` tenants. */
function scaledPlatform(raw: Record<string, unknown>, count: number): string {
  const copy = structuredClone(raw) as { clusters: Record<string, { capacity: Record<string, unknown> }> };
  for (const cluster of Object.values(copy.clusters)) {
    cluster.capacity = { ...cluster.capacity, cpu: String(Math.max(64, count * 40)), memory: `${Math.max(256, count * 100)}Gi` };
  }
  return `// Synthetic benchmark platform: the repository's platform with capacity for ${count} tenants.\nimport { definePlatform } from "../compiler/api";\n\nexport default definePlatform(${JSON.stringify(copy, null, 2)});\n`;
}

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;

/** Tenant number `i`: the shape varies with i, deterministically. */
export function syntheticTenant(i: number, platform: Platform): string {
  const id = tenantId(i);
  const clusters = Object.keys(platform.clusters).sort();
  const cluster = pick(clusters, i);
  const domain = pick(domainsOf(platform, cluster).length > 0 ? domainsOf(platform, cluster) : ["example.org"], i);
  const sizes = Object.keys(platform.sizes).sort();
  const plugins = Object.keys(platform.plugins).sort();
  const lines = [`  id: "${id}",`];
  if (i % 15 === 0) lines.push(`  state: "maintenance",`);
  else if (i % 31 === 0) lines.push(`  state: "archived",`);
  if (clusters.length > 1) lines.push(`  cluster: "${cluster}",`);
  lines.push(`  wave: ${i % 10 === 1 ? 0 : 1 + (i % 3)},`);
  lines.push(`  release: "${pick(Object.keys(platform.releases).sort(), i)}",`);
  const extra = i % 7 === 0 ? `, extra: ["www.${id}.${domain}"]` : "";
  lines.push(`  hosts: { lms: "${id}.${domain}"${extra} },`);
  lines.push(`  platformName: "Synthetic Academy ${i}",`, `  contactEmail: "ops@${id}.${domain}",`);
  if (i % 4 === 0) lines.push(`  language: "${pick(["fr", "es-419", "de", "pt-br"], i)}",`);
  const size = pick(sizes, i * 7);
  lines.push(i % 9 === 0 ? `  size: { preset: "${size}", lms: { replicas: { max: 4 } }, cms: { requests: { memory: "1536Mi" } } },` : `  size: "${size}",`);
  if (i % 5 === 0) lines.push(`  plugins: [...benchPlugins],`);
  else if (plugins.length > 0) lines.push(`  plugins: ${JSON.stringify(plugins.slice(0, 1 + (i % plugins.length)))},`);
  if (i % 11 === 0) lines.push(`  image: { registry: "ghcr.io", repository: "synthetic/openedx", tag: "21.0.8-s${i}" },`);
  if (i % 13 === 0) lines.push(`  services: { mysql: "dedicated", mongodb: "shared", redis: "dedicated", search: "shared" },`);
  else if (i % 17 === 0) lines.push(`  services: { search: "dedicated" },`);
  if (i % 3 === 0) lines.push(`  labels: { team: "team-${i % 20}", costCentre: "cc-${1000 + (i % 50)}" },`);
  if (i % 6 === 0) lines.push(`  tutor: { ...benchTutor },`, `  mail: { host: "smtp.${domain}", port: 587, username: "mailer", addresses: ["198.51.100.${i % 250}/32"] },`);
  const imports = [`import { defineTenant } from "../compiler/api";`];
  const usesPresets = i % 5 === 0 || i % 6 === 0;
  if (usesPresets) imports.push(`import { ${[i % 5 === 0 ? "benchPlugins" : "", i % 6 === 0 ? "benchTutor" : ""].filter(Boolean).join(", ")} } from "../platform/bench-presets";`);
  return `${imports.join("\n")}\n\n// Synthetic tenant ${i}.\nexport default defineTenant({\n${lines.join("\n")}\n});\n`;
}

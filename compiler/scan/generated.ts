// No secret-looking value in generated/: compile refuses to write one, and `npm run check` fails on one.
import fs from "node:fs";
import path from "node:path";
import { error, type Diagnostic, type Location } from "../diagnostics";
import type { OutputFile } from "../render/files";
import type { Locator, ValuePath } from "../source/locator";
import type { Source } from "../load";
import type { ResolvedTenant } from "../model/resolve";
import type { Platform } from "../schema/platform";
import { describeFinding, findSecrets, type SecretFinding } from "./secrets";
import { SECRET_HINT as HINT, SECRET_IN_SOURCE } from "./source-values";

export interface LocatedFinding extends SecretFinding {
  /** Path relative to generated/. */
  file: string;
}

/**
 * Scans the files rendered in this run, and the extra ones given (what compile is about to write; what check
 * finds on disk that compile did not write as it is). Files the compile cache supplies (they carry a hash)
 * and that generated/ holds unchanged were scanned when compile wrote them. Without the cache (CI) every
 * file is rendered, so every file is scanned.
 */
export function scanOutput(files: readonly OutputFile[], extra: readonly { path: string; content: string }[] = []): LocatedFinding[] {
  // files the tenant pool rendered come with their scan; files of the cache without one are never read here
  const scanned = files.filter((f) => f.findings !== undefined);
  const rendered = files.filter((f) => f.hash === undefined && f.findings === undefined);
  // an extra text is scanned unless it is the very text of a file scanned here (looked up only for the extras)
  const paths = new Set(extra.map((f) => f.path));
  const renderedText = new Map([...scanned, ...rendered].filter((f) => paths.has(f.path)).map((f) => [f.path, f.content]));
  const texts = [...rendered, ...extra.filter((f) => renderedText.get(f.path) !== f.content)];
  const found = [
    ...scanned.flatMap((f) => f.findings!.map((finding) => ({ ...finding, file: f.path }))),
    ...texts.flatMap((f) => findSecrets(f.content).map((finding) => ({ ...finding, file: f.path }))),
  ];
  // by file (a stable sort: each file's findings stay in line order, a rendered file's before its copy on disk)
  return found.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Files of generated/ as they are on disk (those that differ from what compile writes), for the scan. */
export const diskFiles = (outDir: string, paths: readonly string[]) =>
  paths.filter((rel) => fs.existsSync(path.join(outDir, rel))).map((rel) => ({ path: rel, content: fs.readFileSync(path.join(outDir, rel), "utf8") }));

/** `generated/<file>:<line>: <rule> (<masked value>)`, for check. */
export const describeLocated = (f: LocatedFinding) => describeFinding(f, `generated/${f.file}`);

/** A file a generated file was made from: the tenant's for generated/tenants/<id>/…, and the platform's. */
export interface SourceOwner {
  file: string;
  value: unknown;
  locator: Locator;
}

/** The tenants' and the platform's sources, as secretDiagnostics looks them up. */
export function sourceOwners(tenants: readonly ResolvedTenant[], platform: Source<Platform>): { tenant: (id: string) => SourceOwner | undefined; platform: SourceOwner } {
  const byId = new Map(tenants.map((t) => [t.id, { file: t.source.file, value: t.input, locator: t.source.locator }]));
  return { tenant: (id) => byId.get(id), platform };
}

/** Where in `owner` a string holding `secret` was written, if one does. */
function locateIn(owner: SourceOwner, secret: string): Location | undefined {
  const walk = (v: unknown, at: ValuePath): ValuePath | undefined => {
    if (typeof v === "string") return v.includes(secret) || (v.length >= 8 && secret.includes(v)) ? at : undefined;
    if (v === null || typeof v !== "object") return undefined;
    for (const [k, child] of Object.entries(v)) {
      const hit = walk(child, [...at, Array.isArray(v) ? Number(k) : k]);
      if (hit) return hit;
    }
    return undefined;
  };
  const hit = walk(owner.value, []);
  return hit ? owner.locator.value(hit) : undefined;
}

/**
 * For compile: located errors, so nothing is written. A finding in a tenant's generated file is reported at
 * the tenant file (at the value it came from, when one holds it), one from a platform value at platform.ts;
 * the masked value only, always.
 */
export function secretDiagnostics(findings: readonly LocatedFinding[], owners: { tenant: (id: string) => SourceOwner | undefined; platform?: SourceOwner }): Diagnostic[] {
  return findings.map((f) => {
    const where = `generated/${f.file}:${f.line}`;
    const tenant = /^tenants\/([^/]+)\//.exec(f.file)?.[1];
    const owner = tenant === undefined ? undefined : owners.tenant(tenant);
    for (const o of [owner, owners.platform]) {
      const at = o && locateIn(o, f.secret);
      if (at) return error(SECRET_IN_SOURCE, at, `${f.rule} (${f.masked}) would be written to ${where}`, { hint: HINT });
    }
    if (owner) return error(SECRET_IN_SOURCE, owner.locator.value([]), `${f.rule} (${f.masked}) would be written to ${where}`, { hint: `${HINT}; it comes from this tenant's values` });
    return error("secret-in-output", { file: `generated/${f.file}`, line: f.line, col: 1 }, `${f.rule} (${f.masked}) would be written to generated/`, {
      hint: "secrets live only in the cluster: remove the value from the tenant or platform file named in the file's header",
    });
  });
}

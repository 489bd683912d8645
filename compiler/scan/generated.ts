// No secret-looking value in generated/: compile refuses to write one, and `npm run check` fails on one.
import fs from "node:fs";
import path from "node:path";
import { error, type Diagnostic } from "../diagnostics";
import type { OutputFile } from "../render/files";
import { describeFinding, findSecrets, type SecretFinding } from "./secrets";

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
  const rendered = files.filter((f) => f.hash === undefined);
  const renderedText = new Map(rendered.map((f) => [f.path, f.content]));
  const texts = [...rendered, ...extra.filter((f) => renderedText.get(f.path) !== f.content)];
  return texts
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .flatMap((f) => findSecrets(f.content).map((found) => ({ ...found, file: f.path })));
}

/** Files of generated/ as they are on disk (those that differ from what compile writes), for the scan. */
export const diskFiles = (outDir: string, paths: readonly string[]) =>
  paths.filter((rel) => fs.existsSync(path.join(outDir, rel))).map((rel) => ({ path: rel, content: fs.readFileSync(path.join(outDir, rel), "utf8") }));

/** `generated/<file>:<line>: <rule> (<masked value>)`, for check. */
export const describeLocated = (f: LocatedFinding) => describeFinding(f, `generated/${f.file}`);

/** For compile: located errors, so nothing is written. */
export function secretDiagnostics(findings: readonly LocatedFinding[]): Diagnostic[] {
  return findings.map((f) =>
    error("secret-in-output", { file: `generated/${f.file}`, line: f.line, col: 1 }, `${f.rule} (${f.masked}) would be written to generated/`, {
      hint: "secrets live only in the cluster: remove the value from the tenant or platform file named in the file's header",
    }),
  );
}

// `npm run check` refuses a generated/ holding anything that looks like a secret, whoever put it there.
import fs from "node:fs";
import path from "node:path";
import type { OutputFile } from "../render/files";
import { describeFinding, findSecrets, type SecretFinding } from "./secrets";

/**
 * Findings of one file, the header line apart: many files differ only in their header (the generated Tutor
 * plugin of each tenant), so each distinct body is scanned once.
 */
function scanFile(text: string, bodies: Map<string, SecretFinding[]>): SecretFinding[] {
  const cut = text.indexOf("\n");
  if (cut < 0) return findSecrets(text);
  const body = text.slice(cut + 1);
  let found = bodies.get(body);
  if (!found) bodies.set(body, (found = findSecrets(body).map((f) => ({ ...f, line: f.line + 1 }))));
  return [...findSecrets(text.slice(0, cut)), ...found];
}

/**
 * One line per finding: `generated/<file>:<line>: <rule> (<masked value>)`. Scans what compile writes (check
 * fails anyway when generated/ differs from it) and, from disk, the files in generated/ it never wrote.
 */
export function scanGenerated(outDir: string, files: readonly OutputFile[], foreign: readonly string[]): string[] {
  const bodies = new Map<string, SecretFinding[]>();
  const texts = [...files.map((f) => [f.path, f.content] as const), ...foreign.map((rel) => [rel, fs.readFileSync(path.join(outDir, rel), "utf8")] as const)];
  return texts
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .flatMap(([rel, text]) => scanFile(text, bodies).map((f) => describeFinding(f, `generated/${rel}`)));
}

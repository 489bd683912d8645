// What `npm run validate` reports: one line per error, naming file, document, object, JSON path and message.
import type { YamlDocument } from "./documents";

/** Validation could not start (no schemas, a missing target): exit 1 with the message. */
export class ValidateSetupError extends Error {}

export interface ValidationProblem {
  file: string;
  /** 0-based document index in the file. */
  index: number;
  /** `Kind/name`, or `-` when the document is not an object. */
  object: string;
  /** JSON path inside the document, e.g. `/spec/destination/server`. */
  path: string;
  message: string;
}

export function objectLabel(value: unknown): string {
  const o = (value ?? {}) as { kind?: unknown; metadata?: { name?: unknown } };
  if (typeof o !== "object" || o.kind === undefined) return "-";
  return `${String(o.kind)}/${String(o.metadata?.name ?? "?")}`;
}

export function problemAt(doc: YamlDocument, path: string, message: string): ValidationProblem {
  return { file: doc.file, index: doc.index, object: objectLabel(doc.value), path, message };
}

/** `generated/apps/acme.yaml [doc 1] Application/acme /spec/project: must be string`. */
export function formatProblem(p: ValidationProblem): string {
  return `${p.file} [doc ${p.index}] ${p.object} ${p.path}: ${p.message}`;
}

export function sortProblems(list: readonly ValidationProblem[]): ValidationProblem[] {
  const key = (p: ValidationProblem) => `${p.file}\0${String(p.index).padStart(6, "0")}\0${p.path}\0${p.message}`;
  return [...list].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}

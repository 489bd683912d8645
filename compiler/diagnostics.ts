// Diagnostics as data: every problem found in a run, sorted and printed in one place, tsc-style.
import { maskDiagnostic } from "./scan/redact";

/** One user-facing problem. `file` is relative to the repository root, `line`/`col` are 1-based. */
export interface Diagnostic {
  code: string;
  severity: "error" | "warning";
  file: string;
  line: number;
  col: number;
  /** Dotted path of the value inside the tenant or platform object, when there is one. */
  path?: string;
  message: string;
  /** How to fix it. */
  hint?: string;
}

export interface Location {
  file: string;
  line: number;
  col: number;
}

export function error(code: string, at: Location, message: string, extra: { path?: string; hint?: string } = {}): Diagnostic {
  return { code, severity: "error", ...at, message, ...definedOnly(extra) };
}

export function warning(code: string, at: Location, message: string, extra: { path?: string; hint?: string } = {}): Diagnostic {
  return { code, severity: "warning", ...at, message, ...definedOnly(extra) };
}

function definedOnly<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Sorted by file, line, column, then code and message, so output never depends on discovery order. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  const key = (d: Diagnostic) => [d.file, d.line, d.col, d.severity, d.code, d.message] as const;
  return [...list].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    for (let i = 0; i < ka.length; i++) {
      if (ka[i]! < kb[i]!) return -1;
      if (ka[i]! > kb[i]!) return 1;
    }
    return 0;
  });
}

/** `tenants/acme.ts:7:12 error hosts.lms: "Learn.Acme.org" is not a valid host name (…)`. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  // the last guard: nothing a secret rule flags is ever printed, whichever rule quoted it
  const d = maskDiagnostic(diagnostic);
  const where = `${d.file}:${d.line}:${d.col}`;
  const what = d.path ? `${d.path}: ${d.message}` : d.message;
  const hint = d.hint ? `\n    fix: ${d.hint}` : "";
  return `${where} ${d.severity} ${what} [${d.code}]${hint}`;
}

export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === "error");
}

/** Thrown by commands when user input is wrong; the CLI prints the diagnostics and exits 1. */
export class UserError extends Error {
  /** `outcome` replaces "Nothing was written." when something was (an apply that failed past its commit point). */
  constructor(
    readonly diagnostics: Diagnostic[],
    readonly outcome: string = "Nothing was written.",
  ) {
    super(`${diagnostics.filter((d) => d.severity === "error").length} error(s)`);
  }
}

/** Formats a value path like `hosts.extra[1]` or `labels["cost-centre"]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else if (typeof part === "string" && /^[A-Za-z_$][\w$]*$/.test(part)) out += out ? `.${part}` : part;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

// Checks edited or new tenant files with the compiler itself (schema, catalogs, fleet invariants) before a
// codemod writes anything: the result must compile, or the command refuses with the compiler's errors.
import { build } from "../compile";
import { TenantCache } from "../cache/tenant-cache";
import { UserError, type Diagnostic } from "../diagnostics";

/** Errors (and warnings) of the whole fleet as it would be with `texts` written; throws only on a bug. */
export function checkWith(root: string, texts: ReadonlyMap<string, string>): { ok: boolean; diagnostics: Diagnostic[] } {
  try {
    const result = build(root, { texts, cache: new TenantCache(root) });
    return { ok: true, diagnostics: result.warnings };
  } catch (e) {
    if (e instanceof UserError) return { ok: false, diagnostics: e.diagnostics };
    throw e;
  }
}

// The maintained part of the secret rules: secretlint's recommended preset (cloud and SaaS token formats,
// private keys, connection strings, basic auth), run synchronously over one text. The rules are driven
// directly through their documented rule interface instead of @secretlint/core, which is asynchronous and
// costs more to load than the rules themselves; the preset itself is loaded on first use only, so a run whose
// tenants all come from the compile cache never loads it.
import { createRequire } from "node:module";

export interface PresetFinding {
  /** Short rule name and message id, e.g. `stripe/STRIPE_SECRET_KEY_LIVE`. */
  rule: string;
  start: number;
  end: number;
}

// The slice of secretlint's rule API (@secretlint/types) that the preset's rules use.
type Report = { message: { messageId?: string }; range: readonly [number, number] };
interface RuleContext {
  sharedOptions: object;
  createTranslator: (messages: object) => (messageId: string, data?: object) => { messageId: string };
  report: (d: Report) => void;
  ignore: (d: unknown) => void;
}
interface RuleCreator {
  meta: { id: string; type: string; supportedContentTypes?: readonly string[] };
  create: (context: RuleContext, options: object) => { file?: (source: object) => unknown };
}

/**
 * Rules left out. filter-comments reads `secretlint-disable` comments inside the scanned text: a value could
 * switch the scan off for itself. The GCP rule reads service-account files by their extension only
 * (a private key inside one is found by the private-key rule).
 */
const LEFT_OUT = new Set(["@secretlint/secretlint-rule-filter-comments", "@secretlint/secretlint-rule-gcp"]);

let rules: RuleCreator[] | undefined;
function loadRules(): RuleCreator[] {
  // require() of this ES module works synchronously on Node ≥ 20.19, so the scan stays synchronous
  const preset = createRequire(import.meta.url)("@secretlint/secretlint-rule-preset-recommend") as { rules: RuleCreator[] };
  return preset.rules.filter((r) => r.meta.type === "scanner" && !LEFT_OUT.has(r.meta.id) && (r.meta.supportedContentTypes ?? ["text"]).some((t) => t === "text" || t === "all"));
}

const shortId = (id: string) => id.replace("@secretlint/secretlint-rule-", "");

/** Every finding of the preset in `content`, by character range. Messages are never formatted (they quote the secret). */
export function presetFindings(content: string): PresetFinding[] {
  rules ??= loadRules();
  const found: PresetFinding[] = [];
  const source = { content, contentType: "text", filePath: "tenant-values.txt", ext: ".txt" };
  for (const rule of rules) {
    const context: RuleContext = {
      sharedOptions: {},
      createTranslator: () => (messageId) => ({ messageId }),
      report: ({ message, range }) => found.push({ rule: `${shortId(rule.meta.id)}/${message.messageId ?? "found"}`, start: range[0], end: range[1] }),
      ignore: () => {},
    };
    const outcome = rule.create(context, {}).file?.(source);
    // every text rule of the preset is synchronous; one that is not would be skipped silently otherwise
    if (outcome instanceof Promise) throw new Error(`internal error: secretlint rule ${rule.meta.id} is asynchronous; the value scan cannot run it`);
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

// The maintained part of the secret rules: secretlint's recommended preset (cloud and SaaS token formats,
// private keys, connection strings, basic auth), run synchronously over one text. The rules are driven
// directly through their documented rule interface instead of @secretlint/core, which is asynchronous and
// costs more to load than the rules themselves. The preset is imported statically and inlined in the compiler's
// bundle (compiler/run.mjs): a require() of the package on first use took 10–15 ms, resolving and compiling it
// as a module of its own; its rules are still created on first use only.
import { rules as presetRules } from "@secretlint/secretlint-rule-preset-recommend";

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
/** AWS access key ids too (off by default): an id in a tenant file means its secret key is near. */
const OPTIONS: Record<string, object> = { aws: { enableIDScanRule: true } };

type Handler = { id: string; file: (source: object) => unknown };
/** Where the current run's reports go: the rules are created once and report through it. */
let sink: ((rule: string, start: number, end: number) => void) | undefined;
let handlers: Handler[] | undefined;

function loadHandlers(): Handler[] {
  const scanners = (presetRules as unknown as RuleCreator[]).filter((r) => r.meta.type === "scanner" && !LEFT_OUT.has(r.meta.id) && (r.meta.supportedContentTypes ?? ["text"]).some((t) => t === "text" || t === "all"));
  return scanners.map((rule) => {
    const id = rule.meta.id.replace("@secretlint/secretlint-rule-", "");
    const context: RuleContext = {
      sharedOptions: {},
      createTranslator: () => (messageId) => ({ messageId }),
      report: ({ message, range }) => sink?.(`${id}/${message.messageId ?? "found"}`, range[0], range[1]),
      ignore: () => {},
    };
    const file = rule.create(context, OPTIONS[id] ?? {}).file;
    return { id: rule.meta.id, file: file ?? (() => undefined) };
  });
}

/** Every finding of the preset in `content`, by character range. Messages are never formatted (they quote the secret). */
export function presetFindings(content: string): PresetFinding[] {
  handlers ??= loadHandlers();
  const found: PresetFinding[] = [];
  const source = { content, contentType: "text", filePath: "values.txt", ext: ".txt" };
  sink = (rule, start, end) => found.push({ rule, start, end });
  try {
    for (const h of handlers) {
      // every text rule of the preset is synchronous; one that is not would be skipped silently otherwise
      if (h.file(source) instanceof Promise) throw new Error(`internal error: secretlint rule ${h.id} is asynchronous; the value scan cannot run it`);
    }
  } finally {
    sink = undefined;
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

// Secret-bearing values masked before anything is diffed or printed: Secret data, secret-looking keys,
// `{name: X_PASSWORD, value: ...}` pairs and PEM blocks. Names of secrets and cluster placeholders stay.
import YAML, { isMap, isPair, isScalar, type Node } from "yaml";

export const MASK = "<masked>";

const SECRET_KEY = /(password|passwd|secret|private[_-]?key|api[_-]?key|master[_-]?key|token|credential|http[_-]?auth|htpasswd)/i;
/** Keys that name or point at a secret rather than hold one. */
const REFERENCE_KEY = /(name|ref|refs|existingsecret|store|uid|keyid|template)$/i;
const PLACEHOLDER = /^from-cluster-secret:/;

export interface Masked {
  text: string;
  /** The hidden values in order: when they differ between two versions, a secret changed. */
  hidden: string[];
}

const holdsSecret = (key: string) => SECRET_KEY.test(key) && !REFERENCE_KEY.test(key);

/** A value as it may be printed: masked when its key holds a secret or it looks like a private key. */
export function printable(key: string, value: unknown): unknown {
  if (typeof value === "string" && PLACEHOLDER.test(value)) return value;
  if (value !== undefined && value !== null && value !== "" && typeof value !== "boolean" && (holdsSecret(key) || String(value).includes("PRIVATE KEY-----"))) return MASK;
  return value;
}

/** Masks a YAML or JSON text; text that does not parse is returned unchanged. */
export function maskSecrets(text: string): Masked {
  const ranges: [number, number][] = [];
  const hide = (node: unknown) => {
    // booleans hold no secret (automountServiceAccountToken: false)
    if (!isScalar(node) || !node.range || node.value === null || node.value === "" || typeof node.value === "boolean") return;
    if (typeof node.value === "string" && PLACEHOLDER.test(node.value)) return;
    ranges.push([node.range[0], node.range[1]]);
  };
  let docs;
  try {
    docs = YAML.parseAllDocuments(text);
  } catch {
    return { text, hidden: [] };
  }
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) continue;
    const isSecret = doc.get("kind") === "Secret";
    YAML.visit(doc, {
      Pair(_, pair, path) {
        const key = isScalar(pair.key) ? String(pair.key.value) : "";
        const parent = path[path.length - 1];
        const topLevel = path.length === 2; // Document → Map → Pair
        if (isSecret && topLevel && (key === "data" || key === "stringData") && isMap(pair.value)) {
          for (const item of pair.value.items) if (isPair(item)) hide(item.value);
          return YAML.visit.SKIP;
        }
        if (holdsSecret(key)) hide(pair.value);
        else if (key === "value" && isMap(parent)) {
          const name = (parent.items.find((i) => isPair(i) && isScalar(i.key) && i.key.value === "name")?.value as Node | undefined);
          if (isScalar(name) && holdsSecret(String(name.value))) hide(pair.value);
        } else if (isScalar(pair.value) && typeof pair.value.value === "string" && pair.value.value.includes("PRIVATE KEY-----")) hide(pair.value);
        return undefined;
      },
    });
  }
  ranges.sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  const hidden: string[] = [];
  for (const [start, end] of ranges) {
    if (start < at) continue;
    const raw = text.slice(start, end);
    hidden.push(raw);
    out += text.slice(at, start) + `"${MASK}"` + (raw.endsWith("\n") ? "\n" : "");
    at = end;
  }
  return { text: out + text.slice(at), hidden };
}

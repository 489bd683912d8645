// Markdown tables of a zod schema's fields, and the blocks of docs/reference.md they are written into (npm run docs).

export interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  anyOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  additionalProperties?: JsonSchema | boolean;
  items?: JsonSchema;
  required?: string[];
  default?: unknown;
  description?: string;
  minimum?: number;
  maximum?: number;
}

function typeOf(s: JsonSchema): string {
  if (s.enum) return s.enum.map((v) => `\`${JSON.stringify(v)}\``).join(" \\| ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" \\| ");
  if (s.type === "array") return `${s.items ? typeOf(s.items) : "any"}[]`;
  if (s.type === "object" && !s.properties && typeof s.additionalProperties === "object") return "{ KEY: value }";
  if (s.type === "integer" && s.minimum !== undefined) return `integer ${s.minimum}–${s.maximum}`;
  return String(s.type ?? "any");
}

// The six workload overrides share one shape: document it once as size.<workload>.
const WORKLOAD = /^size\.(lms|cms|lmsWorker|cmsWorker|mfe|caddy)(?=\.|$)/;

export function rows(s: JsonSchema, prefix: string, required: boolean, out: string[]): void {
  const match = WORKLOAD.exec(prefix);
  if (match && match[1] !== "lms") return;
  if (match) prefix = prefix.replace(WORKLOAD, "size.<workload>");
  const note = s.default !== undefined ? `default \`${JSON.stringify(s.default)}\`` : required ? "**required**" : "optional";
  if (prefix) out.push(`| \`${prefix}\` | ${typeOf(s)} | ${note} | ${(s.description ?? "").replace(/\|/g, "\\|")} |`);
  const objectBranch = s.anyOf?.find((b) => b.properties);
  const props = s.properties ?? objectBranch?.properties;
  if (!props) return;
  const req = new Set((s.properties ? s.required : objectBranch?.required) ?? []);
  for (const [key, child] of Object.entries(props)) rows(child, prefix ? `${prefix}.${key}` : key, req.has(key), out);
}

/** `text` with the block between two markers replaced by `body`. */
export function withBlock(text: string, startMarker: string, endMarker: string, body: string): string {
  const start = text.indexOf(startMarker);
  const end = text.indexOf(endMarker);
  if (start < 0 || end < start) throw new Error(`docs/reference.md lacks the ${startMarker} ... ${endMarker} markers`);
  return `${text.slice(0, start)}${startMarker}\n${body}\n${text.slice(end)}`;
}


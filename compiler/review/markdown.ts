// The review as a pull-request comment: summary, risk flags first, tenant lines, then each file's diff
// in a collapsed <details> block. The hidden marker lets CI update its one sticky comment.
import { capacityLines } from "./capacity";
import type { ChangeCount } from "./compare";
import type { Flag } from "./flags";
import type { Review } from "./report";

export const COMMENT_MARKER = "<!-- openedx-fleet:review -->";

const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const html = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
// a summary line stays short however many tenants a change touches
const SHOWN_IDS = 20;
const lines = (c: ChangeCount) => `${c.files} file(s), +${c.added} −${c.removed}`;
const list = (ids: string[]) => (ids.length ? ` (${ids.slice(0, SHOWN_IDS).map(code).join(", ")}${ids.length > SHOWN_IDS ? `, and ${ids.length - SHOWN_IDS} more` : ""})` : "");

function flagLine(f: Flag): string {
  return `- **${f.rule}** ${code(f.subject)}: ${html(f.message.replace(/\n/g, " "))}`;
}

function fence(patch: string, lang = "diff"): string {
  // longer than any run of backticks inside, so no line of the diff can close the block
  const longest = Math.max(0, ...(patch.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = "`".repeat(Math.max(3, longest + 1));
  return `${ticks}${lang}\n${patch.trimEnd()}\n${ticks}`;
}

/** A failed check, on top: the most common mistake (forgetting to compile) must be the first thing read. */
function failureBlock(failure: string): string[] {
  return ["#### ❌ A check of this change failed: fix this first", "", fence(failure, "text"), ""];
}

// a comment stays readable however many warnings a fleet has; `compile` prints them all
const SHOWN_WARNINGS = 30;

function warningLines(warnings: readonly string[]): string[] {
  if (warnings.length === 0) return [];
  const out = [`#### ⚠️ Compile warnings (${warnings.length})`, ""];
  for (const w of warnings.slice(0, SHOWN_WARNINGS)) {
    const [first, ...rest] = w.split("\n");
    out.push(`- ${html(first!)}`, ...rest.map((l) => `  ${html(l.trim())}`));
  }
  if (warnings.length > SHOWN_WARNINGS) out.push(`- and ${warnings.length - SHOWN_WARNINGS} more: run \`npm run compile\``);
  return [...out, ""];
}

/** The comment when the working tree does not compile at all: the failure and nothing else to review. */
export function failureOnly(ref: string, head: string, failure: string): string {
  return [COMMENT_MARKER, `### Fleet review: ${code(ref)} → ${head}`, "", ...failureBlock(failure)].join("\n").trimEnd() + "\n";
}

export function toMarkdown(r: Review, cut?: string): string {
  const s = r.summary;
  const sha = r.base.sha.slice(0, 12);
  const base = r.base.sha.startsWith(r.base.ref) ? code(sha) : `${code(r.base.ref)} (${sha})`;
  const out = [COMMENT_MARKER, `### Fleet review: ${base} → ${r.head}`, ""];
  if (r.failure) out.push(...failureBlock(r.failure));
  out.push(
    `**Tenants:** ${s.tenants.added.length} added${list(s.tenants.added)}, ${s.tenants.changed.length} changed${list(s.tenants.changed)}, ` +
      `${s.tenants.archived.length} archived${list(s.tenants.archived)}, ${s.tenants.removed.length} removed${list(s.tenants.removed)}  `,
    `**Platform components changed:** ${s.platform.length ? s.platform.map((p) => `${code(p.component)} (${lines(p)})`).join(", ") : "none"}  `,
    `**Files:** ${s.files} changed, +${s.added} −${s.removed} lines`,
    "",
  );
  for (const note of r.notes) out.push(`> **Note:** ${note}`, "");
  if (cut) out.push(`> **Cut to fit:** ${cut}`, "");
  out.push(...warningLines(r.warnings));
  if (s.files === 0) {
    out.push("No change to `generated/`.");
    return out.join("\n") + "\n";
  }
  out.push(r.flags.length ? `#### ⚠️ Risk flags (${r.flags.length})` : "#### Risk flags: none", "");
  for (const f of r.flags) out.push(flagLine(f));
  if (r.flags.length) out.push("");
  if (r.capacity.length) out.push("#### Capacity (as `npm run report` computes it)", "", ...capacityLines(r.capacity), "");
  if (r.tenants.length) {
    out.push("#### Tenants", "");
    for (const t of r.tenants) out.push(`- ${code(t.id)} **${t.status}**: ${html(t.details.join("; "))}${t.changes.files ? ` (${lines(t.changes)})` : ""}`);
    out.push("");
  }
  if (r.files.length) {
    out.push("#### Files", "");
    for (const f of r.files) {
      const title = `<code>${html(f.path)}</code> ${f.status} (+${f.added} −${f.removed})${f.maskedChange ? " · masked value changed" : ""}`;
      if (!f.patch) out.push(`- ${title.replace(/<\/?code>/g, "`")}`);
      else out.push(`<details><summary>${title}</summary>`, "", fence(f.patch), "", "</details>");
    }
  }
  return out.join("\n").trimEnd() + "\n";
}

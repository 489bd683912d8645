// The size cap: a report that would pass the limit (GitHub comments stop at 65,536 characters) is
// degraded step by step — file diffs, then tenant lines and the file list, then flags past the first
// ones — and says what was cut. Nothing is ever truncated mid-diff.
import type { Review } from "./report";

export const DEFAULT_MAX_CHARS = 60_000;
export const MIN_MAX_CHARS = 2_000;

export type Render = (review: Review, cut?: string) => string;

function degraded(r: Review, level: 1 | 2 | 3, flagsShown: number, fullLength: number, max: number): { review: Review; cut: string } {
  const { files, added, removed } = r.summary;
  const cuts = [`the diffs of ${files} file(s) (+${added} −${removed} lines)`];
  if (level >= 2) cuts.push(`the ${r.tenants.length} tenant line(s) and the file list`);
  if (level >= 3) cuts.push(`${r.flags.length - flagsShown} of ${r.flags.length} risk flags`, "tenant ids in the summary past the first 20");
  const cut = `The full report is ${fullLength.toLocaleString("en-US")} characters, over the limit of ${max.toLocaleString("en-US")}: cut ${cuts.join("; ")}. Run \`npm run diff -- --base ${r.base.ref}\` locally for everything.`;
  return {
    cut,
    review: {
      ...r,
      files: level >= 2 ? [] : r.files.map(({ patch: _p, ...f }) => ({ ...f, patch: "" })),
      tenants: level >= 2 ? [] : r.tenants,
      flags: level >= 3 ? r.flags.slice(0, flagsShown) : r.flags,
      summary: level >= 3 ? { ...r.summary, tenants: Object.fromEntries(Object.entries(r.summary.tenants).map(([k, ids]) => [k, ids.slice(0, 20)])) as Review["summary"]["tenants"] } : r.summary,
    },
  };
}

/** The fullest rendering of `review` within `max` characters. */
export function fit(review: Review, render: Render, max: number = DEFAULT_MAX_CHARS): string {
  const full = render(review);
  if (full.length <= max) return full;
  for (const level of [1, 2] as const) {
    const d = degraded(review, level, review.flags.length, full.length, max);
    const text = render(d.review, d.cut);
    if (text.length <= max) return text;
  }
  for (let shown = review.flags.length - 1; shown >= 0; shown = shown > 50 ? Math.floor(shown * 0.8) : shown - 1) {
    const d = degraded(review, 3, shown, full.length, max);
    const text = render(d.review, d.cut);
    if (text.length <= max) return text;
  }
  throw new Error(`internal error: even the summary of this review exceeds ${max} characters`);
}

// The size cap: a report that would pass the limit (GitHub comments stop at 65,536 characters) is
// degraded step by step — the diffs that do not fit (their files stay listed), then the tenant lines and
// the file list, then flags past the first ones — and says what was cut. No diff is cut in the middle.
import type { Review } from "./report";

export const DEFAULT_MAX_CHARS = 60_000;
export const MIN_MAX_CHARS = 2_000;

export type Render = (review: Review, cut?: string) => string;

interface View {
  /** Files whose diff is shown; the others are listed with their counts. */
  patches: ReadonlySet<string>;
  /** Tenant lines and the file list kept. */
  details: boolean;
  flagsShown: number;
}

function viewOf(r: Review, v: View, fullLength: number, max: number): { review: Review; cut: string } {
  const cutFiles = v.details ? r.files.filter((f) => !v.patches.has(f.path)) : r.files;
  const lines = `+${cutFiles.reduce((n, f) => n + f.added, 0)} −${cutFiles.reduce((n, f) => n + f.removed, 0)} lines`;
  const cuts = [`the diffs of ${cutFiles.length} of ${r.files.length} file(s) (${lines})${v.details ? ", listed without them" : ""}`];
  if (!v.details) cuts.push(`the ${r.tenants.length} tenant line(s) and the file list`);
  if (v.flagsShown < r.flags.length) cuts.push(`${r.flags.length - v.flagsShown} of ${r.flags.length} risk flags`, "tenant ids in the summary past the first 20");
  const cut = `The full report is ${fullLength.toLocaleString("en-US")} characters, over the limit of ${max.toLocaleString("en-US")}: cut ${cuts.join("; ")}. Run \`npm run diff -- --base ${r.base.ref}\` locally for everything.`;
  const ids = (list: string[]) => (v.flagsShown < r.flags.length ? list.slice(0, 20) : list);
  return {
    cut,
    review: {
      ...r,
      files: v.details ? r.files.map((f) => (v.patches.has(f.path) ? f : { ...f, patch: "" })) : [],
      tenants: v.details ? r.tenants : [],
      flags: r.flags.slice(0, v.flagsShown),
      summary: { ...r.summary, tenants: { added: ids(r.summary.tenants.added), changed: ids(r.summary.tenants.changed), archived: ids(r.summary.tenants.archived), removed: ids(r.summary.tenants.removed) } },
    },
  };
}

/** Diffs that fit beside everything else, whole, in file order. */
function patchesThatFit(r: Review, render: Render, budget: number): Set<string> {
  const kept = new Set<string>();
  // tenant lines and flags cost the same either way: leave them out of the measurement
  const bare = { ...r, tenants: [], flags: [] };
  for (const f of r.files) {
    // what this diff adds to the report: its block with the diff, less its line without
    const cost = render({ ...bare, files: [f] }).length - render({ ...bare, files: [{ ...f, patch: "" }] }).length;
    if (cost > budget) continue;
    kept.add(f.path);
    budget -= cost;
  }
  return kept;
}

/** The fullest rendering of `review` within `max` characters. */
export function fit(review: Review, render: Render, max: number = DEFAULT_MAX_CHARS): string {
  const full = render(review);
  if (full.length <= max) return full;
  const attempt = (v: View) => {
    const d = viewOf(review, v, full.length, max);
    return render(d.review, d.cut);
  };
  const all = review.flags.length;
  const listed = attempt({ patches: new Set(), details: true, flagsShown: all });
  if (listed.length <= max) {
    // a little room for the note naming fewer files than "all"
    const kept = [...patchesThatFit(review, render, max - listed.length - 40)];
    while (kept.length > 0) {
      const text = attempt({ patches: new Set(kept), details: true, flagsShown: all });
      if (text.length <= max) return text;
      kept.pop();
    }
    return listed;
  }
  for (let shown = all; shown >= 0; shown = shown > 50 ? Math.floor(shown * 0.8) : shown - 1) {
    const text = attempt({ patches: new Set(), details: false, flagsShown: shown });
    if (text.length <= max) return text;
  }
  throw new Error(`internal error: even the summary of this review exceeds ${max} characters`);
}

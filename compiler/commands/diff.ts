// `npm run diff -- --base <ref> [--format markdown|json] [--max-chars N]`: the review of a change, for a pull request.
import { DEFAULT_MAX_CHARS, fit, MIN_MAX_CHARS } from "../review/fit";
import { toJson } from "../review/json";
import { toMarkdown } from "../review/markdown";
import { reviewChange } from "../review/review";
import { ReviewError } from "../review/worktree";
import { parseOptions, UsageError } from "./args";
import type { Command } from "./index";

export const diffCommand: Command = {
  describe: "compare what the working tree compiles to with a base revision, as Markdown or JSON",
  lock: "read",
  async run(ctx) {
    const { values: opts, positionals } = parseOptions(ctx.args, {
      base: { type: "string" },
      format: { type: "string", default: "markdown" },
      "max-chars": { type: "string", default: String(DEFAULT_MAX_CHARS) },
    });
    if (!opts.base) throw new UsageError("--base <git ref> is required, e.g. --base origin/main");
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${positionals[0]}`);
    if (opts.format !== "markdown" && opts.format !== "json") throw new UsageError(`--format ${opts.format}: use markdown or json`);
    const max = Number(opts["max-chars"]);
    if (!Number.isInteger(max) || max < MIN_MAX_CHARS) throw new UsageError(`--max-chars ${opts["max-chars"]}: a whole number of at least ${MIN_MAX_CHARS}`);
    let review;
    try {
      review = reviewChange(ctx.root, opts.base);
    } catch (e) {
      if (!(e instanceof ReviewError)) throw e;
      ctx.io.err(`diff: ${e.message}`);
      return 1;
    }
    ctx.io.out(fit(review, opts.format === "json" ? toJson : toMarkdown, max).trimEnd());
    return 0;
  },
};

// `npm run diff -- --base <ref> [--format markdown|json] [--max-chars N]`: the review of a change, for a pull request.
import { DEFAULT_MAX_CHARS, fit, MIN_MAX_CHARS } from "../review/fit";
import { UsageError } from "./args";
import type { Command } from "./index";

export const diffCommand: Command = {
  describe: "compare what the working tree compiles to with a base revision, as Markdown or JSON",
  lock: "read",
  args: {
    options: {
      base: { type: "string", value: "ref", required: true, help: "the git revision to compare with, e.g. origin/main" },
      format: { type: "string", value: "markdown|json", default: "markdown", help: "output format" },
      "max-chars": { type: "string", value: "n", default: String(DEFAULT_MAX_CHARS), help: "longest review to print (a PR comment holds 65,536)" },
    },
  },
  async run(ctx) {
    const opts = ctx.opts as { base: string; format: string; "max-chars": string };
    if (opts.format !== "markdown" && opts.format !== "json") throw new UsageError(`--format ${opts.format}: use markdown or json`);
    const max = Number(opts["max-chars"]);
    if (!Number.isInteger(max) || max < MIN_MAX_CHARS) throw new UsageError(`--max-chars ${opts["max-chars"]}: a whole number of at least ${MIN_MAX_CHARS}`);
    const [{ toJson }, { toMarkdown }, { reviewChange }, { ReviewError }] = await Promise.all([
      import("../review/json"),
      import("../review/markdown"),
      import("../review/review"),
      import("../review/worktree"),
    ]);
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

// `npm run diff -- --base <ref> [--format markdown|json] [--max-chars N] [--failure file]`: the review of a
// change, for a pull request. A working tree that does not compile still gets a comment: its errors.
import fs from "node:fs";
import { formatDiagnostic, sortDiagnostics, UserError } from "../diagnostics";
import { DEFAULT_MAX_CHARS, fit, MIN_MAX_CHARS } from "../review/fit";
import { during } from "../terminal/progress";
import { UsageError } from "./args";
import type { Command } from "./index";

// a failure's first lines say what is wrong; the job log keeps the rest
const FAILURE_LINES = 60;

function readFailure(file: string | undefined): string | undefined {
  if (file === undefined) return undefined;
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (e) {
    throw new UsageError(`--failure ${file}: cannot read it (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  const lines = text.trimEnd().split("\n");
  return lines.length > FAILURE_LINES ? [...lines.slice(0, FAILURE_LINES), `… ${lines.length - FAILURE_LINES} more line(s) in the job log`].join("\n") : text.trimEnd();
}

export const diffCommand: Command = {
  describe: "compare what the working tree compiles to with a base revision, as Markdown or JSON",
  lock: "read",
  args: {
    options: {
      base: { type: "string", value: "ref", required: true, help: "the git revision to compare with, e.g. origin/main" },
      format: { type: "string", value: "markdown|json", default: "markdown", help: "output format" },
      "max-chars": { type: "string", value: "n", default: String(DEFAULT_MAX_CHARS), help: "longest review to print (a PR comment holds 65,536)" },
      failure: { type: "string", value: "file", help: "output of a failed check (e.g. `npm run check`), shown on top of the review" },
    },
  },
  async run(ctx) {
    const opts = ctx.opts as { base: string; format: string; "max-chars": string; failure?: string };
    if (opts.format !== "markdown" && opts.format !== "json") throw new UsageError(`--format ${opts.format}: use markdown or json`);
    const max = Number(opts["max-chars"]);
    if (!Number.isInteger(max) || max < MIN_MAX_CHARS) throw new UsageError(`--max-chars ${opts["max-chars"]}: a whole number of at least ${MIN_MAX_CHARS}`);
    const failure = readFailure(opts.failure);
    // the compiler and the review load when the command runs
    const [{ toJson }, { failureOnly, toMarkdown }, { reviewChange }, { ReviewError }] = await Promise.all([
      import("../review/json"),
      import("../review/markdown"),
      import("../review/review"),
      import("../review/worktree"),
    ]);
    let review;
    try {
      review = await during(ctx.progress, `compiling the working tree and ${opts.base} to compare them…`, () => reviewChange(ctx.root, opts.base, { failure }));
    } catch (e) {
      if (e instanceof UserError && opts.format === "markdown") {
        // the comment still says what is wrong; the diagnostics also go to stderr and the exit code is 1
        const errors = sortDiagnostics(e.diagnostics).map(formatDiagnostic).join("\n");
        ctx.io.out(failureOnly(opts.base, "working tree", [failure, `npm run compile: the working tree does not compile\n${errors}`].filter(Boolean).join("\n\n")).trimEnd());
      }
      if (!(e instanceof ReviewError)) throw e;
      ctx.io.err(`diff: ${e.message}`);
      return 1;
    }
    ctx.io.out(fit(review, opts.format === "json" ? toJson : toMarkdown, max).trimEnd());
    return 0;
  },
};

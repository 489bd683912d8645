// `npm run bench [-- --sizes 100,1000,5000 --runs 3]`: synthetic fleets, measured in fresh processes.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { CODE_ROOT as REPO_ROOT } from "../code-root";
import type { Command } from "./index";

export const benchCommand: Command = {
  describe: "measure compile, check, diff, validate and docs, whole process, on synthetic fleets of 100, 1,000 and 5,000 tenants",
  args: {
    options: {
      sizes: { type: "string", value: "n,n,...", default: "100,1000,5000", help: "fleet sizes in tenants" },
      runs: { type: "string", value: "n", default: "3", help: "runs per measurement (the median is shown)" },
      peer: { type: "string", value: "script", help: "a Node script synthesizing the same objects with another tool (e.g. cdk8s), run once per size on the compiled fleet" },
      imports: { type: "boolean", help: "measure what each dependency costs to import instead (a Markdown table)" },
      trash: { type: "string", value: "dir", help: "keep what the runs leave in this folder instead of deleting it at the end (several benchmarks in a row: deleting thousands of files slows the next one's file creation, bench/scenarios.ts)" },
    },
  },
  async run(ctx) {
    const sizes = String(ctx.opts.sizes).split(",").map(Number);
    const runs = Number(ctx.opts.runs);
    if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1) || !Number.isInteger(runs) || runs < 1) {
      ctx.io.err("usage: npm run bench -- [--sizes 100,1000,5000] [--runs 3] (tenant counts separated by commas, a positive number of runs)");
      return 1;
    }
    if (ctx.opts.imports) {
      const { importCosts, importTable } = await import("../bench/imports");
      const before = os.loadavg();
      const lines = importTable(importCosts(REPO_ROOT, runs));
      for (const line of [...lines, "", `median of ${runs} fresh process(es) each; load average before ${before.map((n) => n.toFixed(2)).join(" ")}, after ${os.loadavg().map((n) => n.toFixed(2)).join(" ")}`]) ctx.io.out(line);
      return 0;
    }
    const [{ benchSize }, { table, verdicts }] = await Promise.all([import("../bench/scenarios"), import("../bench/table")]);
    // the benchmark measures the compiler of this checkout, on fleets of its own in the temp folder
    const before = os.loadavg();
    // what the runs leave is deleted after the last one (bench/scenarios.ts says why)
    const kept = ctx.opts.trash as string | undefined;
    if (kept) fs.mkdirSync(kept, { recursive: true });
    const trash = fs.mkdtempSync(path.join(kept ?? os.tmpdir(), "fleet-bench-trash-"));
    let results, after;
    try {
      results = sizes.map((n) => benchSize(REPO_ROOT, n, runs, (line) => ctx.io.err(line), trash, ctx.opts.peer as string | undefined));
      after = os.loadavg();
    } finally {
      if (!kept) fs.rmSync(trash, { recursive: true, force: true });
    }
    const load = { before, after };
    for (const line of [...table(results, runs, load), "", ...verdicts(results)]) ctx.io.out(line);
    return 0;
  },
};

// What each runtime dependency costs to load, alone, in a fresh Node process (median of `runs`), and which
// commands load it: the figures behind loading only what a command needs.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { median } from "./measure";

/** Which commands load it (kept by hand: the bundle's chunks decide, see docs/benchmarks.md). */
const LOADED_BY: Record<string, string> = {
  "oxc-parser": "compile, check, diff when a file to read is not plain (compiler/source/plain-parser.ts reads the others)",
  "ts-morph": "tenant:new, fleet:upgrade (the codemods that edit tenant files)",
  "@kubernetes/client-node": "validate without a schema folder (packaged schemas)",
  "@secretlint/secretlint-rule-preset-recommend": "compile, check, diff (inlined in the compiler's bundle: this figure is its cost as a package)",
  ajv: "validate, only to compile a schema (not when every validator is in .cache/validators)",
  diff: "diff",
  esbuild: "the first run after a change to compiler/ (builds the bundle)",
  "js-yaml": "validate (YAML its own block reader leaves to it: flow style, anchors, tags, …)",
  "proper-lockfile": "every command that locks the working tree",
  tldts: "compile, check, diff, report (host ownership), not a no-op compile; inlined in the compiler's bundle",
  yaml: "diff, render, postrender",
  "yocto-spinner": "on a terminal only (progress)",
  zod: "compile, check, diff, report, tenant:new; docs when its reference changed; not a no-op compile",
};

export interface ImportCost {
  module: string;
  ms: number;
  loadedBy: string;
}

export function importCosts(codeRoot: string, runs: number): ImportCost[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(codeRoot, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  return Object.keys(pkg.dependencies).map((module) => {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      // import() for ES modules and CommonJS alike; the time is taken inside the child, Node's start-up excluded
      const code = `const t = performance.now(); import(${JSON.stringify(module)}).then(() => console.log(performance.now() - t))`;
      const r = spawnSync(process.execPath, ["--input-type=module", "-e", code], { cwd: codeRoot, encoding: "utf8" });
      const ms = Number(r.stdout.trim());
      if (r.status !== 0 || !Number.isFinite(ms)) throw new Error(`cannot import ${module}: ${r.stderr}`);
      times.push(ms);
    }
    return { module, ms: median(times), loadedBy: LOADED_BY[module] ?? "" };
  });
}

export function importTable(costs: ImportCost[]): string[] {
  return ["| module | import, ms | loaded by |", "| --- | ---: | --- |", ...costs.sort((a, b) => b.ms - a.ms).map((c) => `| \`${c.module}\` | ${Math.round(c.ms)} | ${c.loadedBy} |`)];
}

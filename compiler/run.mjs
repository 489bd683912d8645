// The entry of the npm scripts: runs the compiler from one JavaScript bundle of compiler/ instead of
// compiling each TypeScript module at import time through tsx. Commands start faster, run about a fifth
// faster and need less memory (no loader thread, no kept function names). The bundle is a cache: built with
// esbuild into .cache/build/<hash of the sources>/ on first use and again after any change to compiler/ or
// the lock file, so it never runs stale code. This thread runs one CommonJS file of it through V8's code cache
// (code-cache.cjs), and so does each worker thread its own file (worker-start.cjs). Tests and the Argo CD plugin
// run the sources through tsx.
import fs from "node:fs";
import path from "node:path";
import v8 from "node:v8";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { sourcesHash } from "./cache/sources-hash.mjs";
import { loadCached } from "./code-cache.cjs";

const require = createRequire(import.meta.url);

// Any changed flag (below) makes V8 refuse Node's own compiled code for its built-in modules: those the commands
// load are loaded first, from it (compiled after the change, they cost the main thread ~15 ms more per command)
for (const name of ["os", "child_process", "perf_hooks", "assert", "tty", "constants"]) require(`node:${name}`);
// V8 optimises a function once it has run through a budget of bytecode; a command lasts a second or two, so at
// the default budget (132 KB) much of its CPU went to optimising code on background threads that then ran
// briefly. Four times the budget: a 1,000-tenant compile spent 0.45 s instead of 1.2 s of CPU on those threads
// and finished 10–15% sooner (docs/benchmarks.md). Process-wide, so worker threads have it too.
v8.setFlagsFromString("--interrupt-budget=530000");

const CODE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const COMPILER = path.join(CODE_ROOT, "compiler");

// Modules find files beside them through import.meta.url (the repository root, tutor_render.py, caches):
// each keeps its own source location inside the bundle.
const keepOwnUrl = {
  name: "keep-own-url",
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, (args) => ({
      contents: fs.readFileSync(args.path, "utf8").replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)),
      loader: "ts",
    }));
  },
};

// zod exports every message locale (64 modules, a third of what the bundle loads); the compiler's messages are
// its own, so only English, zod's default, is bundled: each thread parses a third less code at start-up
const englishOnly = {
  name: "zod-english-only",
  setup(build) {
    build.onResolve({ filter: /\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.sep}zod${path.sep}`) ? { path: path.join(path.dirname(args.importer), "..", "locales", "en.js"), namespace: "zod-en" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-en" }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: path.dirname(args.path) }));
  },
};

const INLINED = new Set(["zod", "tldts", "@secretlint/secretlint-rule-preset-recommend"]);
const EXTERNAL = Object.keys(JSON.parse(fs.readFileSync(path.join(CODE_ROOT, "package.json"), "utf8")).dependencies)
  .filter((name) => !INLINED.has(name))
  .flatMap((name) => [name, `${name}/*`]);

async function bundle(dir) {
  const { build } = await import("esbuild");
  const tmp = `${dir}.${process.pid}.tmp`;
  const common = {
    bundle: true,
    platform: "node",
    target: "node20",
    // dependencies stay in node_modules, except pure-JavaScript ones that Node would load slowly on every run:
    // zod, about a hundred small ES modules to resolve one by one; tldts, 220 KB of CommonJS that Node scans for
    // its exports before loading it (its ES module build is bundled instead: mainFields); secretlint's preset,
    // 230 KB that a require() compiled as a module of its own
    external: EXTERNAL,
    mainFields: ["module", "main"],
    outdir: tmp,
    plugins: [keepOwnUrl, englishOnly],
    logLevel: "error",
  };
  // the main thread's compiler and each kind of worker thread's code: one CommonJS file each, loaded through V8's
  // code cache (code-cache.cjs, worker-start.cjs); strict, as the ES modules they are made of are
  await build({
    ...common,
    entryPoints: {
      cli: path.join(COMPILER, "cli.ts"),
      "start-early": path.join(COMPILER, "parallel", "start-early.ts"),
      "tenant-worker": path.join(COMPILER, "parallel", "worker.ts"),
      "validate-worker": path.join(COMPILER, "validate", "pool.ts"),
      "stat-worker": path.join(COMPILER, "output", "stat-worker.ts"),
    },
    format: "cjs",
    outExtension: { ".js": ".cjs" },
    banner: { js: '"use strict";' },
  });
  try {
    fs.renameSync(tmp, dir); // never a half-written bundle under its final name
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another process built the same bundle first
  }
}

const dir = path.join(CODE_ROOT, ".cache", "build", sourcesHash(CODE_ROOT).slice(0, 24));
/** Bundles of former sources go after a day (a command still running one keeps its loaded modules meanwhile). */
function pruneOldBundles(current) {
  const parent = path.dirname(current);
  for (const name of fs.readdirSync(parent)) {
    const other = path.join(parent, name);
    if (other !== current && Date.now() - fs.statSync(other).mtimeMs > 24 * 3600 * 1000) fs.rmSync(other, { recursive: true, force: true });
  }
}

// its dependencies resolve from the repository's node_modules, a few folders up
if (!fs.existsSync(path.join(dir, "cli.cjs"))) {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  await bundle(dir);
  pruneOldBundles(dir);
}
// where the tenant pool finds this bundle's worker entry (parallel/pool.ts)
globalThis[Symbol.for("openedx-fleet.bundle")] = dir;
// a compile or check that will need the tenant pool's workers starts them before this thread loads the compiler
if (process.argv[2] === "compile" || process.argv[2] === "check") {
  try {
    require(path.join(dir, "start-early.cjs")).startEarly(process.argv.slice(2), CODE_ROOT);
  } catch {
    // only a guess: the command starts its workers itself, or does without
  }
}
const started = performance.now();
const compiler = loadCached(path.join(dir, "cli.cjs"), process.argv[2]);
const { main } = compiler.exports;
const loaded = performance.now();

if (process.env.FLEET_BENCH_CHILD === "1") {
  // the benchmark's child (compiler/bench/measure.ts): output swallowed, one JSON line of figures instead
  const errors = [];
  const code = await main(process.argv.slice(2), { out: () => {}, err: (l) => void (errors.length < 20 && errors.push(l)) });
  const done = performance.now();
  compiler.save();
  process.stdout.write(JSON.stringify({ code, loadMs: loaded - started, commandMs: done - loaded, maxRssKb: process.resourceUsage().maxRSS, pool: globalThis[Symbol.for("openedx-fleet.pool")], statsAhead: globalThis[Symbol.for("openedx-fleet.stats-ahead")], errors: code === 0 ? [] : errors }) + "\n");
  // and ends as a user's command does (below), or the benchmark would time a teardown no user waits for
  if (process.stdout.writableLength === 0) process.exit(code);
  process.exitCode = code;
} else {
  const code = await main(process.argv.slice(2));
  compiler.save();
  // out at once when all output is written: Node's own teardown of a large heap takes 10 ms more per command
  if (process.stdout.writableLength === 0 && process.stderr.writableLength === 0) process.exit(code);
  process.exitCode = code;
}

// Loads one CommonJS file of the compiler's bundle through V8's code cache: the main thread's (compiler/run.mjs)
// and each worker thread's (worker-start.cjs). Node 20 keeps no compiled code for ES modules between runs, so
// every command parsed and compiled the compiler's code again: at 1,000 tenants a one-tenant compile spent about
// a fifth of its CPU on that. A script's compiled functions can be kept, though: after a run, V8 writes what it
// compiled for it next to the bundle (`cli.cjs.<command>.v8cache`, `tenant-worker.cjs.worker.v8cache`), and the
// next run starts from it. A run much longer than the one that made the cache (a full compile after a one-tenant
// one) compiled more, and writes it again; a cache V8 refuses (another Node version or other V8 flags, a corrupt
// file) is written again; one that cannot be written only costs speed. CommonJS, so that a worker thread loads it
// without Node's ES module loader, which cost a worker more time to start than the compiler's code did.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { createRequire } = require("node:module");
const { threadId } = require("node:worker_threads");

/** The exports of the CommonJS `file`, compiled from its cache for `name` when there is one; `save` keeps a cache after the run. */
function loadCached(file, name) {
  const cacheFile = `${file}.${/^[a-z][a-z:-]*$/.test(name ?? "") ? name.replace(":", "-") : "other"}.v8cache`;
  let cachedData;
  let madeInMs = 0;
  try {
    cachedData = fs.readFileSync(cacheFile);
    // how long the run that made it took, in the cache file's name-sake beside it
    madeInMs = Number(fs.readFileSync(`${cacheFile}.ms`, "utf8")) || 0;
  } catch {
    // none yet: compiled from source, and a cache written after the run
  }
  const source = `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, "utf8")}\n})`;
  // import() of an ES module dependency resolves as from any other module
  const script = new vm.Script(source, { filename: file, cachedData, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
  const module = { exports: {} };
  const started = performance.now();
  script.runInThisContext().call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  let saved = false;
  return {
    exports: module.exports,
    /** After the run: keeps what V8 compiled for it, unless a cache made by a run about as long was used as it was (once). */
    save() {
      if (saved) return;
      saved = true;
      const ms = Math.round(performance.now() - started);
      if (cachedData && !script.cachedDataRejected && ms <= 2 * madeInMs + 100) return;
      // threads of one process may write the same cache at once: each its own temporary file
      const tmp = `${cacheFile}.${process.pid}-${threadId}.tmp`;
      try {
        fs.writeFileSync(`${cacheFile}.ms`, String(ms));
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile); // never half a cache under its name
      } catch {
        fs.rmSync(tmp, { force: true });
      }
    },
  };
}

module.exports = { loadCached };

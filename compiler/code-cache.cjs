// Loads one CommonJS file of the compiler's bundle through V8's code cache: the main thread's (compiler/run.mjs)
// and each worker thread's (worker-start.cjs). Node 20 keeps no compiled code for ES modules between runs, so
// every command parsed and compiled the compiler's code again: at 1,000 tenants a one-tenant compile spent about
// a fifth of its CPU on that. A script's compiled functions can be kept, though: after a run, V8 writes what it
// compiled for it next to the bundle (`cli.cjs.<command>.v8cache`, `tenant-worker.cjs.worker.v8cache`), and the
// next run starts from it. A run much longer than the one that made the cache (a full compile after a one-tenant
// one) compiled more, and writes it again; a cache V8 refuses (another Node version or other V8 flags) is written
// again; one that cannot be written only costs speed. CommonJS, so that a worker thread loads it without Node's ES
// module loader, which cost a worker more time to start than the compiler's code did.
"use strict";
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");
const { createRequire } = require("node:module");
const { threadId } = require("node:worker_threads");

// A cache file: the SHA-256 of the rest, how long the run that made it took (ms, 32 bits), V8's data. V8 checks
// that its data fits the source and the Node version, not that it is intact: damaged data (a disk that lost part
// of a file) crashed Node at every run, so the file's hash is checked first (about 1 ms) and a damaged one
// written again like a missing one.
const HASH = 32;
const HEADER = HASH + 4;

/** V8's data in a cache file and the run time it records; undefined when it is missing, short or damaged. */
function readCache(cacheFile) {
  let bytes;
  try {
    bytes = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (bytes.length <= HEADER || !createHash("sha256").update(bytes.subarray(HASH)).digest().equals(bytes.subarray(0, HASH))) return undefined;
  return { data: bytes.subarray(HEADER), madeInMs: bytes.readUInt32LE(HASH) };
}

/** The exports of the CommonJS `file`, compiled from its cache for `name` when there is one; `save` keeps a cache after the run. */
function loadCached(file, name) {
  const cacheFile = `${file}.${/^[a-z][a-z:-]*$/.test(name ?? "") ? name.replace(":", "-") : "other"}.v8cache`;
  const cached = readCache(cacheFile);
  const source = `(function (exports, require, module, __filename, __dirname) {${fs.readFileSync(file, "utf8")}\n})`;
  // import() of an ES module dependency resolves as from any other module
  const script = new vm.Script(source, { filename: file, cachedData: cached?.data, importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER });
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
      const ms = Math.min(Math.round(performance.now() - started), 0xffffffff);
      if (cached && !script.cachedDataRejected && ms <= 2 * cached.madeInMs + 100) return;
      // threads of one process may write the same cache at once: each its own temporary file
      const tmp = `${cacheFile}.${process.pid}-${threadId}.tmp`;
      try {
        const body = Buffer.concat([Buffer.alloc(4), script.createCachedData()]);
        body.writeUInt32LE(ms, 0);
        fs.writeFileSync(tmp, Buffer.concat([createHash("sha256").update(body).digest(), body]));
        fs.renameSync(tmp, cacheFile); // never half a cache under its name
      } catch {
        fs.rmSync(tmp, { force: true });
      }
    },
  };
}

module.exports = { loadCached };

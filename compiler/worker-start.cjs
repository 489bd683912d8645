// The entry of every worker thread started from the bundle (bundle-dir.ts): runs the worker's own CommonJS file
// of the bundle, named by the last argument, through V8's code cache (code-cache.cjs). No ES module is loaded on
// the way, so Node's ES module loader, which took a worker longer to start than the compiler's code did, is never
// set up. The worker's code keeps what V8 compiled for it once it has done its work (saveWorkerCode).
"use strict";
const { loadCached } = require("./code-cache.cjs");

let loaded;
globalThis[Symbol.for("openedx-fleet.save-worker-code")] = () => loaded?.save();
loaded = loadCached(process.argv[process.argv.length - 1], "worker");

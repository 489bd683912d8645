// Start-up speed: the TypeScript parser (one 9 MB file inside ts-morph) takes ~200 ms to compile on every
// run. This keeps V8's compiled code for that one file in .cache/v8/ and hands it back to V8 on the next
// run. V8 checks the data against the source and its own version and flags, and rejects any mismatch, in
// which case the file is compiled normally. Nothing else is affected.
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const TARGET = `${path.sep}@ts-morph${path.sep}common${path.sep}dist${path.sep}typescript.js`;
const CACHE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", ".cache", "v8");

type Compile = (this: NodeJS.Module, content: string, filename: string) => unknown;
const proto = Module.prototype as unknown as { _compile: Compile };
const original = proto._compile;

proto._compile = function (content: string, filename: string) {
  if (!filename.endsWith(TARGET)) return original.call(this, content, filename);
  const file = path.join(CACHE_DIR, `typescript-${process.version}-${content.length}.bin`);
  let cachedData: Buffer | undefined;
  try {
    cachedData = fs.readFileSync(file);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(content), { filename, cachedData });
  const fn = script.runInThisContext() as (...args: unknown[]) => unknown;
  if (!cachedData || script.cachedDataRejected) {
    // saved at exit, so the functions the run actually used are compiled in the saved data too
    process.once("exit", () => {
      try {
        fs.mkdirSync(CACHE_DIR, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, file);
      } catch {
        // a cache we cannot write only costs speed
      }
    });
  }
  return fn.call(this.exports, this.exports, createRequire(filename), this, filename, path.dirname(filename));
};

// Compiled validators kept between runs: Ajv turns each schema into JavaScript ("standalone code"), which is
// saved in .cache/validators/ under the hash of the schema text, Ajv's version and the options. Compiling
// the largest CRD schemas costs most of a validate run; loading the saved code costs a few milliseconds.
// A saved file that is damaged or fails to load is ignored and compiled again. V8's own compiled form of that
// code is kept beside it: the validators are tens of
// megabytes of JavaScript, and compiling them on their first call would cost more than the checks. V8 refuses
// that form under other flags (run.mjs sets one; tests through tsx do not), so it is kept per V8 tag: with one
// file for both, each kind of run threw the other's away and compiled every validator again (0.7 s, 100 MB).
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import type { Ajv, ValidateFunction } from "ajv";

const require = createRequire(import.meta.url);
const AJV_VERSION: string = require("ajv/package.json").version;

/** Ajv's library, loaded only when a schema must be compiled: a run that finds every validator saved needs none of it. */
export const loadAjv = () => require("ajv") as typeof import("ajv");

/** Free names the generated code may use besides `require` (the pattern constructor of kube-schemas.ts). */
export type CodeScope = Record<string, unknown>;

export class CompiledSchemas {
  constructor(
    /** A new Ajv for each schema compiled: once its code is saved, all Ajv kept of it can be let go. */
    private readonly newAjv: () => Ajv,
    /** Part of every key: anything about the Ajv instance that changes the generated code. */
    private readonly optionsKey: string,
    private readonly scope: CodeScope,
    private readonly cacheDir?: string,
  ) {}

  /** The validator of one schema text: from .cache/ when saved before, else compiled (and saved). */
  compile(schemaText: string): ValidateFunction {
    const key = createHash("sha256").update(`${AJV_VERSION}\0${this.optionsKey}\0${schemaText}`).digest("hex").slice(0, 32);
    const file = this.cacheDir && path.join(this.cacheDir, `${key}.cjs`);
    if (file) {
      const saved = this.load(file);
      if (saved) return saved;
    }
    const ajv = this.newAjv();
    const fn = ajv.compile(JSON.parse(schemaText));
    if (!file) return fn;
    const standaloneCode = (require("ajv/dist/standalone/index.js") as typeof import("ajv/dist/standalone/index.js")).default;
    this.save(file, standaloneCode(ajv, fn));
    // the saved code is the validator from now on: the compiler's data (sources, schema environments) can go
    return this.load(file) ?? fn;
  }

  private load(file: string): ValidateFunction | undefined {
    try {
      const code = fs.readFileSync(file, "utf8");
      const mod = { exports: {} as { default?: ValidateFunction } };
      const names = Object.keys(this.scope);
      // the V8 version, flags and CPU features the compiled form is valid for
      const v8File = `${file}.${v8.cachedDataVersionTag().toString(16)}.v8`;
      let cachedData: Buffer | undefined;
      try {
        cachedData = fs.readFileSync(v8File);
      } catch {
        cachedData = undefined;
      }
      const script = new vm.Script(`(function (module, exports, require, ${names.join(", ")}) {${code}\n})`, { filename: file, cachedData });
      // V8 checks the data against the code and its own version and flags, and rejects any mismatch
      if (!cachedData || script.cachedDataRejected) saveAtExit(v8File, script);
      (script.runInThisContext() as (...args: unknown[]) => void)(mod, mod.exports, require, ...names.map((n) => this.scope[n]));
      return typeof mod.exports.default === "function" ? mod.exports.default : undefined;
    } catch {
      return undefined;
    }
  }

  private save(file: string, code: string): void {
    writeAtomically(file, code);
  }
}

function writeAtomically(file: string, data: string | Buffer): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, data);
    fs.renameSync(tmp, file); // never a half-written file under its final name
  } catch {
    // a cache we cannot write only costs speed
  }
}

/** V8's compiled code of a script, saved at exit: by then it includes the functions the run called. */
function saveAtExit(file: string, script: vm.Script): void {
  process.once("exit", () => writeAtomically(file, script.createCachedData()));
}

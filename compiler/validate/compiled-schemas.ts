// Compiled validators kept between runs: Ajv turns each schema into JavaScript ("standalone code"), which is
// saved in .cache/validators/ under the hash of the schema text, Ajv's version and the options. Compiling
// the largest CRD schemas costs most of a validate run; loading the saved code costs a few milliseconds.
// A saved file that is damaged or fails to load is ignored and compiled again.
import { createHash } from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import type { Ajv, ValidateFunction } from "ajv";
import standaloneCode from "ajv/dist/standalone/index.js";

const require = createRequire(import.meta.url);
const AJV_VERSION: string = require("ajv/package.json").version;

/** Free names the generated code may use besides `require` (the pattern constructor of kube-schemas.ts). */
export type CodeScope = Record<string, unknown>;

export class CompiledSchemas {
  constructor(
    private readonly ajv: Ajv,
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
    const fn = this.ajv.compile(JSON.parse(schemaText));
    if (file) this.save(file, standaloneCode(this.ajv, fn));
    return fn;
  }

  private load(file: string): ValidateFunction | undefined {
    try {
      const code = fs.readFileSync(file, "utf8");
      const mod = { exports: {} as { default?: ValidateFunction } };
      const names = Object.keys(this.scope);
      new Function("module", "exports", "require", ...names, code)(mod, mod.exports, require, ...names.map((n) => this.scope[n]));
      return typeof mod.exports.default === "function" ? mod.exports.default : undefined;
    } catch {
      return undefined;
    }
  }

  private save(file: string, code: string): void {
    try {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, code);
      fs.renameSync(tmp, file); // never a half-written validator under its final name
    } catch {
      // a cache we cannot write only costs speed
    }
  }
}

// Helm values checked against the chart's own values.schema.json, found offline in a folder laid out
// <chart>/<version>/values.schema.json (with the chart's default values.yaml beside it when available);
// a dependency of a local chart gets the values under its alias.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import type { Ajv, ValidateFunction } from "ajv";
import type { ChartUse } from "./chart-uses";
import type { YamlDocument } from "./documents";
import { loadAll11 } from "./yaml11";
import { problemAt, type ValidationProblem } from "./problems";

/** Helm's coalescing: maps merge key by key, anything else in `over` replaces `base`. */
function coalesce(base: unknown, over: unknown): unknown {
  const isMap = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
  if (!isMap(base) || !isMap(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = v === null ? undefined : coalesce(base[k], v);
  return out;
}

export interface ValuesResult {
  problems: ValidationProblem[];
  checked: string[];
  /** Values files or inline values with no schema to check them against, and why. */
  unchecked: string[];
}

/** Checks every values file and inline values block; a missing schema is reported, never an error. */
export function validateValues(values: readonly YamlDocument[], uses: readonly ChartUse[], chartSchemas: string | undefined): ValuesResult {
  // charts write draft-07 schemas mostly, some 2020-12; meta-schemas are not checked (draft-04 ones compile too)
  const options = { allErrors: true, strict: false, validateFormats: false, validateSchema: false } as const;
  // Ajv is loaded only when a chart schema is at hand
  const require = createRequire(import.meta.url);
  const drafts: { classic?: Ajv; v2020?: Ajv } = {};
  const compile = (schema: { $schema?: string }) => {
    if (String(schema.$schema ?? "").includes("2020-12")) return (drafts.v2020 ??= new (require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js")).Ajv2020(options)).compile(schema);
    return (drafts.classic ??= new (require("ajv") as typeof import("ajv")).Ajv(options)).compile(schema);
  };
  const compiled = new Map<string, { fn: ValidateFunction; defaults: unknown } | null>();
  const schemaOf = (u: ChartUse) => {
    const dir = chartSchemas ? path.join(chartSchemas, u.chart, u.version) : "";
    if (!compiled.has(dir)) {
      const file = path.join(dir, "values.schema.json");
      const defaults = path.join(dir, "values.yaml");
      if (!dir || !fs.existsSync(file)) compiled.set(dir, null);
      else compiled.set(dir, { fn: compile(JSON.parse(fs.readFileSync(file, "utf8"))), defaults: fs.existsSync(defaults) ? loadAll11(fs.readFileSync(defaults, "utf8"), defaults)[0] : {} });
    }
    return compiled.get(dir)!;
  };
  const result: ValuesResult = { problems: [], checked: [], unchecked: [] };
  const check = (doc: YamlDocument, whole: unknown, u: ChartUse, what: string, at = "") => {
    // a dependency reads the values under its key; it is not given any when the key is absent
    const value = u.key ? (whole as Record<string, unknown> | null)?.[u.key] : whole;
    const prefix = u.key ? `${at}/${u.key}` : at;
    if (u.key && value === undefined) return;
    const schema = schemaOf(u);
    if (u.key) what = `${what} (${u.key})`;
    if (!schema) return result.unchecked.push(`${what}: no values.schema.json for chart ${u.chart} ${u.version}${chartSchemas ? ` in ${chartSchemas}` : " (no --chart-schemas folder)"}`);
    result.checked.push(`${what} (chart ${u.chart} ${u.version})`);
    if (schema.fn(coalesce(schema.defaults, value))) return;
    for (const e of schema.fn.errors ?? []) {
      const message = e.keyword === "additionalProperties" ? `unknown value "${(e.params as { additionalProperty: string }).additionalProperty}"` : (e.message ?? e.keyword);
      result.problems.push(problemAt(doc, prefix + e.instancePath || "/", `${message} (chart ${u.chart} ${u.version})`));
    }
  };
  for (const doc of values) {
    if (doc.parseError) {
      result.problems.push(problemAt(doc, "/", `YAML syntax error: ${doc.parseError}`));
      continue;
    }
    const users = uses.filter((u) => u.valueFiles.includes(doc.file));
    if (users.length === 0) result.unchecked.push(`${doc.file}: no Application names it in helm.valueFiles, so its chart is unknown`);
    for (const u of users) check(doc, doc.value, u, doc.file);
  }
  for (const u of uses) if (u.inline) check(u.application, u.inline.value, u, `${u.application.file} [doc ${u.application.index}] inline values`, u.inline.path);
  return result;
}

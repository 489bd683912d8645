// Validates Kubernetes objects against strict JSON schemas laid out as kubeconform expects
// (k8s/<version>-standalone-strict/<kind>[-<group>]-<version>.json and crds/<group>/<kind>_<version>.json).
import fs from "node:fs";
import path from "node:path";
import type { ValidateFunction } from "ajv";
import { CompiledSchemas, loadAjv } from "./compiled-schemas";
import { shapeKey } from "./shape-key";

export const KUBERNETES_VERSION = "v1.31.0";

export interface SchemaError {
  /** JSON path inside the object, e.g. `/spec/template/spec/containers/0/image`. */
  path: string;
  message: string;
}

/** `missing`: the schema folder lacks the kind's schema (an error); `skipped`: no packaged schema exists for it (a custom resource). */
export type FolderVerdict = { schema: string; errors: SchemaError[] } | { schema: string; missing: true };
export type ObjectVerdict = FolderVerdict | { schema: string; skipped: true };

/** What validates one object: the schema folder's schemas, or the packaged ones. */
export interface ObjectValidator {
  /** Where its schemas come from, for messages. */
  readonly dir: string;
  validate(obj: unknown): ObjectVerdict;
}

interface Typed {
  apiVersion?: unknown;
  kind?: unknown;
}

/**
 * Where the schema of `apiVersion`/`kind` may live, relative to the schema folder: Kubernetes' own kinds
 * first, then CRDs (groups like gateway.networking.k8s.io end in .k8s.io but are CRDs).
 */
export function schemaPaths(obj: Typed): string[] {
  const apiVersion = String(obj.apiVersion ?? "");
  const kind = String(obj.kind ?? "").toLowerCase();
  const [group, version] = apiVersion.includes("/") ? (apiVersion.split("/") as [string, string]) : ["", apiVersion];
  const suffix = group === "" ? `-${version}` : `-${group.split(".")[0]}-${version}`;
  const builtIn = `k8s/${KUBERNETES_VERSION}-standalone-strict/${kind}${suffix}.json`;
  if (group === "" || !group.includes(".")) return [builtIn];
  const crd = `crds/${group}/${kind}_${version}.json`;
  return group.endsWith(".k8s.io") ? [builtIn, crd] : [crd];
}

/**
 * CRD schemas carry Go (RE2) patterns; the one construct JavaScript lacks that they use is a leading
 * case-insensitive flag, `^(?i)...` (PrometheusRule's partial_response_strategy), which becomes the `i` flag.
 */
function goRegExp(pattern: string, flags: string): RegExp {
  const insensitive = pattern.includes("(?i)");
  return new RegExp(pattern.replaceAll("(?i)", ""), insensitive ? flags + "i" : flags);
}
goRegExp.code = "goRegExp";

/**
 * Compiles each schema once; strict: unknown fields are errors because the schemas say so. Code optimisation
 * is off: it only trims generated code, and costs a third of the compile time of the largest CRDs.
 */
export class SchemaValidator implements ObjectValidator {
  private readonly compiled = new Map<string, ValidateFunction | null>();
  private readonly schemas: CompiledSchemas;

  /** `cacheDir`: where compiled validators are kept between runs (none: compiled on every run). */
  constructor(
    readonly dir: string,
    cacheDir?: string,
  ) {
    // source: true lets Ajv write each validator out as code (compiled-schemas.ts)
    const options = { allErrors: true, strict: false, validateFormats: false, validateSchema: false, code: { regExp: goRegExp, optimize: false, source: true } } as const;
    this.schemas = new CompiledSchemas(() => new (loadAjv().Ajv)(options), "kube-1", { goRegExp }, cacheDir);
  }

  /** Each schema, parsed: the shape keys follow it. */
  private readonly parsed = new Map<string, Record<string, unknown>>();
  /** Verdicts by schema, then shape key (shape-key.ts). */
  private readonly verdicts = new Map<string, Map<string, FolderVerdict>>();
  readonly stats = { validated: 0, shared: 0 };

  /** Schema path by `apiVersion kind`: looked up on disk once per kind. */
  private readonly paths = new Map<string, string>();

  /** The verdict of one object; objects of one shape key (shape-key.ts) share one validation. */
  validate(obj: unknown): FolderVerdict {
    const typed = obj as Typed;
    const kindKey = `${String(typed.apiVersion)}\0${String(typed.kind)}`;
    let rel = this.paths.get(kindKey);
    if (rel === undefined) {
      const candidates = schemaPaths(typed);
      rel = candidates.find((c) => fs.existsSync(path.join(this.dir, c))) ?? candidates[candidates.length - 1]!;
      this.paths.set(kindKey, rel);
    }
    let fn = this.compiled.get(rel);
    if (fn === undefined) {
      const file = path.join(this.dir, rel);
      const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
      fn = text === undefined ? null : this.schemas.compile(text);
      this.compiled.set(rel, fn);
      if (text !== undefined) this.parsed.set(rel, JSON.parse(text));
    }
    if (!fn) return { schema: rel, missing: true };
    let verdicts = this.verdicts.get(rel);
    if (!verdicts) this.verdicts.set(rel, (verdicts = new Map()));
    const key = shapeKey(obj, this.parsed.get(rel), (p) => goRegExp(p, "u"));
    const known = verdicts.get(key);
    if (known) {
      this.stats.shared++;
      return known;
    }
    const verdict = this.run(fn, rel, obj);
    verdicts.set(key, verdict);
    return verdict;
  }

  private run(fn: ValidateFunction, rel: string, obj: unknown): FolderVerdict {
    this.stats.validated++;
    if (fn(obj)) return { schema: rel, errors: [] };
    const errors = (fn.errors ?? []).map((e) => ({
      path: e.instancePath || "/",
      message: e.keyword === "additionalProperties" ? `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"` : (e.message ?? e.keyword),
    }));
    return { schema: rel, errors };
  }
}

/** The schema folder: --schemas, then $FLEET_SCHEMAS, then ../shared/schemas beside the repository. */
export function findSchemaDir(root: string, explicit?: string): string | undefined {
  const candidates = [explicit, process.env.FLEET_SCHEMAS, path.join(root, "..", "shared", "schemas")];
  return candidates.find((c): c is string => !!c && fs.existsSync(path.join(c, "k8s")));
}

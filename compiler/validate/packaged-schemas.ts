// Strict schemas of Kubernetes' own kinds built from what `npm ci` installs: the field maps of the models in
// @kubernetes/client-node (generated from Kubernetes' OpenAPI spec; 1.4.0 is Kubernetes 1.34), made strict
// as kubeconform's -strict schemas are: every object that lists its fields refuses any other. So `validate`
// works on any clone, without the schema folder. What this cannot know: required fields, enums, fields a
// release after 1.31 added (the schema folder and CI's kubeconform, with 1.31 schemas, check those), and
// custom resources (no package ships strict schemas of the CRDs the platform uses): those are skipped and
// reported as skipped.
import { createRequire } from "node:module";
// the models alone load in a quarter of the time of the whole client; this module is imported only when needed
import * as MODELS from "@kubernetes/client-node/dist/gen/models/all.js";
import { Ajv, type ValidateFunction } from "ajv";
import type { ObjectVerdict, SchemaError } from "./kube-schemas";

interface Attribute {
  baseName: string;
  type: string;
  format?: string;
}
type Model = { attributeTypeMap?: Attribute[] };

const require = createRequire(import.meta.url);
/** The installed client's version, named in the engine line (what the schemas were built from). */
export const PACKAGED_SOURCE = `@kubernetes/client-node ${(require("@kubernetes/client-node/package.json") as { version: string }).version}`;

type Schema = Record<string, unknown>;
// optional fields accept null, as kubeconform's schemas do
const nullable = (s: Schema): Schema => ({ anyOf: [s, { type: "null" }] });

function typeSchema(type: string, models: Record<string, unknown>, format = ""): Schema {
  const array = /^Array<(.+)>$/.exec(type);
  if (array) return { type: "array", items: typeSchema(array[1]!, models, format) };
  const map = /^\{ \[key: string\]: (.+); \}$/.exec(type);
  if (map) return { type: "object", additionalProperties: typeSchema(map[1]!, models, format) };
  if (type === "number" && /^int(32|64)$/.test(format)) return { type: "integer" };
  switch (type) {
    case "string":
    case "Date":
    case "V1MicroTime":
      return { type: "string" };
    case "number":
      return { type: "number" };
    case "boolean":
      return { type: "boolean" };
    case "IntOrString":
      return { type: ["integer", "string"] };
    case "any":
    case "object":
      return {};
  }
  const model = models[type] as Model | undefined;
  return Array.isArray(model?.attributeTypeMap) ? { $ref: `#/definitions/${type}` } : {};
}

/** One schema whose definitions are every model, strict. */
function definitions(models: Record<string, unknown>): Schema {
  const defs: Record<string, Schema> = {};
  for (const [name, value] of Object.entries(models)) {
    const map = (value as Model | undefined)?.attributeTypeMap;
    if (typeof value !== "function" || !Array.isArray(map)) continue;
    const properties = Object.fromEntries(map.map((a) => [a.baseName, nullable(typeSchema(a.type, models, a.format))]));
    defs[name] = { type: "object", properties, additionalProperties: false };
  }
  return { $id: "k8s", definitions: defs };
}

/**
 * The model of `apiVersion`/`kind`, if Kubernetes itself defines it: `apps/v1` Deployment → V1Deployment,
 * `v1` Event → CoreV1Event. Groups of custom resources (with a dot, not ending in .k8s.io) have none, and
 * neither have the CRD groups under .k8s.io (gateway.networking.k8s.io, autoscaling.k8s.io): no model exists.
 */
export function modelName(apiVersion: string, kind: string, models: Record<string, unknown>): string | undefined {
  const [group, version] = apiVersion.includes("/") ? (apiVersion.split("/") as [string, string]) : ["", apiVersion];
  if (group.includes(".") && !group.endsWith(".k8s.io")) return undefined;
  const v = version.charAt(0).toUpperCase() + version.slice(1);
  const prefix = group === "" ? "Core" : group.split(".")[0]!.charAt(0).toUpperCase() + group.split(".")[0]!.slice(1);
  return [`${v}${kind}`, `${prefix}${v}${kind}`].find((n) => Array.isArray((models[n] as Model | undefined)?.attributeTypeMap));
}

export class PackagedValidator {
  readonly dir = PACKAGED_SOURCE;
  private readonly ajv = new Ajv({ allErrors: true, strict: false, validateFormats: false, validateSchema: false, code: { optimize: false } });
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly models = MODELS as unknown as Record<string, unknown>;

  constructor() {
    this.ajv.addSchema(definitions(this.models));
  }

  /** Errors of `obj`, or `skipped` when Kubernetes does not define its kind (a custom resource). */
  validate(obj: unknown): ObjectVerdict {
    const o = obj as { apiVersion?: unknown; kind?: unknown };
    const name = modelName(String(o.apiVersion ?? ""), String(o.kind ?? ""), this.models);
    if (!name) return { schema: `${String(o.kind)} ${String(o.apiVersion)}`, skipped: true };
    let fn = this.compiled.get(name);
    if (!fn) {
      fn = this.ajv.compile({ $ref: `k8s#/definitions/${name}` });
      this.compiled.set(name, fn);
    }
    if (fn(obj)) return { schema: name, errors: [] };
    // anyOf [T, null] reports both branches: keep the errors of T, the one that explains
    const errors: SchemaError[] = (fn.errors ?? [])
      .filter((e) => !(e.keyword === "type" && (e.params as { type?: string }).type === "null") && e.keyword !== "anyOf")
      .map((e) => ({
        path: e.instancePath || "/",
        message: e.keyword === "additionalProperties" ? `unknown field "${(e.params as { additionalProperty: string }).additionalProperty}"` : (e.message ?? e.keyword),
      }));
    return { schema: name, errors };
  }
}

// YAML read the way the API server, kubectl and Argo CD read it (go-yaml: YAML 1.1 booleans such as `yes`
// and `off`, timestamps left as strings), with js-yaml: ten times faster than a full AST, for thousands of files.
// Plain block files (all of generated/) go through block-yaml.ts, several times faster again, to the same values.
import jsyaml from "js-yaml";
import { loadBlockYaml } from "./block-yaml";

const TRUE = /^(?:y|Y|yes|Yes|YES|on|On|ON|true|True|TRUE)$/;
const FALSE = /^(?:n|N|no|No|NO|off|Off|OFF|false|False|FALSE)$/;

// replaces the core schema's boolean (same tag): one resolver for both spellings
const yaml11Bool = new jsyaml.Type("tag:yaml.org,2002:bool", {
  kind: "scalar",
  resolve: (data: string) => TRUE.test(data) || FALSE.test(data),
  construct: (data: string) => TRUE.test(data),
});

const SCHEMA = jsyaml.CORE_SCHEMA.extend({ implicit: [yaml11Bool] });
// js-yaml's own list of implicit types, in the order it tries them on a plain scalar
const IMPLICIT = (SCHEMA as unknown as { compiledImplicit: jsyaml.Type[] }).compiledImplicit;

const resolved = new Map<string, unknown>();

/** A plain scalar as js-yaml resolves it with SCHEMA: the first implicit type that takes it, else the string. */
export function resolvePlain(text: string): unknown {
  // only nulls (null, Null, NULL, ~), booleans (the words above) and numbers (a digit, sign or dot first)
  // resolve to something else: a longer word, or one starting with another letter, is a string
  const c = text.charCodeAt(0) | 32;
  if (c >= 97 && c <= 122 && (text.length > 5 || !"yntfo".includes(String.fromCharCode(c)))) return text;
  let value = resolved.get(text);
  if (value === undefined && !resolved.has(text)) {
    value = text;
    for (const type of IMPLICIT) {
      if (type.resolve(text)) {
        value = type.construct(text);
        break;
      }
    }
    if (resolved.size > 50_000) resolved.clear();
    resolved.set(text, value);
  }
  return value;
}

/** Every document of a YAML stream; throws with the line and column of a syntax error. */
export function loadAll11(text: string, filename: string): unknown[] {
  return loadBlockYaml(text, resolvePlain) ?? jsyaml.loadAll(text, undefined, { schema: SCHEMA, filename });
}

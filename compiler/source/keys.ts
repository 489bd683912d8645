// Property keys as TypeScript reads them, the keys no tenant value may have, and own-property writes.
import { isNumericLiteral, isStringLiteral, plainTemplate } from "./nodes";
import type { ObjectProperty } from "./parser";

/**
 * The key a property stands for, as TypeScript compares them: identifiers and strings with their escapes
 * resolved (`"\u005f_proto__"` is `__proto__`), numbers in their canonical form (`1.0` and `1` are one key),
 * computed keys only when they hold a literal (`["a"]`). Undefined for any other computed key.
 */
export function propertyKey(prop: ObjectProperty): string | undefined {
  const key = prop.key;
  if (!prop.computed && key.type === "Identifier") return key.name;
  if (isStringLiteral(key)) return key.value;
  if (isNumericLiteral(key)) return String(key.value);
  return prop.computed ? plainTemplate(key) : undefined;
}

/**
 * Keys that name JavaScript's own machinery. `__proto__` in an object literal sets the prototype (it smuggled
 * fields past the strict schema); `constructor` and `prototype` shadow what code may look up on any object.
 * No tenant or platform field, label or setting needs them.
 */
const FORBIDDEN_KEYS: ReadonlyMap<string, string> = new Map([
  ["__proto__", "`__proto__` sets an object's prototype in JavaScript"],
  ["constructor", "`constructor` names the function that built every JavaScript object"],
  ["prototype", "`prototype` names the prototype of JavaScript functions"],
]);

/** Why `key` may not be used, or undefined when it may. */
export function forbiddenKey(key: string): string | undefined {
  return FORBIDDEN_KEYS.get(key);
}

/**
 * Sets an own, enumerable property: never the prototype, whatever the key (plain `obj[key] =` would for
 * `__proto__`, the one property of Object.prototype with a setter; any other key makes an own data property).
 */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

// Property keys as TypeScript reads them, the keys no tenant value may have, and own-property writes.
import { ts } from "./typescript";

/**
 * The key a property name stands for, as TypeScript compares them: identifiers and strings with their escapes
 * resolved (`"\u005f_proto__"` is `__proto__`), numbers in their canonical form (`1.0` and `1` are one key),
 * computed keys only when they hold a literal (`["a"]`). Undefined for any other computed key.
 */
export function propertyKey(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isNumericLiteral(name)) return String(Number(name.text));
  if (ts.isComputedPropertyName(name)) {
    const inner = name.expression;
    if (ts.isStringLiteral(inner) || ts.isNoSubstitutionTemplateLiteral(inner)) return inner.text;
    if (ts.isNumericLiteral(inner)) return String(Number(inner.text));
  }
  return undefined;
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

/** Sets an own, enumerable property: never the prototype, whatever the key (plain `obj[key] =` would). */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}

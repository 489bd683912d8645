// validate() switches a schema it has validated COMPILE_AFTER times to zod's compiled parser (z.compile). That is
// sound only if the compiled parser gives the runtime parser's data for every valid value, key order included, and
// its issues for every invalid one: proved here on the fixture fleet's tenants and on random mutations of them.
import path from "node:path";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { z } from "zod";
import { createReader, listTenantFiles, loadPlatform } from "../../compiler/load";
import { PlatformSchema } from "../../compiler/schema/platform";
import { TenantSchema } from "../../compiler/schema/tenant";
import { Locator } from "../../compiler/source/locator";
import { PLUGIN_KEYS, TUNABLE_CORE_KEYS } from "../../compiler/tutor/keys";
import { COMPILE_AFTER, validate } from "../../compiler/validate/schema-issues";
import { FIXTURE_FLEET } from "../helpers/fleet";

const reader = createReader(FIXTURE_FLEET);
const tenants = listTenantFiles(FIXTURE_FLEET).map((f) => reader.read(path.join(FIXTURE_FLEET, f), "defineTenant").value as Record<string, unknown>);
const compiledTenant = z.compile(TenantSchema, { strict: true });

/** A parse result as text: data with its key order, or every issue with its input. */
const shown = (r: { success: boolean; data?: unknown; error?: { issues: unknown[] } }) => JSON.stringify(r.success ? { data: r.data } : { issues: r.error!.issues });

function same(schema: z.ZodType, compiled: z.ZodType, value: unknown): void {
  const runtime = schema.safeParse(value, { reportInput: true });
  assert.is(shown(compiled.safeParse(value, { reportInput: true })), shown(runtime), JSON.stringify(value));
}

test("the fixture tenants and platform: the compiled parsers give the runtime's data", () => {
  assert.ok(tenants.length >= 3);
  for (const t of tenants) {
    assert.ok(TenantSchema.safeParse(t).success);
    same(TenantSchema, compiledTenant, t);
  }
  const platform = reader.read(path.join(FIXTURE_FLEET, "platform", "platform.ts"), "definePlatform").value;
  // the platform schema has a cycle z.compile refuses: validate() would keep its runtime parser
  same(PlatformSchema, z.compile(PlatformSchema), platform);
  assert.ok(loadPlatform(FIXTURE_FLEET).platform, "the fixture platform is valid");
});

/** Every path to a value inside `v`. */
function paths(v: unknown, at: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== "object") return [at];
  const keys: (string | number)[] = Array.isArray(v) ? v.map((_, i) => i) : Object.keys(v);
  return [at, ...keys.flatMap((k) => paths((v as Record<string | number, unknown>)[k], [...at, k]))];
}

/** `v` with the value at `p` replaced (or removed, for `undefined`), `v` itself untouched. */
function replaced(v: unknown, p: (string | number)[], next: unknown): unknown {
  if (p.length === 0) return next;
  const copy = (Array.isArray(v) ? [...v] : { ...(v as object) }) as Record<string | number, unknown>;
  const [head, ...rest] = p as [string | number, ...(string | number)[]];
  const inner = replaced(copy[head], rest, next);
  if (inner === undefined && !Array.isArray(copy)) delete copy[head];
  else copy[head] = inner;
  return copy;
}

const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(undefined, "", "x", "UPPER", "a b", "-1", "1Gi", "500m", "ulmo", "small", "shared", "dedicated", "example.org", "ops@example.org", 0, -1, 1.5, 1e9, true, [], {}),
);

test("random mutations of valid tenants: the compiled parser gives the runtime's data or issues", () => {
  const mutation = fc.tuple(fc.nat(tenants.length - 1), fc.array(fc.tuple(fc.nat(), odd, fc.option(fc.constantFrom("extra", "unknownKey", "OPENEDX_X"))), { minLength: 1, maxLength: 3 }));
  fc.assert(
    fc.property(mutation, ([i, edits]) => {
      let value: unknown = tenants[i];
      for (const [n, next, key] of edits) {
        const all = paths(value);
        const p = all[n % all.length]!;
        value = replaced(value, key ? [...p, key] : p, next);
      }
      same(TenantSchema, compiledTenant, value);
    }),
    { numRuns: 1500, seed: 16 },
  );
});

test(`validate() gives the same diagnostics before and after it compiles a schema (at ${COMPILE_AFTER} uses)`, () => {
  const schema = z.object({ a: z.string(), n: z.number().int().min(1).default(2), list: z.array(z.enum(["x", "y"])).optional() }).strict();
  const inputs: unknown[] = [{ a: "ok" }, { a: 1, n: 0, list: ["z"] }, { b: true }, null, { a: "ok", list: ["x", "y"], n: 3 }];
  const run = () => inputs.map((v) => JSON.stringify(validate(schema, v, new Locator("tenants/x.ts"))));
  const first = run();
  for (let i = 0; i < COMPILE_AFTER / inputs.length + 1; i++) run();
  assert.equal(run(), first);
});

test("a part validated where it sits (`at`) gives the diagnostics of a schema built around it", () => {
  const locator = new Locator("tenants/x.ts");
  locator.set(["tutor"], { file: "tenants/x.ts", line: 3, col: 3 });
  const schemas = { ...TUNABLE_CORE_KEYS, ...Object.assign({}, ...Object.values(PLUGIN_KEYS)) } as Record<string, z.ZodType>;
  assert.ok(Object.keys(schemas).length > 10);
  let refused = 0;
  fc.assert(
    fc.property(fc.constantFrom(...Object.keys(schemas).sort()), odd, (key, v) => {
      locator.set(["tutor", key], { file: "tenants/x.ts", line: 4, col: 5 });
      const part = validate(schemas[key]!, v, locator, [], ["tutor", key]);
      const whole = validate(z.object({ tutor: z.object({ [key]: schemas[key]! }) }), { tutor: { [key]: v } }, locator);
      assert.equal(part.diagnostics, whole.diagnostics);
      if (part.diagnostics.length > 0) refused++;
    }),
    { numRuns: 400, seed: 7 },
  );
  assert.ok(refused > 100, `only ${refused} of 400 values had diagnostics`);
});

test.run();

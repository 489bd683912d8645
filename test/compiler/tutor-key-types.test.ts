// The types of the Tutor settings a tenant may set: they exist in Tutor 21.0.8 (and its plugins), accept
// Tutor's own defaults, and accept only text Tutor carries as data.
import fs from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { test } from "uvu";
import * as assert from "uvu/assert";
import type { z } from "zod";
import { TenantSchema } from "../../compiler/schema/tenant";
import { TutorText } from "../../compiler/schema/tutor-text";
import { checkTutorKey, OWNED_KEYS, PLUGIN_KEYS, TUNABLE_CORE_KEYS } from "../../compiler/tutor/keys";
import { AUTOSCALED_DEPLOYMENTS } from "../../compiler/tutor/plugin-keys";
import { TUTOR_DEPLOYMENTS } from "../../compiler/postrender/workload-resources";
import { REPO_ROOT } from "../helpers/fleet";

const ALL: [string, z.ZodType][] = [...Object.entries(TUNABLE_CORE_KEYS), ...Object.values(PLUGIN_KEYS).flatMap((k) => Object.entries(k))];

// ../shared sits beside the clone in CI; FLEET_SCHEMAS (…/shared/schemas) names it elsewhere; without it: skipped, and counted so
const shared = process.env.FLEET_SCHEMAS ? path.dirname(process.env.FLEET_SCHEMAS) : path.join(REPO_ROOT, "..", "shared");
const file = path.join(shared, "tutor", "config-keys-21.0.8.json");
(fs.existsSync(file) ? test : test.skip)("every key a tenant may set exists in Tutor 21.0.8 or its pinned plugins (../shared facts, when present)", () => {
  const facts = JSON.parse(fs.readFileSync(file, "utf8")) as { defaults: Record<string, unknown>; plugin_defaults: Record<string, unknown> };
  for (const key of Object.keys(TUNABLE_CORE_KEYS)) assert.ok(key in facts.defaults, `${key} is a Tutor 21.0.8 setting`);
  // the facts cover mfe, k8s_harmony and pod-autoscaling (indigo's keys come from its plugin.py at 21.0.0)
  for (const plugin of ["mfe", "k8s_harmony", "pod-autoscaling"]) {
    for (const key of Object.keys(PLUGIN_KEYS[plugin]!)) assert.ok(key in facts.plugin_defaults, `${key} is a setting of ${plugin}`);
  }
  // Tutor's own defaults (those that are not templates over other keys) are values our types accept
  const defaults = { ...facts.defaults, ...facts.plugin_defaults };
  for (const [key, schema] of ALL) {
    const value = defaults[key];
    if (value === undefined || (typeof value === "string" && value.includes("{{"))) continue;
    assert.ok(schema.safeParse(value).success, `${key}: Tutor's default ${JSON.stringify(value)} is accepted`);
  }
});

test("no key is both tunable and owned, and plugin keys are found only with their plugin enabled", () => {
  for (const [key] of ALL) assert.not.ok(key in OWNED_KEYS, key);
  assert.is(checkTutorKey("INDIGO_PRIMARY_COLOR", ["indigo"]).ok, true);
  assert.is(checkTutorKey("INDIGO_PRIMARY_COLOR", ["mfe"]).ok, false);
  assert.is(checkTutorKey("INDIGO_VERSION", ["indigo"]).ok, false);
  assert.is(checkTutorKey("toString", ["constructor"]).ok, false);
});

// Valid values of the string-typed settings, mutated with pieces Jinja, Python, YAML and shells read specially.
const SEEDS = ["docker.io/caddy:2.7.4", "ghcr.io/acme/mfe:21.0.0-acme.1", "release/ulmo.3", "cms-sso", "https://github.com/openedx/edx-platform.git", "https://registry.npmjs.org/", "smtp.example.org", "--verbose", "xblock-poll==1.14.0", "git+https://github.com/acme/x.git@v1#egg=x", "#15376D", "navy", "openedx/openedx-translations", "AKIAIOSFODNN7EXAMPLE", "Welcome", "mailer", "SCRAM-SHA-256"];
const PIECES = ["{{", "}}", "{%", "%}", "{#", "#}", "{", "}", '"', "'", "\\", "\n", "\r", "\u0085", "\u2028", "\u0000", " ", ";", "$(", "`", "|", "&", "from-cluster-secret:", ":latest", "\t"];
/** A seed with up to three pieces inserted at random places. */
const mutate = (seeds: readonly string[]) =>
  fc
    .tuple(fc.constantFrom(...seeds), fc.array(fc.tuple(fc.nat(), fc.oneof(fc.constantFrom(...PIECES), fc.string({ unit: "binary", maxLength: 2 }))), { maxLength: 3 }))
    .map(([seed, edits]) => edits.reduce<string>((s, [at, piece]) => s.slice(0, at % (s.length + 1)) + piece + s.slice(at % (s.length + 1)), seed));
const mutated = mutate(SEEDS);

test("every string a setting's type accepts is plain text for Tutor (TutorText)", () => {
  const stringKeys = ALL.filter(([, schema]) => SEEDS.some((s) => schema.safeParse(s).success));
  assert.ok(stringKeys.length >= 20, `${stringKeys.length} string-typed keys`);
  fc.assert(
    fc.property(mutated, (value) => {
      for (const [key, schema] of stringKeys) {
        if (schema.safeParse(value).success) assert.ok(TutorText.safeParse(value).success, `${key} accepts ${JSON.stringify(value)}`);
      }
    }),
    { numRuns: 3000 },
  );
});

test("every other tenant string that reaches config.yml (hosts, language, image, e-mail) is TutorText when accepted", () => {
  const shape = TenantSchema.shape;
  const image = shape.image.unwrap().shape;
  const fields: [string, z.ZodType][] = [
    ["hosts.lms", shape.hosts.shape.lms],
    ["language", shape.language],
    ["contactEmail", shape.contactEmail],
    ["image.registry", image.registry],
    ["image.repository", image.repository],
    ["image.tag", image.tag],
  ];
  const value = mutate(["learn.acme.example.org", "es-419", "ops@acme.example.org", "ghcr.io", "acme/openedx", "21.0.8-acme.3"]);
  fc.assert(
    fc.property(value, (v) => {
      for (const [name, schema] of fields) if (schema.safeParse(v).success) assert.ok(TutorText.safeParse(v).success, `${name} accepts ${JSON.stringify(v)}`);
    }),
    { numRuns: 2000 },
  );
});

test("image settings refuse `latest`, several lines and template syntax", () => {
  const images = ALL.filter(([key]) => /DOCKER_IMAGE/.test(key)).map(([, s]) => s);
  assert.ok(images.length >= 9);
  for (const schema of images) {
    assert.ok(schema.safeParse("docker.io/caddy:2.7.4").success);
    for (const bad of ["docker.io/caddy:latest", "docker.io/caddy:2.7.4\nx: 1", "docker.io/caddy:{{ X }}", "docker.io/caddy"]) assert.not.ok(schema.safeParse(bad).success, bad);
  }
});

test("pod-autoscaling services need every field the plugin's templates read, numbers as numbers", () => {
  const schema = PLUGIN_KEYS["pod-autoscaling"]!.POD_AUTOSCALING_EXTRA_SERVICES!;
  const ok = { enable_hpa: true, enable_vpa: false, min_replicas: 1, max_replicas: 2, avg_cpu: 80, avg_memory: "", cpu_request: 0.5, cpu_limit: 1, memory_request: "512Mi", memory_limit: "1Gi" };
  assert.ok(schema.safeParse({ "lms-worker": ok, cms: ok }).success);
  assert.equal([...AUTOSCALED_DEPLOYMENTS].sort(), Object.keys(TUTOR_DEPLOYMENTS).sort(), "the Deployments the post-render sizes");
  for (const bad of [{ ...ok, avg_cpu: "80" }, { ...ok, cpu_limit: "1" }, { ...ok, min_replicas: 3 }, { ...ok, extra: 1 }, { ...ok, memory_limit: "9".repeat(400) }]) {
    assert.not.ok(schema.safeParse({ lms: bad }).success, JSON.stringify(bad));
  }
  assert.not.ok(schema.safeParse({ notes: ok }).success, "no Deployment named notes: kustomize would fail");
});

test.run();

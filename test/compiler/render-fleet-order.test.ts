// renderFleet's order and its refusal of two outputs for one path, with renderers given by the test.
import { test } from "uvu";
import * as assert from "uvu/assert";
import { renderFleet, type FleetModel } from "../../compiler/render/index";
import type { OutputFile } from "../../compiler/render/files";
import type { ResolvedTenant } from "../../compiler/model/resolve";

const tenant = (id: string) => ({ id }) as ResolvedTenant;
const model = (ids: string[]): FleetModel => ({ platform: { fleet: { name: "test" } } as unknown as FleetModel["platform"], tenants: ids.map(tenant) });
const file = (path: string): OutputFile => ({ path, content: `# ${path}\n` });

test("every file in code-unit order of its path, the fleet index among them", () => {
  // paths around fleet.json, upper case and punctuation before lower case, a tenant's files in render order
  const own: Record<string, string[]> = {
    b: ["tenants/b/z.yaml", "apps/b.yaml", "fleet.json.d/b", "Fleet/b"],
    a: ["tenants/a/config.yml", "apps/a.yaml", "fleet-a.yaml", "fleet.jsom"],
  };
  const files = renderFleet(model(["b", "a"]), (t) => own[t.id]!.map(file), (t) => `{"id": "${t.id}"}`, () => [file("z-platform.yaml"), file("_platform.yaml")]);
  const paths = files.map((f) => f.path);
  const expected = [...Object.values(own).flat(), "z-platform.yaml", "_platform.yaml", "fleet.json"].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  assert.equal(paths, expected);
  const index = files.find((f) => f.path === "fleet.json")!;
  assert.equal([...index.manifest!.keys()], expected.filter((p) => p !== "fleet.json"));
});

test("two outputs for one path are an internal error naming it", () => {
  assert.throws(() => renderFleet(model(["a", "b"]), (t) => [file(`tenants/${t.id}/x.yaml`), file("apps/shared.yaml")], (t) => `"${t.id}"`, () => []), /two outputs for generated\/apps\/shared\.yaml/);
});

test.run();

// npm run report: per-tenant figures, cluster totals that add up, the saving over Tutor, on the examples
// and on a synthetic fleet of 1,000 tenants; and the synthetic fleets themselves are valid.
import fs from "node:fs";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { syntheticFleet } from "../../compiler/bench/synthetic-fleet";
import { humanCpu, narrowTables } from "../../compiler/report/format";
import { REPO_ROOT, run, tempFleet } from "../helpers/fleet";

const MI = 2 ** 20;
const GI = 2 ** 30;

interface Json {
  tenants: { id: string; state: string; requests: { cores: number; bytes: number }; max: { cores: number; bytes: number }; dedicated: string[] }[];
  clusters: { cluster: string; tenants: number; requests: { cores: number; bytes: number }; max: { cores: number; bytes: number } }[];
  saving: { instances: number; tutor: { memory: number; loadBalancers: number }; fleet: { memory: number; loadBalancers: number }; saved: { memory: number; loadBalancers: number } };
}

async function reportOf(root: string): Promise<{ json: Json; err: string }> {
  const r = await run(root, "report", "--format", "json");
  assert.is(r.code, 0, r.err);
  return { json: JSON.parse(r.out) as Json, err: r.err };
}

test("report on the examples: per-tenant figures from the size presets, and the saving over Tutor", async () => {
  const { json } = await reportOf(tempFleet());
  assert.equal(json.tenants.map((t) => t.id), ["acme", "globex", "initech"]);
  const acme = json.tenants[0]!;
  // small: lms 500m+1Gi, cms 250m+1Gi, workers 250m+768Mi and 100m+768Mi, mfe and caddy 25m+32Mi each, one replica each
  assert.is(acme.requests.cores, 1.15);
  assert.is(acme.requests.bytes, 2 * GI + 2 * 768 * MI + 2 * 32 * MI);
  // lms scales to 2 replicas at most
  assert.is(acme.max.cores, 1.65);
  assert.equal(json.tenants.map((t) => t.dedicated), [[], ["search"], ["mysql", "redis"]]);
  // Tutor: 3 running instances × (512 + 512 + 64 + 256 Mi) and 3 load balancers; here: the dedicated services, one ingress
  assert.equal(json.saving.tutor, { memory: 3 * 1344 * MI, loadBalancers: 3 });
  assert.equal(json.saving.fleet, { memory: (256 + 512 + 64) * MI, loadBalancers: 1 });
  assert.equal(json.saving.saved, { memory: (3 * 1344 - 832) * MI, loadBalancers: 2 });
});

test("report as Markdown names the assumptions and their source", async () => {
  const r = await run(tempFleet(), "report");
  assert.is(r.code, 0, r.err);
  assert.match(r.out, "# Capacity report: fleet example");
  assert.match(r.out, "| main | 3 | 3 |");
  assert.match(r.out, "| acme | main | active | small | 1.15 CPU |");
  assert.match(r.out, "overhangio/tutor v21.0.8");
  assert.match(r.out, "Tutor sets no request");
});

test("report figures are in human units, and a narrow terminal gets one block per row", async () => {
  assert.is(humanCpu(1166.4), "1,166.4 CPU");
  assert.is(humanCpu(0.25), "250m");
  const table = "# t\n\n| tenant | cluster | requests CPU |\n| --- | --- | --- |\n| acme | main | 1.2 CPU |\n\nafter";
  assert.is(narrowTables(table, 200), table);
  assert.is(narrowTables(table, 20), "# t\n\nacme\n  cluster: main\n  requests CPU: 1.2 CPU\n\nafter");
});

test("report refuses an unknown format", async () => {
  assert.is((await run(tempFleet(), "report", "--format", "xml")).code, 1);
});

test("report on a synthetic fleet of 1,000 tenants: totals add up, archived tenants cost nothing, progress on stderr", async () => {
  const root = syntheticFleet(REPO_ROOT, 1000);
  try {
    const { json, err } = await reportOf(root);
    assert.is(json.tenants.length, 1000);
    assert.match(err, "report: 1000/1000 tenants");
    const sum = (pick: (t: Json["tenants"][number]) => number) => json.tenants.reduce((s, t) => s + pick(t), 0);
    const [cluster] = json.clusters;
    assert.is(cluster!.tenants, 1000);
    assert.ok(Math.abs(cluster!.requests.cores - sum((t) => t.requests.cores)) < 1e-6);
    assert.is(cluster!.max.bytes, sum((t) => t.max.bytes));
    const archived = json.tenants.filter((t) => t.state === "archived");
    assert.ok(archived.length > 0);
    for (const t of archived) assert.equal([t.requests.cores, t.max.bytes], [0, 0]);
    assert.is(json.saving.instances, 1000 - archived.length);
    assert.is(json.saving.saved.loadBalancers, json.saving.instances - 1);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("synthetic fleets compile, and vary in every dimension the benchmark claims", async () => {
  const root = syntheticFleet(REPO_ROOT, 120);
  try {
    const r = await run(root, "compile");
    assert.is(r.code, 0, r.err);
    const index = JSON.parse(fs.readFileSync(`${root}/generated/fleet.json`, "utf8")) as { tenants: Record<string, unknown>[] };
    const distinct = (key: string) => new Set(index.tenants.map((t) => JSON.stringify(t[key]))).size;
    for (const key of ["state", "size", "plugins", "services", "labels", "image", "wave"]) assert.ok(distinct(key) > 1, key);
    assert.ok(index.tenants.some((t) => (t.hosts as string[]).length > 3), "extra hosts");
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test.run();

// Test helpers: throw-away fleets in temporary folders, the CLI run in-process, and whole-tree snapshots.
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import fg from "fast-glob";
import { main, REPO_ROOT } from "../../compiler/cli";

export { REPO_ROOT };

/** The platform and tenants tests compile (never the repository's own, which an operator edits). */
export const FIXTURE_FLEET = path.join(REPO_ROOT, "test", "fixtures", "fleet");

export interface FleetOptions {
  /** Copy the fixture fleet's tenants (default true). */
  examples?: boolean;
  /** Extra or replacement tenant files: id → source text. */
  tenants?: Record<string, string>;
  /** Replacement for platform/platform.ts. */
  platform?: string;
  /** Extra files: relative path → content. */
  files?: Record<string, string>;
}

// Every temporary folder goes when its test file ends or the process exits; the fixture compiled once per
// process (compiledFixture) stays until the exit. A worker of test/run.mjs emits FILE_DONE after each file with a
// list to put the removal in: it runs (one \`rm -rf\`, several times faster than fs.rmSync) while the next file
// does, and the worker waits for it before it exits.
let temporary: string[] = [];
const keptUntilExit = new Set<string>();
const FILE_DONE = "fleet-test:file-done";

function removeNow(dirs: string[]): void {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
}

function removeLater(dirs: string[]): Promise<void> {
  if (process.platform === "win32") return Promise.resolve(removeNow(dirs));
  return new Promise((resolve) => {
    const rm = spawn("rm", ["-rf", "--", ...dirs], { stdio: "ignore" });
    rm.on("error", () => resolve(removeNow(dirs)));
    rm.on("close", (code) => resolve(code === 0 ? undefined : removeNow(dirs)));
  });
}

function takeTemporary(all: boolean): string[] {
  const gone = temporary.filter((dir) => all || !keptUntilExit.has(dir));
  temporary = temporary.filter((dir) => !gone.includes(dir));
  return gone;
}

process.once("exit", () => removeNow(takeTemporary(true)));
process.on(FILE_DONE, (pending: Promise<void>[]) => {
  const gone = takeTemporary(false);
  if (gone.length > 0) pending.push(removeLater(gone));
});

/** A new folder under the OS temp folder, removed when the test process exits. */
export function tempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** A new fleet under the OS temp folder, never inside the repository. */
export function tempFleet(opts: FleetOptions = {}): string {
  const root = tempDir("fleet-test-");
  fs.cpSync(path.join(FIXTURE_FLEET, "platform"), path.join(root, "platform"), { recursive: true });
  fs.mkdirSync(path.join(root, "tenants"));
  if (opts.examples !== false) fs.cpSync(path.join(FIXTURE_FLEET, "tenants"), path.join(root, "tenants"), { recursive: true });
  if (opts.platform !== undefined) fs.writeFileSync(path.join(root, "platform", "platform.ts"), opts.platform);
  for (const [id, text] of Object.entries(opts.tenants ?? {})) fs.writeFileSync(path.join(root, "tenants", `${id}.ts`), text);
  for (const [rel, text] of Object.entries(opts.files ?? {})) {
    fs.mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    fs.writeFileSync(path.join(root, rel), text);
  }
  return root;
}

let compiled: Promise<string> | undefined;

/** The fixture fleet compiled once per test process (read-only: tests that change a fleet make their own). */
export function compiledFixture(): Promise<string> {
  compiled ??= (async () => {
    const root = tempFleet();
    keptUntilExit.add(root);
    const result = await run(root, "compile");
    if (result.code !== 0) throw new Error(`the fixture fleet does not compile:\n${result.err}`);
    return root;
  })();
  return compiled;
}

export function writeTenant(root: string, id: string, text: string): void {
  fs.writeFileSync(path.join(root, "tenants", `${id}.ts`), text);
}

/** Runs a CLI command in-process against `root`; returns its exit code and output. */
export async function run(root: string, command: string, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main([command, "--root", root, ...args], { out: (l) => out.push(l), err: (l) => err.push(l) });
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** Every file under `dir` (relative path → content), sorted. */
export function readTree(dir: string): Map<string, string> {
  if (!fs.existsSync(dir)) return new Map();
  const files = fg.sync("**/*", { cwd: dir, onlyFiles: true, dot: true }).sort();
  return new Map(files.map((f) => [f, fs.readFileSync(path.join(dir, f), "utf8")]));
}

/** One hash for a whole tree: paths and contents. */
export function treeHash(dir: string): string {
  const h = createHash("sha256");
  for (const [p, c] of readTree(dir)) h.update(p).update("\0").update(c).update("\0");
  return h.digest("hex");
}

/** A minimal valid tenant file. */
export function tenantSource(id: string, fields: string = ""): string {
  return `import { defineTenant } from "../compiler/api";
export default defineTenant({
  id: "${id}",
  release: "ulmo",
  hosts: { lms: "${id}.example.org" },
  platformName: "Tenant ${id}",
  contactEmail: "ops@${id}.example.org",
  size: "small",${fields ? "\n  " + fields : ""}
});
`;
}

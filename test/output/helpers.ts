// Helpers of the output lifecycle tests: small fleets of their own, the CLI as a real child process, and a compile
// killed (SIGKILL) at a chosen point of its apply.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { LOCK_DIR } from "../../compiler/lock/worktree-lock";
import { REPO_ROOT, run, tempFleet, tenantSource, treeHash } from "../helpers/fleet";

export const gen = (root: string) => path.join(root, "generated");

/** A fleet of `count` minimal tenants (no example tenants), compiled once unless `compiled` is false. */
export async function smallFleet(count = 4, compiled = true): Promise<string> {
  const tenants = Object.fromEntries(Array.from({ length: count }, (_, i) => [`t${i + 1}`, tenantSource(`t${i + 1}`)]));
  const root = tempFleet({ examples: false, tenants });
  if (compiled) {
    const r = await run(root, "compile");
    if (r.code !== 0) throw new Error(`the test fleet does not compile:\n${r.err}`);
  }
  return root;
}

/** What a clean compile of `root`'s inputs gives: the inputs copied to a new folder and compiled there. */
export async function cleanTreeHash(root: string): Promise<string> {
  const copy = tempFleet({ examples: false });
  fs.rmSync(path.join(copy, "platform"), { recursive: true });
  fs.cpSync(path.join(root, "platform"), path.join(copy, "platform"), { recursive: true });
  fs.cpSync(path.join(root, "tenants"), path.join(copy, "tenants"), { recursive: true });
  const r = await run(copy, "compile", "--no-cache");
  if (r.code !== 0) throw new Error(`a clean compile failed:\n${r.err}`);
  return treeHash(gen(copy));
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  err: string;
}

/** `node compiler/run.mjs <args>`, as `npm run` starts it; resolves when it exits. */
export function runChild(args: string[]): Promise<ChildResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, "compiler", "run.mjs"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code, signal) => resolve({ code, signal, out, err }));
  });
}

/**
 * A compile of `root` (`node compiler/run.mjs compile`, as `npm run compile` starts it) killed with SIGKILL at its
 * rename number `at` into generated/ (after its commit record).
 * Its lock is left behind, aged past the 2 s a dead holder's lock is given (lock.test.ts covers that wait).
 */
export function killedCompile(root: string, at: number): ChildResult {
  const hook = pathToFileURL(path.join(import.meta.dirname, "kill-during-apply.mjs")).href;
  const r = spawnSync(process.execPath, ["--import", hook, path.join(REPO_ROOT, "compiler", "run.mjs"), "compile", "--root", root], {
    encoding: "utf8",
    env: { ...process.env, FLEET_TEST_KILL_AT: String(at) },
  });
  const lock = path.join(root, LOCK_DIR);
  if (fs.existsSync(lock)) fs.utimesSync(lock, new Date(Date.now() - 10_000), new Date(Date.now() - 10_000));
  return { code: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

/** Every path under generated/, for messages. */
export const listGen = (root: string) => (fs.existsSync(gen(root)) ? fs.readdirSync(gen(root), { recursive: true }).map(String).sort() : []);

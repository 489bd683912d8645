// The working tree's lock: compiles started together run one after the other and leave generated/ whole from
// one run; a busy lock is waited for, then refused clearly; a lock left by a dead process is taken over.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { LOCK_DIR, lockWorktree } from "../../compiler/lock/worktree-lock";
import { REPO_ROOT, run, tenantSource, treeHash, writeTenant } from "../helpers/fleet";
import { cleanTreeHash, gen, runChild, smallFleet } from "./helpers";

const noWait = { waitMs: 0, onWait: () => {} };

test("two compiles started together in one process: one waits, generated/ is a clean compile's", async () => {
  const root = await smallFleet(6, false);
  const [a, b] = await Promise.all([run(root, "compile"), run(root, "compile")]);
  assert.is(a.code, 0, a.err);
  assert.is(b.code, 0, b.err);
  // one after the other: the second found everything written by the first
  const added = [a, b].map((r) => Number(/(\d+) added/.exec(r.out)?.[1]));
  assert.equal(added.filter((n) => n === 0).length, 1, `${a.out} | ${b.out}`);
  assert.is(treeHash(gen(root)), await cleanTreeHash(root));
  assert.not.ok(fs.existsSync(path.join(root, LOCK_DIR)), "the lock is given back");
});

test("two compile processes started together (node compiler/run.mjs) leave generated/ whole from one run", async () => {
  const root = await smallFleet(12, false);
  // each changes nothing the other would not write: the second finds the first's output and has nothing to do
  const [a, b] = await Promise.all([runChild(["compile", "--root", root]), runChild(["compile", "--root", root])]);
  assert.is(a.code, 0, a.err);
  assert.is(b.code, 0, b.err);
  assert.not.match(a.err + b.err, "internal error");
  assert.is(treeHash(gen(root)), await cleanTreeHash(root));
  const added = [a, b].map((r) => Number(/(\d+) added/.exec(r.out)?.[1]));
  assert.ok(added.includes(0), `one run found everything written by the other: ${a.out} | ${b.out}`);
});

test("a compile waits for a busy lock for --lock-wait seconds, then says who holds it and exits 1, having changed nothing", async () => {
  const root = await smallFleet(2);
  const before = treeHash(gen(root));
  writeTenant(root, "t3", tenantSource("t3"));
  const held = await lockWorktree(root, { command: "fleet:upgrade", ...noWait });
  try {
    const r = await run(root, "compile", "--lock-wait", "0.3");
    assert.is(r.code, 1);
    assert.match(r.err, `compile: waiting for another fleet:upgrade (pid ${process.pid}) to finish …`);
    assert.match(r.err, /another fleet:upgrade \(pid \d+\), running since .* still holds the working tree's lock \(\.cache\/worktree\.lock\) after 0\.3 s/);
    assert.match(r.err, "[lock-busy]");
    assert.not.match(r.err, "    at "); // no stack trace
    assert.is(treeHash(gen(root)), before);
  } finally {
    await held!.release();
  }
  assert.is((await run(root, "compile")).code, 0);
});

test("read-only commands (check, validate) take the lock too: they never see a half-applied generated/", async () => {
  const root = await smallFleet(2);
  const held = await lockWorktree(root, { command: "compile", ...noWait });
  try {
    for (const command of ["check", "validate"]) {
      const r = await run(root, command, "--lock-wait", "0.2");
      assert.is(r.code, 1, `${command}: ${r.err}`);
      assert.match(r.err, `${command}: waiting for another compile (pid ${process.pid}) to finish`);
      assert.match(r.err, "[lock-busy]");
    }
  } finally {
    await held!.release();
  }
  assert.is((await run(root, "check")).code, 0);
});

test("a lock left by a killed process is taken over", async () => {
  const root = await smallFleet(2);
  // a real process takes the lock and is killed with SIGKILL: nothing of it can clean up
  const script = `import { lockWorktree } from ${JSON.stringify(path.join(REPO_ROOT, "compiler", "lock", "worktree-lock.ts"))};
await lockWorktree(${JSON.stringify(root)}, { command: "compile", waitMs: 0, onWait: () => {} });
process.stdout.write("held\\n");
setInterval(() => {}, 1000);`;
  const holder = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve) => holder.stdout.on("data", (d) => String(d).includes("held") && resolve()));
  const pid = holder.pid!;
  holder.kill("SIGKILL");
  await new Promise((resolve) => holder.on("close", resolve));
  assert.ok(fs.existsSync(path.join(root, LOCK_DIR)), "the killed process left its lock behind");
  const r = await run(root, "compile", "--lock-wait", "30");
  assert.is(r.code, 0, r.err);
  assert.match(r.err, `taking over the lock left by pid ${pid}, which is no longer running`);
});

test("a lock held by this process under another token (a previous incarnation with the same pid) counts as gone", async () => {
  const root = await smallFleet(2);
  fs.mkdirSync(path.join(root, LOCK_DIR));
  const old = new Date(Date.now() - 10_000);
  fs.utimesSync(path.join(root, LOCK_DIR), old, old);
  fs.writeFileSync(path.join(root, ".cache", "worktree.lock.json"), JSON.stringify({ pid: process.pid, host: (await import("node:os")).hostname(), command: "compile", since: old.toISOString(), token: "gone" }));
  const r = await run(root, "compile", "--lock-wait", "5");
  assert.is(r.code, 0, r.err);
  assert.match(r.err, "taking over the lock left by pid");
});

test("a file named .cache: the lock cannot be made, said clearly, exit 1, nothing written", async () => {
  const root = await smallFleet(1, false);
  fs.writeFileSync(path.join(root, ".cache"), "in the way\n");
  const r = await run(root, "compile");
  assert.is(r.code, 1);
  assert.match(r.err, "compile: cannot lock the working tree: .cache/ cannot be made (EEXIST: a file is in the way)");
  assert.not.ok(fs.existsSync(gen(root)));
});

test("--lock-wait takes a number of seconds", async () => {
  const root = await smallFleet(1, false);
  const r = await run(root, "compile", "--lock-wait", "soon");
  assert.is(r.code, 1);
  assert.match(r.err, "--lock-wait soon: a number of seconds");
});

test.run();

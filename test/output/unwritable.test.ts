// Output that cannot be written is found before the first write into generated/: a table of cases, each breaking
// the output another way, then asking compile for a change. Each must exit 1 with a located error naming the path
// in the way and no stack trace, and leave generated/ exactly as it was. The cases need real folders, mounts and
// file attributes, so they are tests rather than fixture files; those that need root (chattr +i, mount) are
// skipped, and say so, where the machine does not allow them.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test } from "uvu";
import * as assert from "uvu/assert";
import { readTree as readFolder, run, tempDir, tenantSource, writeTenant } from "../helpers/fleet";
import { gen, smallFleet } from "./helpers";

/** generated/ as it is: its files, or its content when it is a file itself. */
const readTree = (dir: string) => (fs.statSync(dir).isFile() ? new Map([["", fs.readFileSync(dir, "utf8")]]) : readFolder(dir));
const sh = (cmd: string, ...args: string[]) => execFileSync(cmd, args, { stdio: "pipe" });
const can = (probe: () => void) => {
  try {
    probe();
    return true;
  } catch {
    return false;
  }
};
const probeDir = tempDir("probe-");
const CHATTR = can(() => (sh("chattr", "+i", probeDir), sh("chattr", "-i", probeDir)));
const MOUNT = can(() => (sh("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", probeDir), sh("umount", probeDir)));

interface Case {
  name: string;
  needs?: boolean;
  /** Breaks the compiled fleet at `root`; returns how to undo it (so the temp folder can be removed). */
  breakIt: (root: string) => (() => void) | void;
  /** `<file>:1:1 error … [<code>]` expected in the output. */
  expect: { file: string; code: string; words?: string };
}

const change = (root: string) => writeTenant(root, "t1", tenantSource("t1").replace('platformName: "Tenant t1"', 'platformName: "Tenant one"'));

const CASES: Case[] = [
  {
    name: "a file where a tenant's folder must be",
    breakIt: (root) => {
      fs.rmSync(path.join(gen(root), "tenants", "t1"), { recursive: true });
      fs.writeFileSync(path.join(gen(root), "tenants", "t1"), "in the way\n");
    },
    expect: { file: "generated/tenants/t1", code: "output-not-a-folder", words: "a file or link stands where the folder for generated/tenants/t1/" },
  },
  {
    name: "a folder where a file must go",
    breakIt: (root) => {
      fs.rmSync(path.join(gen(root), "apps", "t1.yaml"));
      fs.mkdirSync(path.join(gen(root), "apps", "t1.yaml"));
      fs.writeFileSync(path.join(gen(root), "apps", "t1.yaml", "keep"), "x\n");
    },
    expect: { file: "generated/apps/t1.yaml", code: "output-is-a-folder" },
  },
  {
    name: "generated/ itself is a file",
    breakIt: (root) => {
      fs.rmSync(gen(root), { recursive: true });
      fs.writeFileSync(gen(root), "not a folder\n");
    },
    expect: { file: "generated", code: "output-not-a-folder" },
  },
  {
    name: "a symbolic link to a folder outside, in place of a tenant's folder",
    breakIt: (root) => {
      const outside = tempDir("outside-");
      fs.cpSync(path.join(gen(root), "tenants", "t1"), outside, { recursive: true });
      fs.rmSync(path.join(gen(root), "tenants", "t1"), { recursive: true });
      fs.symlinkSync(outside, path.join(gen(root), "tenants", "t1"), "dir");
    },
    expect: { file: "generated/tenants/t1", code: "output-not-a-folder" },
  },
  {
    name: "a tenant's folder marked immutable (chattr +i: refused even to root)",
    needs: CHATTR,
    breakIt: (root) => {
      const dir = path.join(gen(root), "tenants", "t1");
      sh("chattr", "+i", dir);
      return () => sh("chattr", "-i", dir);
    },
    expect: { file: "generated/tenants/t1", code: "output-not-writable", words: "EPERM" },
  },
  {
    name: "a generated file marked immutable",
    needs: CHATTR,
    breakIt: (root) => {
      const file = path.join(gen(root), "tenants", "t1", "config.yml");
      sh("chattr", "+i", file);
      return () => sh("chattr", "-i", file);
    },
    expect: { file: "generated/tenants/t1/config.yml", code: "output-not-writable" },
  },
  {
    name: "generated/ on a read-only mount",
    needs: MOUNT,
    breakIt: (root) => {
      sh("mount", "--bind", gen(root), gen(root));
      sh("mount", "-o", "remount,bind,ro", gen(root));
      return () => sh("umount", gen(root));
    },
    expect: { file: "generated", code: "output-not-writable", words: "EROFS" },
  },
];

for (const c of CASES) {
  test(`unwritable output: ${c.name} → ${c.expect.code}, nothing changed`, async () => {
    if (c.needs === false) return console.log(`  skipped (this machine does not allow it): ${c.name}`);
    const root = await smallFleet(2);
    change(root);
    const undo = c.breakIt(root);
    try {
      const before = readTree(gen(root));
      const r = await run(root, "compile");
      assert.is(r.code, 1, r.err);
      assert.match(r.err, `${c.expect.file}:1:1 error`);
      assert.match(r.err, `[${c.expect.code}]`);
      if (c.expect.words) assert.match(r.err, c.expect.words);
      assert.match(r.err, "Nothing was written.");
      assert.not.match(r.err, "internal error");
      assert.not.match(r.err, "    at ");
      assert.equal(readTree(gen(root)), before, "generated/ unchanged");
    } finally {
      undo?.();
    }
  });
}

test("disk full while staging: found before generated/ is touched, reported, staging removed", async () => {
  if (!MOUNT) return console.log("  skipped (this machine does not allow mounts): disk full");
  const mountPoint = tempDir("full-");
  sh("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mountPoint);
  try {
    const root = path.join(mountPoint, "fleet");
    fs.cpSync(await smallFleet(2), root, { recursive: true });
    const usedKb = Number(sh("du", "-sk", mountPoint).toString().split("\t")[0]);
    sh("mount", "-o", `remount,size=${usedKb + 24}k`, mountPoint);
    for (const id of ["t3", "t4", "t5", "t6"]) writeTenant(root, id, tenantSource(id)); // far more than 24k to stage
    const before = readTree(gen(root));
    const r = await run(root, "compile");
    assert.is(r.code, 1, r.err);
    assert.match(r.err, /\.cache\/compile-staging:1:1 error the new files could not be staged \(ENOSPC: the disk is full\) \[output-staging\]/);
    assert.match(r.err, "Nothing was written.");
    assert.equal(readTree(gen(root)), before);
    assert.not.ok(fs.existsSync(path.join(root, ".cache", "compile-staging")));
  } finally {
    sh("umount", mountPoint);
  }
});

test.run();

// One exclusive lock per working tree, held by every command that writes there (platform/, tenants/, generated/,
// .cache/) or reads generated/, so no command ever sees another's half-applied output. proper-lockfile does the
// locking: an atomic mkdir, its mtime refreshed while held, a lock not refreshed for STALE_MS presumed dead, and
// removal when the process exits. A small owner record beside it names the holder for the waiting message, and
// lets a lock left on this machine by a process that is gone be taken over at once instead of after STALE_MS.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import lockfile from "proper-lockfile";

export const LOCK_DIR = ".cache/worktree.lock";
const OWNER_FILE = ".cache/worktree.lock.json";
/**
 * A holder refreshes the lock from its event loop, which a long compile blocks (about 6 s at 5,000 tenants):
 * only a lock unrefreshed for a minute is presumed dead. A dead holder on this machine is found by its pid sooner.
 */
export const STALE_MS = 60_000;
/** A lock left by a process known to be gone is taken over once it is this old (never a lock being set up). */
const DEAD_OWNER_STALE_MS = 2_000;
export const DEFAULT_WAIT_S = 90;
const POLL_MS = 100;

/** Errors that mean this user cannot write the tree at all: a reader then runs unlocked (it cannot change anything). */
const READ_ONLY = new Set(["EROFS", "EACCES", "EPERM"]);

/** The lock could not be had: busy past the wait, or .cache/ unusable. The CLI prints it and exits 1. */
export class LockError extends Error {}

interface Owner {
  pid: number;
  host: string;
  command: string;
  since: string;
  token: string;
}

export interface HeldLock {
  /** False once another process has taken the lock over (checked before the commit point of a write). */
  stillHeld(): boolean;
  release(): Promise<void>;
}

// tokens of the locks this process holds: several commands may run in one process (tests), one after another
const heldHere = new Set<string>();

export interface LockOptions {
  command: string;
  waitMs: number;
  /** Told once when the lock is busy, before waiting. */
  onWait: (line: string) => void;
  /** A read-only command on a tree this user cannot write runs unlocked (a read-only checkout or mount). */
  readOnly?: boolean;
}

export async function lockWorktree(root: string, opts: LockOptions): Promise<HeldLock | undefined> {
  const cacheDir = path.join(root, ".cache");
  const lockDir = path.join(root, LOCK_DIR);
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (opts.readOnly && READ_ONLY.has(code ?? "")) return undefined;
    const why = code === "EEXIST" || code === "ENOTDIR" ? `${code}: a file is in the way` : code;
    throw new LockError(`${opts.command}: cannot lock the working tree: .cache/ cannot be made (${why}); it must be a writable folder. Nothing was written. [lock-unavailable]`);
  }
  const started = Date.now();
  const deadline = started + opts.waitMs;
  let told = false;
  for (;;) {
    const owner = readOwner(root);
    const left = owner && isGone(owner) && fs.existsSync(lockDir) ? owner : undefined;
    let compromised = false;
    try {
      const release = await lockfile.lock(cacheDir, {
        lockfilePath: lockDir,
        realpath: false,
        stale: left ? DEAD_OWNER_STALE_MS : STALE_MS,
        update: 5_000,
        onCompromised: () => void (compromised = true),
      });
      if (left && !told) opts.onWait(waitingLine(left, opts.command));
      return held(root, opts.command, release, () => compromised);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (opts.readOnly && READ_ONLY.has(code ?? "")) return undefined;
      if (code !== "ELOCKED") throw new LockError(`${opts.command}: cannot lock the working tree at ${LOCK_DIR} (${code ?? (e as Error).message}); .cache/ must be a writable folder. Nothing was written. [lock-unavailable]`);
    }
    const current = readOwner(root) ?? owner;
    if (Date.now() >= deadline) throw new LockError(busyMessage(current, opts));
    // a holder names itself right after taking the lock: wait a moment for its name before saying who it is
    if (!told && (current || Date.now() - started > 1_000)) {
      opts.onWait(waitingLine(current, opts.command));
      told = true;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

/** Records this process as the holder; without the record the lock is given back (waiters could not name us). */
function held(root: string, command: string, release: () => Promise<void>, compromised: () => boolean): HeldLock {
  const token = randomUUID();
  const owner: Owner = { pid: process.pid, host: os.hostname(), command, since: new Date().toISOString(), token };
  const file = path.join(root, OWNER_FILE);
  try {
    fs.writeFileSync(`${file}.${process.pid}.tmp`, JSON.stringify(owner));
    fs.renameSync(`${file}.${process.pid}.tmp`, file);
  } catch (e) {
    void release().catch(() => {});
    throw new LockError(`${command}: cannot record the lock's owner in ${OWNER_FILE} (${(e as NodeJS.ErrnoException).code}); .cache/ must be writable and not full. Nothing was written. [lock-unavailable]`);
  }
  heldHere.add(token);
  let released = false;
  return {
    stillHeld: () => !released && !compromised() && fs.existsSync(path.join(root, LOCK_DIR)) && readOwner(root)?.token === token,
    async release() {
      if (released) return;
      released = true;
      heldHere.delete(token);
      // the record first: while the lock stands nobody else can have written another one
      if (readOwner(root)?.token === token) fs.rmSync(file, { force: true });
      await release().catch(() => {}); // already gone (compromised): nothing left to give back
    },
  };
}

function readOwner(root: string): Owner | undefined {
  try {
    const o = JSON.parse(fs.readFileSync(path.join(root, OWNER_FILE), "utf8")) as Partial<Owner>;
    return typeof o.pid === "number" && typeof o.token === "string" ? (o as Owner) : undefined;
  } catch {
    return undefined; // none yet, or being replaced: the lock itself still decides
  }
}

/** A holder on this machine whose process no longer runs (a pid reused since only delays the takeover). */
function isGone(owner: Owner): boolean {
  if (owner.host !== os.hostname()) return false;
  if (owner.pid === process.pid) return !heldHere.has(owner.token);
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function holder(owner: Owner | undefined): string {
  if (!owner) return "another command";
  const where = owner.host === os.hostname() ? "" : ` on ${owner.host}`;
  return `another ${owner.command} (pid ${owner.pid}${where})`;
}

function waitingLine(owner: Owner | undefined, command: string): string {
  if (owner && isGone(owner)) return `${command}: taking over the lock left by pid ${owner.pid}, which is no longer running …`;
  return `${command}: waiting for ${holder(owner)} to finish …`;
}

function busyMessage(owner: Owner | undefined, opts: LockOptions): string {
  const since = owner ? `, running since ${owner.since}` : "";
  return (
    `${opts.command}: ${holder(owner)}${since} still holds the working tree's lock (${LOCK_DIR}) after ${opts.waitMs / 1000} s. ` +
    `Nothing was read or written. Run this again when it has finished, or pass --lock-wait <seconds> to wait longer. ` +
    `A lock whose process is gone is taken over by the next command (after ${STALE_MS / 1000} s at most). [lock-busy]`
  );
}

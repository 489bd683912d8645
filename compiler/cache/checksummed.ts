// The files of .cache/: `<sha256 of the rest>\n<JSON>`, written under a temporary name and renamed, so a
// reader never sees half a file; one that fails its checksum or does not parse reads as absent, never trusted.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

// the checksum of the body's UTF-8 bytes: hashed as read, with no text to encode again (packs are megabytes)
const sum = (body: string | Buffer) => createHash("sha256").update(body).digest("hex");

/** The value, or undefined for a missing, damaged or unreadable file. */
export function readChecksummed(file: string): unknown {
  try {
    const raw = fs.readFileSync(file);
    const nl = raw.indexOf(10);
    if (nl <= 0) return undefined;
    const body = raw.subarray(nl + 1);
    return sum(body) === raw.toString("latin1", 0, nl) ? JSON.parse(body.toString("utf8")) : undefined;
  } catch {
    return undefined;
  }
}

/** Writes `value` to `file`, or to the name `nameOf` gives its checksum (a content-addressed file); returns the path. */
export function writeChecksummed(file: string | { dir: string; nameOf: (checksum: string) => string }, value: unknown): string {
  const body = JSON.stringify(value);
  const checksum = sum(body);
  const target = typeof file === "string" ? file : path.join(file.dir, file.nameOf(checksum));
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, `${checksum}\n${body}`);
    fs.renameSync(tmp, target);
  } catch (e) {
    fs.rmSync(tmp, { force: true }); // no half-written file left behind (a full disk)
    throw e;
  }
  return target;
}

// The hash of the compiler's sources: every file under compiler/ and package-lock.json, by path and content.
// Plain JavaScript because compiler/run.mjs needs it before any TypeScript can run (it names the bundle);
// the compile cache keys its entries with the same hash (cache/compiler-version.ts).
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** compiler/ recursively, sorted, so the hash never depends on directory order. */
function sourceFiles(dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const abs = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(abs));
    else if (entry.isFile()) out.push(abs);
  }
  return out.sort();
}

function contentHash(codeRoot, files) {
  const h = createHash("sha256");
  for (const f of files) {
    h.update(path.relative(codeRoot, f)).update("\0");
    h.update(fs.existsSync(f) ? fs.readFileSync(f) : "(missing)").update("\0");
  }
  return h.digest("hex");
}

/**
 * The content hash, remembered under the files' stat stamps (size, inode, change and modification times) in
 * .cache/build/stamps/: every command needs it, and reading the ~2 MB again costs ~40 ms of each run. Any write
 * to a file changes its ctime, which no tool can set back, so a stamp never names other content.
 * @param {string} codeRoot the folder holding compiler/ and package-lock.json
 */
export function sourcesHash(codeRoot) {
  const files = [...sourceFiles(path.join(codeRoot, "compiler")), path.join(codeRoot, "package-lock.json")];
  const stamps = createHash("sha256");
  for (const f of files) {
    const s = fs.statSync(f, { throwIfNoEntry: false, bigint: true });
    stamps.update(`${path.relative(codeRoot, f)}\0${s ? `${s.size}:${s.ino}:${s.ctimeNs}:${s.mtimeNs}` : "missing"}\0`);
  }
  const memo = path.join(codeRoot, ".cache", "build", "stamps", stamps.digest("hex").slice(0, 32));
  try {
    const known = fs.readFileSync(memo, "utf8");
    if (/^[0-9a-f]{64}$/.test(known)) return known;
  } catch {
    // not remembered yet
  }
  const hash = contentHash(codeRoot, files);
  try {
    fs.mkdirSync(path.dirname(memo), { recursive: true });
    const tmp = `${memo}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, hash);
    fs.renameSync(tmp, memo);
  } catch {
    // a cache we cannot write only costs speed
  }
  return hash;
}

// The disk state's file (output/disk-state.ts), `.cache/generated-state.bin`: read on every compile, by the no-op
// check, the compile and the stat thread, and written again whenever a file settled. As JSON its 5,000 entries
// of five numbers cost 6–15 ms to parse and 8–14 ms to write at 1,000 tenants, most of it turning numbers into
// text and back; here the numbers are stored as they are held, 8 bytes each.
//
//   `<FORMAT> <le|be> <count> <sha256 of the rest, hex>`, spaces up to a multiple of 8 bytes, `\n`;
//   count × 5 float64 (size, mtimeMs, ctimeMs, ino, dev), in this machine's byte order;
//   the paths and hashes, `path\nhash\n…` in UTF-8, without a final line break.
//
// A file that is damaged, cut, of another format or another machine's byte order reads as absent, as
// readChecksummed's do: every file is then read again, nothing is trusted.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const FORMAT = "disk-state-3";
export const FIELDS = 5;
/** Whose byte order the numbers are in: a state written elsewhere is not read. */
const ORDER = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? "le" : "be";

export const diskStateFile = (root: string) => path.join(root, ".cache", "generated-state.bin");

/** What the file holds: `numbers` has FIELDS per path. */
export interface StateRecords {
  paths: string[];
  numbers: Float64Array;
  hashes: string[];
}

const sum = (body: Uint8Array) => createHash("sha256").update(body).digest("hex");

/** The records, or undefined for a missing, damaged or foreign file. */
export function readStateFile(root: string): StateRecords | undefined {
  try {
    const raw = fs.readFileSync(diskStateFile(root));
    const nl = raw.indexOf(10);
    if (nl <= 0 || (nl + 1) % 8 !== 0) return undefined;
    const [format, order, countText, checksum] = raw.toString("latin1", 0, nl).trim().split(" ");
    const count = Number(countText);
    const body = raw.subarray(nl + 1);
    if (format !== FORMAT || order !== ORDER || !Number.isSafeInteger(count) || body.length < count * FIELDS * 8 || sum(body) !== checksum) return undefined;
    // copied out: the file's buffer need not be aligned for a Float64Array
    const numbers = new Float64Array(count * FIELDS);
    new Uint8Array(numbers.buffer).set(body.subarray(0, count * FIELDS * 8));
    const lines = count === 0 ? [] : body.toString("utf8", count * FIELDS * 8).split("\n");
    if (lines.length !== 2 * count) return undefined;
    const paths: string[] = [];
    const hashes: string[] = [];
    for (let i = 0; i < lines.length; i += 2) paths.push(lines[i]!), hashes.push(lines[i + 1]!);
    return { paths, numbers, hashes };
  } catch {
    return undefined;
  }
}

/** Writes the records under a temporary name, then renames it (a reader never sees half a file); throws on failure. */
export function writeStateFile(root: string, { paths, numbers, hashes }: StateRecords): void {
  // a line break in a path or hash would shift every record after it: such a state is not written at all
  let lines = "";
  for (let i = 0; i < paths.length; i++) lines += i === 0 ? `${paths[i]}\n${hashes[i]}` : `\n${paths[i]}\n${hashes[i]}`;
  if (lines.split("\n").length !== (paths.length === 0 ? 1 : 2 * paths.length)) throw new Error("a line break in a path of generated/");
  const body = Buffer.concat([new Uint8Array(numbers.buffer, numbers.byteOffset, paths.length * FIELDS * 8), Buffer.from(lines, "utf8")]);
  let head = `${FORMAT} ${ORDER} ${paths.length} ${sum(body)}`;
  head += " ".repeat(7 - (head.length % 8)) + "\n";
  const file = diskStateFile(root);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from(head, "latin1"), body]));
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
}

// `npm run docs`: regenerates the tenant reference in docs/reference.md from the schema.
// The reference depends on the compiler's sources alone: when the file is exactly what this compiler wrote
// or found current last time (its hash and the compiler's version, kept in .cache/), it is current without
// loading the schemas.
import { hash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { readChecksummed, writeChecksummed } from "../cache/checksummed";
import { compilerVersion } from "../cache/compiler-version";
import type { Command } from "./index";

const REFERENCE = path.join("docs", "reference.md");
const UP_TO_DATE = "docs/reference.md references are up to date";

export const docsCommand: Command = {
  describe: "regenerate the tenant and platform-components references in docs/reference.md",
  lock: "write",
  args: {},
  async run(ctx) {
    const file = path.join(ctx.root, REFERENCE);
    const before = fs.readFileSync(file, "utf8");
    const record = path.join(ctx.root, ".cache", "docs.json");
    const key = (text: string) => hash("sha256", `${compilerVersion()}\0${text}`, "hex");
    if ((readChecksummed(record) as { key?: unknown } | undefined)?.key === key(before)) {
      ctx.io.out(UP_TO_DATE);
      return 0;
    }
    const { withReference } = await import("../docs/tenant-reference");
    const after = withReference(before);
    if (after !== before) fs.writeFileSync(file, after);
    try {
      writeChecksummed(record, { key: key(after) });
    } catch {
      // a cache we cannot write only costs speed
    }
    ctx.io.out(after === before ? UP_TO_DATE : "docs/reference.md references updated");
    return 0;
  },
};

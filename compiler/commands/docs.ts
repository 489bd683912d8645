// `npm run docs`: regenerates the tenant reference in README.md from the schema.
import fs from "node:fs";
import type { Command } from "./index";

export const docsCommand: Command = {
  describe: "regenerate the tenant and platform-components references in README.md",
  lock: "write",
  args: {},
  async run(ctx) {
    const { readmePath, withReference } = await import("../docs/tenant-reference");
    const file = readmePath(ctx.root);
    const before = fs.readFileSync(file, "utf8");
    const after = withReference(before);
    if (after !== before) fs.writeFileSync(file, after);
    ctx.io.out(after === before ? "README.md references are up to date" : "README.md references updated");
    return 0;
  },
};

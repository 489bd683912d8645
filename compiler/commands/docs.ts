// `npm run docs`: regenerates the tenant reference in docs/reference.md from the schema.
import fs from "node:fs";
import type { Command } from "./index";

export const docsCommand: Command = {
  describe: "regenerate the tenant and platform-components references in docs/reference.md",
  lock: "write",
  args: {},
  async run(ctx) {
    const { referencePath, withReference } = await import("../docs/tenant-reference");
    const file = referencePath(ctx.root);
    const before = fs.readFileSync(file, "utf8");
    const after = withReference(before);
    if (after !== before) fs.writeFileSync(file, after);
    ctx.io.out(after === before ? "docs/reference.md references are up to date" : "docs/reference.md references updated");
    return 0;
  },
};

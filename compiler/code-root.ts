// Where the running compiler's checkout is (not the fleet being compiled): its node_modules, .cache/ and sources.
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root of this compiler: the folder above compiler/. */
export const CODE_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

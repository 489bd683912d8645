// The review for machines: the same content as the Markdown comment (and the same cap), as JSON.
import type { Review } from "./report";

export function toJson(r: Review, cut?: string): string {
  return JSON.stringify({ ...r, ...(cut ? { cut } : {}) }, null, 2) + "\n";
}

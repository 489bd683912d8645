// Offsets to 1-based lines and columns as TypeScript counts them: columns in UTF-16 code units, lines ended by
// CR LF, LF, CR, U+2028 or U+2029 (and by no other character: U+0085 is not a line break for TypeScript).
import { lastAtOrBefore } from "../sorted-search";

const OTHER_BREAKS = /[\r\u2028\u2029]/;

/** The offset where each line of `text` starts. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  // most files end lines with LF alone: found by the engine's own search
  if (!OTHER_BREAKS.test(text)) {
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
    return starts;
  }
  const breaks = /\r\n?|[\n\u2028\u2029]/g;
  for (let m = breaks.exec(text); m; m = breaks.exec(text)) starts.push(m.index + m[0].length);
  return starts;
}

export function lineAndColumn(starts: readonly number[], pos: number): { line: number; col: number } {
  const i = lastAtOrBefore(starts, pos);
  return { line: i + 1, col: pos - starts[i]! + 1 };
}

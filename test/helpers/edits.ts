// Random edits of a source text for property tests: each cuts up to 2 characters at a position and inserts a piece.

/** `text` with each [position, cut, insert] applied in turn (positions and cuts wrap to the text). */
export function applyEdits(text: string, edits: readonly (readonly [number, number, string])[]): string {
  for (const [at, cut, insert] of edits) {
    const i = at % (text.length + 1);
    text = text.slice(0, i) + insert + text.slice(Math.min(text.length, i + (cut % 3)));
  }
  return text;
}

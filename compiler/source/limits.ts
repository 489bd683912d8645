// Bounds on what the static reader accepts, so a hostile file is refused at its line instead of
// exhausting the stack or the memory of every compile that reads it.

/**
 * The largest tenant or platform file, in bytes. The example platform file is about 4 KiB and a tenant
 * file 1 KiB; a platform with hundreds of clusters and presets stays far below 256 KiB.
 */
export const MAX_FILE_BYTES = 256 * 1024;

/**
 * The deepest nesting of brackets, objects and arrays. The tenant schema nests 5 levels
 * (size.lms.replicas.max), Helm escape-hatch values in the platform a dozen at most; 64 leaves room
 * and keeps every recursive walk (the parser's included) a small fraction of Node's stack.
 */
export const MAX_DEPTH = 64;

/**
 * The longest chain of names followed to reach one value (`const a = b; const b = c; ...`, preset imports
 * included). Real files follow one or two; 64 is generous and bounds the walk's recursion.
 */
export const MAX_CHAIN = 64;

/**
 * The most values one file may expand to once consts and spreads are followed. Spreading a const many times
 * into others grows the value exponentially in the file's size (a "billion laughs"); a real platform file
 * expands to a few thousand values.
 */
export const MAX_VALUES = 100_000;

/**
 * The most characters of text one file may expand to. A 200 KiB string (within the file limit) named 50,000
 * times through spreads stays under MAX_VALUES yet would write gigabytes; a real platform file expands to
 * tens of kilobytes.
 */
export const MAX_TEXT = 4 * 1024 * 1024;

/**
 * A bound on how deep the parser recurses, counted before parsing: open brackets, and the tokens of each open
 * expression (`a + a + ...`, `A<A<...>>`, `if (a) if (a) ...` each nest one level per token or two). oxc's
 * native parser overflows an 8 MB stack at about 4,400 levels of the worst construct measured (`A<A<...`, two
 * tokens a level: 1,000 levels at this bound, under half of what a worker thread's 4 MB stack holds); a real
 * file stays under 100.
 */
export const MAX_NEST = 2000;

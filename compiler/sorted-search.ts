// One binary search the line and offset lookups share.

/** The last index whose value is at or before `value` in ascending `sorted` (0 when none is: `sorted[0]` is the origin). */
export function lastAtOrBefore(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// "Did you mean …?" for a misspelt rule id, flag value or config key.

/** The closest of `options` to `value` when it is a plausible typo (a few edits away). */
export function findClosest(value: string, options: readonly string[]): string | undefined {
  // "warn" -> "warning": an abbreviation is a typo too
  const extended = value.length >= 3 ? options.find((option) => option.toLowerCase().startsWith(value.toLowerCase())) : undefined;
  if (extended) return extended;
  let best: { option: string; distance: number } | undefined;
  for (const option of options) {
    const distance = editDistance(value.toLowerCase(), option.toLowerCase());
    if (!best || distance < best.distance) best = { option, distance };
  }
  return best && best.distance <= Math.max(2, Math.floor(value.length / 4)) ? best.option : undefined;
}

/** ` (did you mean "x"?)`, or nothing. */
export function didYouMean(value: string, options: readonly string[]): string {
  const closest = findClosest(value, options);
  return closest ? ` (did you mean "${closest}"?)` : '';
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

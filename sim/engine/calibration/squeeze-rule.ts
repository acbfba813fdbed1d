// The seed article's squeeze rule, used here only to measure the model: the last N closed
// bars all have the same sign, none is zero, and |bar| never decreases along them.

const SQUEEZE_RUN = 5;

export function squeezeAt(bars: readonly number[], end: number, run = SQUEEZE_RUN): boolean {
  if (end + 1 < run) return false;
  const sign = Math.sign(bars[end - run + 1]!);
  if (sign === 0) return false;
  for (let i = end - run + 1; i <= end; i++) {
    const b = bars[i]!;
    if (Math.sign(b) !== sign) return false;
    if (i > end - run + 1 && Math.abs(b) < Math.abs(bars[i - 1]!)) return false;
  }
  return true;
}

/** Indices of the bars at which the rule starts to hold (an alert episode's first bar). */
export function squeezeOnsets(bars: readonly number[], run = SQUEEZE_RUN): number[] {
  const onsets: number[] = [];
  let previous = false;
  for (let i = 0; i < bars.length; i++) {
    const now = squeezeAt(bars, i, run);
    if (now && !previous) onsets.push(i);
    previous = now;
  }
  return onsets;
}

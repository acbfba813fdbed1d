// One format for every benchmark: a title, then a row per measurement with its ratio to the
// baseline measured in the same run.
export interface BenchRow {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The baseline's value for the same measure, when there is one. */
  readonly baseline?: number;
  /** Whether bigger is better (throughput) or smaller is better (latency, memory). */
  readonly higherIsBetter?: boolean;
  /**
   * Print the row as value / baseline, naming the baseline (e.g. 'the floor', 'JSON.parse'):
   * for a baseline that is the least the same work can cost rather than a rival.
   */
  readonly times?: string;
  /** With `times`: the target ratio, printed beside it (never asserted). */
  readonly target?: number;
}

function fmt(v: number): string {
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 1) return v.toFixed(2);
  return v.toPrecision(3);
}

export function report(title: string, rows: readonly BenchRow[]): string {
  const lines = [`\n== ${title}`];
  for (const r of rows) {
    let ratio = '';
    if (r.times !== undefined && r.baseline !== undefined && r.baseline !== 0) {
      const x = r.value / r.baseline;
      const target = r.target === undefined ? '' : `; target <= ${r.target}x`;
      ratio = `  (${x.toFixed(2)}x ${r.times}, ${fmt(r.baseline)} ${r.unit}${target})`;
    } else if (r.baseline !== undefined && r.baseline !== 0) {
      const x = r.higherIsBetter ? r.value / r.baseline : r.baseline / r.value;
      ratio = Number.isFinite(x)
        ? `  (${x.toFixed(2)}x ${x >= 1 ? 'better' : 'worse'} than baseline ${fmt(r.baseline)} ${r.unit})`
        : `  (none, against ${fmt(r.baseline)} ${r.unit} for the baseline)`;
    }
    lines.push(`  ${r.name.padEnd(48)} ${fmt(r.value).padStart(10)} ${r.unit}${ratio}`);
  }
  const text = lines.join('\n');
  console.log(text);
  return text;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

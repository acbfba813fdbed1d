// Building detector input in tests: bars from plain per-bar numbers, cumulatives summed.
import {
  DetectorSettingsSchema,
  type DetectorSettings,
} from '../../../../core/contract/detector.js';
import type { DetectorBar } from '../../../../core/detect/types.js';

/** 10:00 New York on Friday 2026-06-05. */
export const T0 = Date.parse('2026-06-05T14:00:00Z');
export const MINUTE = 60_000;

export function settings(overrides: Partial<DetectorSettings> = {}): DetectorSettings {
  return DetectorSettingsSchema.parse(overrides);
}

export interface BarExtras {
  readonly calls?: readonly number[];
  readonly puts?: readonly number[];
  readonly spot?: readonly number[];
  readonly gammaFlip?: readonly (number | null)[];
}

export function barsFrom(
  values: readonly number[],
  extras: BarExtras = {},
  start = T0,
  stepMs = MINUTE,
): DetectorBar[] {
  let cumulative = 0;
  let calls = 0;
  let puts = 0;
  return values.map((bar, i) => {
    cumulative += bar;
    const out: { -readonly [K in keyof DetectorBar]: DetectorBar[K] } = {
      t: start + i * stepMs,
      bar,
      cumulative,
    };
    const c = extras.calls?.[i];
    const p = extras.puts?.[i];
    if (c !== undefined) out.calls = { bar: c, cumulative: (calls += c) };
    if (p !== undefined) out.puts = { bar: p, cumulative: (puts += p) };
    const s = extras.spot?.[i];
    if (s !== undefined) out.spot = s;
    const g = extras.gammaFlip?.[i];
    if (g !== undefined) out.gammaFlip = g;
    return out;
  });
}

/**
 * The mirror image of a session: every flow figure negated, spot and the gamma flip mirrored
 * around `pivot`, and the legs swapped (the mirror of call-driven buying is put-driven selling).
 */
export function mirrored(bars: readonly DetectorBar[], pivot = 1000): DetectorBar[] {
  return bars.map((b) => {
    const out: { -readonly [K in keyof DetectorBar]: DetectorBar[K] } = {
      t: b.t,
      bar: -b.bar,
      cumulative: -b.cumulative,
    };
    if (b.puts) out.calls = { bar: -b.puts.bar, cumulative: -b.puts.cumulative };
    if (b.calls) out.puts = { bar: -b.calls.bar, cumulative: -b.calls.cumulative };
    if (b.spot !== undefined) out.spot = pivot - b.spot;
    if (b.gammaFlip !== undefined)
      out.gammaFlip = b.gammaFlip === null ? null : pivot - b.gammaFlip;
    return out;
  });
}

/** The seed article's Python snippet, transcribed line by line, over the bars it is given. */
export function articleRule(bars: readonly { bar: number }[], n = 5): 'up' | 'down' | null {
  const recent = bars.slice(-n);
  if (recent.length !== n) return null;
  const signs = new Set(recent.map((b) => (b.bar > 0 ? 1 : b.bar < 0 ? -1 : 0)));
  const mags = recent.map((b) => Math.abs(b.bar));
  const oneSided = signs.size === 1 && !signs.has(0);
  const accelerating = mags.every((m, i) => i === mags.length - 1 || m <= mags[i + 1]!);
  if (!(oneSided && accelerating)) return null;
  return recent[recent.length - 1]!.bar > 0 ? 'up' : 'down';
}

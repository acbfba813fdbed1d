// Measurements of generated days against the calibration targets in docs/simulator.md:
// per-bar and cumulative flow magnitudes, the price range, the dealers' gamma sign, and how
// often the squeeze rule fires, in squeeze episodes and outside them.
import type { DayTrack } from '../model/day-track.js';
import { REGIME_CODE } from '../model/regimes.js';
import { squeezeOnsets } from './squeeze-rule.js';

export interface DayStats {
  readonly symbol: string;
  readonly date: string;
  readonly medianAbsBar1m: number;
  readonly p90AbsBar1m: number;
  readonly maxAbsBar1m: number;
  readonly maxAbsCumulative: number;
  /** (high - low) / open, percent. */
  readonly rangePct: number;
  /** Net GEX of the dealer book at 12:45 New York (mid-session) is positive. */
  readonly longGammaMidday: boolean;
  readonly episodes: number;
  /** Episodes with a 1m squeeze onset inside them or within 3 minutes after. */
  readonly episodesDetected: number;
  readonly onsets1m: number;
  readonly onsets5m: number;
  /** 1m onsets whose five bars all fall outside squeeze episodes (noise). */
  readonly balancedOnsets1m: number;
}

function bars(track: DayTrack, minutes: number): number[] {
  const { callCum, putCum } = track.fields;
  const per = (minutes * 60_000) / track.stepMs;
  const out: number[] = [];
  for (let i = per; i <= track.steps; i += per) {
    out.push(callCum[i]! + putCum[i]! - (callCum[i - per]! + putCum[i - per]!));
  }
  return out;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

function isEpisode(code: number): boolean {
  return code === REGIME_CODE.call_chasing || code === REGIME_CODE.put_buying;
}

export function dayStats(track: DayTrack): DayStats {
  track.ensure(track.steps);
  const f = track.fields;
  const perMinute = 60_000 / track.stepMs;
  const b1 = bars(track, 1);
  const abs1 = b1.map(Math.abs);
  let maxCum = 0;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i <= track.steps; i++) {
    maxCum = Math.max(maxCum, Math.abs(f.callCum[i]! + f.putCum[i]!));
    lo = Math.min(lo, f.spot[i]!);
    hi = Math.max(hi, f.spot[i]!);
  }
  const onsets = squeezeOnsets(b1);
  // Episode spans in minutes, and which minutes they cover.
  const spans: [number, number][] = [];
  let start = -1;
  for (let i = 0; i <= track.steps; i++) {
    const inEpisode = isEpisode(track.regime[i]!);
    if (inEpisode && start < 0) start = i;
    if (!inEpisode && start >= 0) {
      spans.push([Math.floor(start / perMinute), Math.floor(i / perMinute)]);
      start = -1;
    }
  }
  const inAny = (m: number): boolean => spans.some(([a, b]) => m >= a && m <= b);
  return {
    symbol: track.symbol,
    date: track.date,
    medianAbsBar1m: quantile(abs1, 0.5),
    p90AbsBar1m: quantile(abs1, 0.9),
    maxAbsBar1m: Math.max(...abs1),
    maxAbsCumulative: maxCum,
    rangePct: ((hi - lo) / f.spot[0]!) * 100,
    longGammaMidday: f.netGex[Math.round(track.steps * (195 / 390))]! > 0,
    episodes: spans.length,
    episodesDetected: spans.filter(([a, b]) => onsets.some((o) => o >= a && o <= b + 3)).length,
    onsets1m: onsets.length,
    onsets5m: squeezeOnsets(bars(track, 5)).length,
    balancedOnsets1m: onsets.filter((o) => ![0, 1, 2, 3, 4].some((k) => inAny(o - k))).length,
  };
}

export interface StatsSummary {
  readonly days: number;
  readonly medianAbsBar1m: number;
  readonly p90AbsBar1m: number;
  readonly medianMaxAbsCumulative: number;
  readonly medianRangePct: number;
  readonly longGammaShare: number;
  readonly episodesPerDay: number;
  readonly detectedShare: number;
  readonly onsets1mPerDay: number;
  readonly onsets5mPerDay: number;
  readonly balancedOnsets1mPerDay: number;
}

export function summarize(stats: readonly DayStats[]): StatsSummary {
  const n = stats.length;
  const sum = (pick: (s: DayStats) => number): number => stats.reduce((a, s) => a + pick(s), 0);
  const episodes = sum((s) => s.episodes);
  return {
    days: n,
    medianAbsBar1m: quantile(
      stats.map((s) => s.medianAbsBar1m),
      0.5,
    ),
    p90AbsBar1m: quantile(
      stats.map((s) => s.p90AbsBar1m),
      0.5,
    ),
    medianMaxAbsCumulative: quantile(
      stats.map((s) => s.maxAbsCumulative),
      0.5,
    ),
    medianRangePct: quantile(
      stats.map((s) => s.rangePct),
      0.5,
    ),
    longGammaShare: sum((s) => (s.longGammaMidday ? 1 : 0)) / n,
    episodesPerDay: episodes / n,
    detectedShare: episodes === 0 ? NaN : sum((s) => s.episodesDetected) / episodes,
    onsets1mPerDay: sum((s) => s.onsets1m) / n,
    onsets5mPerDay: sum((s) => s.onsets5m) / n,
    balancedOnsets1mPerDay: sum((s) => s.balancedOnsets1m) / n,
  };
}

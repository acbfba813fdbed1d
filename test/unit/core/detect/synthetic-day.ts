// A deterministic synthetic SPY session (1m bars, 2026-06-05) with explicit episodes, for the
// golden tests of every refinement (the simulator's days cover realistic ones). Dealers are
// long gamma most of the day (mean-reverting, two-sided flow), with two squeeze episodes:
//   A 10:45-10:56  call-driven upside squeeze, price chasing (12 bars, +25% per bar)
//   B 14:10-14:17  put-driven downside squeeze through the gamma flip (8 bars), then a
//                  sharp reversal bar at 14:18; after it spot pins to the flip level and chops
//                  around it until the close
import type { DetectorBar } from '../../../../core/detect/types.js';
import { sessionOn } from '../../../../calendar/index.js';

export const DAY = sessionOn('2026-06-05')!;
const GAMMA_FLIP = 588;
const M = 1_000_000;
const MINUTE = 60_000;

export const EPISODE_A = { start: 75, length: 12 };
export const EPISODE_B = { start: 280, length: 8 };

/** mulberry32: a tiny, well-known deterministic generator. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function syntheticDay(seed = 20260605): DetectorBar[] {
  const rand = prng(seed);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const bars: DetectorBar[] = [];
  let previous = 0;
  let spot = 590;
  let all = 0;
  let calls = 0;
  let puts = 0;
  for (let i = 0; i < 390; i++) {
    let bar: number;
    let callShare = 0.3 + 0.4 * rand();
    let drift = 0;
    if (i >= EPISODE_A.start && i < EPISODE_A.start + EPISODE_A.length) {
      bar = 2 * M * 1.25 ** (i - EPISODE_A.start);
      callShare = 0.85;
      drift = 0.09;
    } else if (i >= EPISODE_B.start && i < EPISODE_B.start + EPISODE_B.length) {
      bar = -3 * M * 1.2 ** (i - EPISODE_B.start);
      callShare = 0.2;
      drift = -0.6;
    } else if (i === EPISODE_B.start + EPISODE_B.length) {
      bar = 9 * M; // dealers flip to buying: hedging reverses
      drift = 0.2;
    } else {
      // Spot pins to the flip level after B.
      if (i > EPISODE_B.start + EPISODE_B.length) drift = 0.15 * (GAMMA_FLIP - spot);
      // Long gamma: dealers lean against the last bar, so flow is two-sided and mean-reverting.
      bar = Math.round(1.5 * M * gauss() - 0.5 * previous);
    }
    previous = bar;
    spot = Math.round((spot + drift + 0.04 * gauss()) * 100) / 100;
    const c = Math.round(bar * callShare);
    all += bar;
    calls += c;
    puts += bar - c;
    bars.push({
      t: DAY.open + i * MINUTE,
      bar,
      cumulative: all,
      calls: { bar: c, cumulative: calls },
      puts: { bar: bar - c, cumulative: puts },
      spot,
      gammaFlip: GAMMA_FLIP,
    });
  }
  return bars;
}

// The model against its calibration targets over 40 sessions per symbol (docs/simulator.md,
// "Measured"): flow magnitudes, gamma sign, and how often the seed article's squeeze rule
// fires at 1m and 5m, in squeeze episodes and in balanced noise, next to the same rule on
// shuffled 1m bars of the same days (same magnitudes, no time structure) for reference.
import { describe, it } from 'vitest';
import { createSimulator } from '../sim/engine/simulator.js';
import { dayStats, summarize } from '../sim/engine/calibration/day-stats.js';
import { squeezeOnsets } from '../sim/engine/calibration/squeeze-rule.js';
import { addDays, sessionOn } from '../calendar/index.js';
import { Rng } from '../sim/engine/random/prng.js';
import { report, type BenchRow } from './report.js';

const SESSIONS = 40;

describe('sim calibration', () => {
  it('squeeze frequency and magnitudes per symbol', () => {
    for (const symbol of ['SPY', 'SPX', 'QQQ', 'IWM']) {
      const sim = createSimulator({ seed: 1, maxCachedDays: 2 });
      const stats = [];
      let shuffledOnsets = 0;
      const rng = new Rng(7);
      for (let d = '2026-03-02'; stats.length < SESSIONS; d = addDays(d, 1)) {
        const s = sessionOn(d);
        if (!s || s.earlyClose) continue;
        const track = sim.zeroDteDay(symbol, d)!;
        stats.push(dayStats(track));
        const cum = (i: number): number => track.fields.callCum[i]! + track.fields.putCum[i]!;
        const bars = Array.from({ length: 390 }, (_, m) => cum(6 * m + 6) - cum(6 * m));
        for (let i = bars.length - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [bars[i], bars[j]] = [bars[j]!, bars[i]!];
        }
        shuffledOnsets += squeezeOnsets(bars).length;
      }
      const m = summarize(stats);
      const rows: BenchRow[] = [
        {
          name: 'squeeze onsets per week, 1m bars',
          value: m.onsets1mPerDay * 5,
          unit: '/wk',
        },
        {
          name: '  the same bars shuffled (no time structure)',
          value: (shuffledOnsets / SESSIONS) * 5,
          unit: '/wk',
        },
        {
          name: '  of which outside episodes (noise)',
          value: m.balancedOnsets1mPerDay * 5,
          unit: '/wk',
        },
        { name: 'squeeze onsets per week, 5m bars', value: m.onsets5mPerDay * 5, unit: '/wk' },
        { name: 'squeeze episodes per week', value: m.episodesPerDay * 5, unit: '/wk' },
        { name: 'episodes caught by the 1m rule', value: m.detectedShare * 100, unit: '%' },
        { name: 'days dealers net long gamma at 12:45', value: m.longGammaShare * 100, unit: '%' },
        { name: 'median |1m bar|', value: m.medianAbsBar1m / 1e6, unit: '$M' },
        { name: 'p90 |1m bar| (median day)', value: m.p90AbsBar1m / 1e6, unit: '$M' },
        { name: 'median day max |cumulative|', value: m.medianMaxAbsCumulative / 1e6, unit: '$M' },
        { name: 'median day range', value: m.medianRangePct, unit: '%' },
      ];
      report(`sim calibration: ${symbol}, seed 1, ${SESSIONS} sessions`, rows);
    }
  });
});

// The market and dealer model against its calibration targets (docs/simulator.md), on a fixed
// seed so the numbers are stable: magnitudes per symbol, dealers long gamma on most days,
// squeezes as episodes that the seed article's rule catches, price moving with the flow.
import { beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../../sim/engine/simulator.js';
import { dayStats, summarize, type DayStats } from '../../../sim/engine/calibration/day-stats.js';
import { addDays, sessionOn } from '../../../calendar/index.js';
import { createLiveDay } from '../../../sim/engine/model/day-generator.js';
import { resolveProfiles } from '../../../sim/engine/model/symbols.js';

/** The first `n` full sessions from 2026-03-02. */
function sessions(n: number): string[] {
  const out: string[] = [];
  for (let d = '2026-03-02'; out.length < n; d = addDays(d, 1)) {
    const s = sessionOn(d);
    if (s && !s.earlyClose) out.push(d);
  }
  return out;
}

const DAYS = sessions(20);

describe('the model', () => {
  let sim: Simulator;
  const stats = new Map<string, DayStats[]>();
  beforeAll(() => {
    sim = createSimulator({ seed: 1, maxCachedDays: 40 });
    for (const symbol of ['SPY', 'SPX', 'QQQ']) {
      const days = symbol === 'SPY' ? DAYS : DAYS.slice(0, 8);
      stats.set(
        symbol,
        days.map((d) => dayStats(sim.zeroDteDay(symbol, d)!)),
      );
    }
  });
  const summary = (symbol: string): ReturnType<typeof summarize> => summarize(stats.get(symbol)!);

  it('generates the same day lazily in pieces as in one go', () => {
    const profile = resolveProfiles().get('QQQ')!;
    const session = sessionOn('2026-06-05')!;
    const options = { seed: 11, profile, session, hasChain: true, keepTape: false };
    const whole = createLiveDay(options);
    whole.ensure(whole.steps);
    const pieces = createLiveDay(options);
    for (const i of [1, 7, 500, 501, 1800, pieces.steps]) pieces.ensure(i);
    expect(pieces.fields.callCum).toEqual(whole.fields.callCum);
    expect(pieces.fields.spot).toEqual(whole.fields.spot);
    expect(pieces.fields.gammaFlip).toEqual(whole.fields.gammaFlip);
  });

  it('puts SPY 1m hedge flow in the $1M-$100M range and day cumulatives in the $100Ms-$Bs', () => {
    const spy = summary('SPY');
    expect(spy.medianAbsBar1m).toBeGreaterThan(3e6);
    expect(spy.medianAbsBar1m).toBeLessThan(50e6);
    expect(spy.p90AbsBar1m).toBeLessThan(150e6);
    expect(spy.medianMaxAbsCumulative).toBeGreaterThan(200e6);
    expect(spy.medianMaxAbsCumulative).toBeLessThan(5e9);
  });

  it('orders magnitudes SPX >> SPY > QQQ, SPX about 5-10x SPY', () => {
    const spy = summary('SPY').medianAbsBar1m;
    const ratio = summary('SPX').medianAbsBar1m / spy;
    expect(ratio).toBeGreaterThan(4);
    expect(ratio).toBeLessThan(12);
    expect(summary('QQQ').medianAbsBar1m).toBeLessThan(spy);
  });

  it('keeps daily ranges realistic', () => {
    expect(summary('SPY').medianRangePct).toBeGreaterThan(0.5);
    expect(summary('SPY').medianRangePct).toBeLessThan(2.2);
  });

  it('has dealers net long gamma on most days', () => {
    expect(summary('SPY').longGammaShare).toBeGreaterThan(0.5);
  });

  it('fires the squeeze rule a few times a week at 1m, mostly in squeeze episodes', () => {
    const spy = summary('SPY');
    expect(spy.onsets1mPerDay * 5).toBeGreaterThan(1);
    expect(spy.onsets1mPerDay * 5).toBeLessThan(8);
    expect(spy.detectedShare).toBeGreaterThan(0.4);
    expect(spy.balancedOnsets1mPerDay).toBeLessThan(0.4);
  });

  it('moves price with the flow in squeezes and against it when dealers are long gamma', () => {
    let withFlow = 0;
    let episodeMinutes = 0;
    let fadeProducts = 0;
    for (const date of DAYS) {
      const track = sim.zeroDteDay('SPY', date)!;
      track.ensure(track.steps);
      const f = track.fields;
      for (let m = 1; m <= 390; m++) {
        const [a, b] = [(m - 1) * 6, m * 6];
        const flow = f.callCum[b]! + f.putCum[b]! - (f.callCum[a]! + f.putCum[a]!);
        const ret = f.spot[b]! - f.spot[a]!;
        const regime = track.regime[b]!;
        if (regime >= 2) {
          episodeMinutes++;
          if (Math.sign(flow) === Math.sign(ret)) withFlow++;
        } else if (regime === 0 && f.netGex[a]! > 0) {
          fadeProducts += Math.sign(flow) * Math.sign(ret);
        }
      }
    }
    expect(withFlow / episodeMinutes).toBeGreaterThan(0.6);
    expect(fadeProducts).toBeLessThan(0);
  });
});

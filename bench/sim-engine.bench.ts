// The engine, in-process: full-day generation per symbol (baseline: the same day's price path
// without the option chain, tape or dealer book), and the latency of a poll for the whole
// session at 30 s bars (baseline: JSON.stringify of the same bars, the serialization floor).
import { describe, it } from 'vitest';
import { createSimulator, sessionOn } from '../sim/engine/index.js';
import { createLiveDay } from '../sim/engine/model/day-generator.js';
import { resolveProfiles } from '../sim/engine/model/symbols.js';
import { percentile, report, type BenchRow } from './report.js';

const DATES = ['2026-06-01', '2026-06-02', '2026-06-03', '2026-06-04', '2026-06-05'];

function generationMs(symbol: string, hasChain: boolean): number {
  const profile = resolveProfiles().get(symbol)!;
  const times: number[] = [];
  for (const [i, date] of DATES.entries()) {
    const t0 = performance.now();
    const day = createLiveDay({
      seed: 100 + i,
      profile,
      session: sessionOn(date)!,
      hasChain,
      keepTape: false,
    });
    day.ensure(day.steps);
    times.push(performance.now() - t0);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}

describe('sim engine', () => {
  it('full-day generation per symbol', () => {
    generationMs('SPY', true); // warm the JIT
    const rows: BenchRow[] = ['SPY', 'QQQ', 'SPX', 'IWM'].map((symbol) => ({
      name: `${symbol} full day (2340 steps), median of ${DATES.length}`,
      value: generationMs(symbol, true),
      unit: 'ms',
      baseline: generationMs(symbol, false),
    }));
    report('sim engine: full-day generation (baseline: price path only)', rows);
  });

  it('query latency, minutes=390 at 30s, on a cached day', () => {
    const sim = createSimulator({ seed: 1, keys: [{ key: 'demo', plan: 'alpha' }] });
    const now = Date.parse('2026-06-05T19:59:59Z');
    const req = (
      url: string,
    ): { method: string; url: string; headers: Record<string, string> } => ({
      method: 'GET',
      url,
      headers: { 'x-api-key': 'demo' },
    });
    const flowReq = req('/v1/flow/zero-dte/hedge-flow/SPY?bar=30s&minutes=390');
    const seriesReq = req('/v1/flow/zero-dte/series/SPY?bar=30s&minutes=390');
    const prebuilt = JSON.parse(sim.handle(flowReq, now).body) as unknown;
    const prebuiltSeries = JSON.parse(sim.handle(seriesReq, now).body) as unknown;
    const time = (run: () => unknown, n = 400): number[] => {
      for (let i = 0; i < 50; i++) run();
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        const t0 = performance.now();
        run();
        out.push(performance.now() - t0);
      }
      return out.sort((a, b) => a - b);
    };
    const flow = time(() => sim.handle(flowReq, now));
    const floor = time(() => JSON.stringify(prebuilt));
    const series = time(() => sim.handle(seriesReq, now));
    const seriesFloor = time(() => JSON.stringify(prebuiltSeries));
    report('sim engine: poll latency, 780 bars (baseline: JSON.stringify of the same body)', [
      {
        name: 'hedge-flow p50',
        value: percentile(flow, 50),
        unit: 'ms',
        baseline: percentile(floor, 50),
      },
      {
        name: 'hedge-flow p99',
        value: percentile(flow, 99),
        unit: 'ms',
        baseline: percentile(floor, 99),
      },
      {
        name: 'series p50',
        value: percentile(series, 50),
        unit: 'ms',
        baseline: percentile(seriesFloor, 50),
      },
      {
        name: 'series p99',
        value: percentile(series, 99),
        unit: 'ms',
        baseline: percentile(seriesFloor, 99),
      },
    ]);
  });
});

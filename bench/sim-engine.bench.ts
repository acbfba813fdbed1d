// The engine, in-process: full-day generation per symbol (baseline: the same day's price path
// without the option chain, tape or dealer book), and the latency of a poll for the whole
// session at 30 s bars (baseline: JSON.stringify of the same bars, the serialization floor).
import { describe, it } from 'vitest';
import { createSimulator } from '../sim/engine/simulator.js';
import { sessionOn } from '../calendar/index.js';
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
    /** Alternates the two, call by call, so a busy machine slows both alike. */
    const pair = (ours: () => unknown, floor: () => unknown, n = 600) => {
      for (let i = 0; i < 50; i++) {
        ours();
        floor();
      }
      const a: number[] = [];
      const b: number[] = [];
      for (let i = 0; i < n; i++) {
        let t0 = performance.now();
        ours();
        a.push(performance.now() - t0);
        t0 = performance.now();
        floor();
        b.push(performance.now() - t0);
      }
      return { ours: a.sort((x, y) => x - y), floor: b.sort((x, y) => x - y) };
    };
    // Both end with the body as one contiguous string, as a socket write or JSON.parse needs
    // it: reading a character flattens a string built of pieces (JSON.stringify's already is).
    const ready = (body: string): number => body.charCodeAt(body.length >> 1);
    const flow = pair(
      () => ready(sim.handle(flowReq, now).body),
      () => ready(JSON.stringify(prebuilt)),
    );
    const series = pair(
      () => ready(sim.handle(seriesReq, now).body),
      () => ready(JSON.stringify(prebuiltSeries)),
    );
    const row = (name: string, m: { ours: number[]; floor: number[] }, p: number): BenchRow => ({
      name: `${name} p${p}`,
      value: percentile(m.ours, p),
      unit: 'ms',
      baseline: percentile(m.floor, p),
      times: 'serializing the body',
      target: 2,
    });
    report('sim engine: poll latency, 780 bars (baseline: JSON.stringify of the same body)', [
      row('hedge-flow', flow, 50),
      row('hedge-flow', flow, 99),
      row('series', series, 50),
      row('series', series, 99),
    ]);
  });
});

// Properties of the flow endpoints over random symbols, days, times and parameters: bars
// telescope into the cumulative, all = calls + puts, 30 s and 5 m downsampling agree, closed
// bars never change as time passes (nothing from after `now` leaks in), and the same seed,
// symbol, date and clock give byte-identical bodies however the day was generated.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulator, type Simulator } from '../../../sim/engine/simulator.js';
import { sessionOn } from '../../../calendar/index.js';

// A summer Friday, the Monday after the spring DST change, and an early-close day.
const DATES = ['2026-06-05', '2026-03-09', '2026-11-27'] as const;
const SYMBOLS = ['SPY', 'QQQ', 'SPX', 'IWM'] as const;
const BARS = ['30s', '1m', '5m', '15m'] as const;

interface Bar {
  t: string;
  bar: number;
  cumulative: number;
}
interface Body {
  as_of: string;
  bars: Bar[];
}

const sim = createSimulator({ seed: 2 });

function flow(s: Simulator, nowMs: number, path: string): Body {
  const res = s.handle({ method: 'GET', url: path, headers: { 'x-api-key': 'alpha-key' } }, nowMs);
  expect(res.status).toBe(200);
  // The body is written as text: it must be exactly what JSON.stringify would write.
  expect(JSON.stringify(JSON.parse(res.body))).toBe(res.body);
  return JSON.parse(res.body) as Body;
}

/** A time from 5 minutes before the open to 30 minutes after the close. */
const instant = fc
  .record({
    date: fc.constantFrom(...DATES),
    fraction: fc.double({ min: -0.02, max: 1.1, noNaN: true }),
  })
  .map(({ date, fraction }) => {
    const s = sessionOn(date)!;
    return { date, nowMs: Math.round(s.open + fraction * (s.close - s.open)) };
  });

const query = fc.record({
  at: instant,
  symbol: fc.constantFrom(...SYMBOLS),
  bar: fc.constantFrom(...BARS),
  minutes: fc.integer({ min: 1, max: 390 }),
});

describe('flow properties', () => {
  it('telescopes: bar[i] = cumulative[i] - cumulative[i-1], and from the open sum(bar) = cumulative', () => {
    fc.assert(
      fc.property(query, fc.constantFrom('all', 'calls', 'puts'), (q, side) => {
        const { bars } = flow(
          sim,
          q.at.nowMs,
          `/v1/flow/zero-dte/hedge-flow/${q.symbol}?side=${side}&bar=${q.bar}&minutes=${q.minutes}`,
        );
        for (let i = 1; i < bars.length; i++) {
          expect(bars[i]!.bar).toBe(bars[i]!.cumulative - bars[i - 1]!.cumulative);
        }
        const session = sessionOn(q.at.date)!;
        if (q.at.nowMs >= session.open && q.at.nowMs < session.close) {
          // The in-progress bucket is the last bar.
          const size = { '30s': 30_000, '1m': 60_000, '5m': 300_000, '15m': 900_000 }[q.bar];
          expect(Date.parse(bars.at(-1)!.t)).toBe(Math.floor(q.at.nowMs / size) * size);
        }
        const open = new Date(session.open).toISOString().replace('.000Z', 'Z');
        if (bars[0]?.t === open) {
          const sum = bars.reduce((a, b) => a + b.bar, 0);
          expect(sum).toBe(bars.at(-1)!.cumulative);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('projects all = calls + puts, and series carries the same cumulatives', () => {
    fc.assert(
      fc.property(query, (q) => {
        const path = (side: string): string =>
          `/v1/flow/zero-dte/hedge-flow/${q.symbol}?side=${side}&bar=${q.bar}&minutes=${q.minutes}`;
        const [all, calls, puts] = ['all', 'calls', 'puts'].map((s) =>
          flow(sim, q.at.nowMs, path(s)),
        );
        const series = flow(
          sim,
          q.at.nowMs,
          `/v1/flow/zero-dte/series/${q.symbol}?bar=${q.bar}&minutes=${q.minutes}`,
        ) as unknown as { bars: Record<string, number | string>[] };
        all!.bars.forEach((b, i) => {
          expect(b.bar).toBe(calls!.bars[i]!.bar + puts!.bars[i]!.bar);
          expect(b.cumulative).toBe(calls!.bars[i]!.cumulative + puts!.bars[i]!.cumulative);
          expect(series.bars[i]!.hedge_flow_cumulative_all).toBe(b.cumulative);
          expect(series.bars[i]!.hedge_flow_call_cumulative).toBe(calls!.bars[i]!.cumulative);
        });
      }),
      { numRuns: 40 },
    );
  });

  it('agrees between 30 s and 5 m bars: last-in-bucket cumulatives and summed bars', () => {
    fc.assert(
      fc.property(query, (q) => {
        const at = (bar: string): Body =>
          flow(
            sim,
            q.at.nowMs,
            `/v1/flow/zero-dte/hedge-flow/${q.symbol}?bar=${bar}&minutes=${q.minutes}`,
          );
        const fine = at('30s').bars;
        const coarse = at('5m').bars;
        for (const b of coarse) {
          const start = Date.parse(b.t);
          const inside = fine.filter((f) => {
            const t = Date.parse(f.t);
            return t >= start && t < start + 300_000;
          });
          expect(inside.at(-1)?.cumulative).toBe(b.cumulative);
          if (inside[0]?.t === b.t) expect(inside.reduce((a, f) => a + f.bar, 0)).toBe(b.bar);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('never changes a closed bar later: nothing after `now` leaks into a response', () => {
    fc.assert(
      fc.property(query, fc.integer({ min: 1, max: 7200 }), (q, laterSeconds) => {
        const path = `/v1/flow/zero-dte/series/${q.symbol}?bar=${q.bar}&minutes=390`;
        const early = flow(sim, q.at.nowMs, path);
        const late = flow(sim, q.at.nowMs + laterSeconds * 1000, path);
        const asOf = Date.parse(early.as_of);
        const size = { '30s': 30_000, '1m': 60_000, '5m': 300_000, '15m': 900_000 }[q.bar];
        for (const b of early.bars) {
          if (Date.parse(b.t) + size > asOf) continue;
          const same = late.bars.find((l) => l.t === b.t);
          if (same) expect(same).toEqual(b);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('gives byte-identical bodies for the same seed, symbol, date and clock', () => {
    fc.assert(
      fc.property(query, fc.array(instant, { maxLength: 3 }), (q, detours) => {
        const url = `/v1/flow/zero-dte/series/${q.symbol}?bar=${q.bar}&minutes=${q.minutes}`;
        const fresh = createSimulator({ seed: 2 });
        const wandering = createSimulator({ seed: 2 });
        // Generate other days and other times first: lazily generated state must not depend
        // on the order in which it was asked for.
        for (const d of detours) flow(wandering, d.nowMs, url);
        const req = { method: 'GET', url, headers: { 'x-api-key': 'alpha-key' } };
        expect(wandering.handle(req, q.at.nowMs).body).toBe(fresh.handle(req, q.at.nowMs).body);
        expect(sim.handle(req, q.at.nowMs).body).toBe(fresh.handle(req, q.at.nowMs).body);
      }),
      { numRuns: 6 },
    );
  });

  it('writes a complete bucket once per day: a cached bar is the bar a fresh server writes', () => {
    fc.assert(
      fc.property(
        query,
        fc.constantFrom('hedge-flow?side=all&', 'hedge-flow?side=calls&', 'series?'),
        fc.array(fc.double({ min: -0.02, max: 1.1, noNaN: true }), { maxLength: 4 }),
        (q, endpoint, others) => {
          const [path, params] = endpoint.split('?');
          const base = `/v1/flow/zero-dte/${path}/${q.symbol}?${params}bar=${q.bar}`;
          const url = `${base}&minutes=${q.minutes}`;
          const warm = createSimulator({ seed: 2 });
          // The whole day asked earlier and later first (a later query caches buckets that are
          // still filling at q's time; they must not leak in).
          const session = sessionOn(q.at.date)!;
          for (const f of [...others, 1]) {
            const at = Math.round(session.open + f * (session.close - session.open));
            flow(warm, at, `${base}&minutes=390`);
          }
          const req = { method: 'GET', url, headers: { 'x-api-key': 'alpha-key' } };
          const cold = createSimulator({ seed: 2 }).handle(req, q.at.nowMs).body;
          expect(warm.handle(req, q.at.nowMs).body).toBe(cold);
          // ...and asked twice, from the cache.
          expect(warm.handle(req, q.at.nowMs).body).toBe(cold);
        },
      ),
      { numRuns: 12 },
    );
  });
});

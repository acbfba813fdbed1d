// Properties over random sessions: symmetry, causality, closed bars only, no re-fired episode.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTION_REQUIREMENTS,
  DEFAULT_ALERT_SETTINGS,
  type DetectorSettings,
} from '../../../../core/contract/detector.js';
import { AlertEngine } from '../../../../core/alerts/engine.js';
import { closedOnly } from '../../../../core/detect/bars.js';
import { evaluate, scan } from '../../../../core/detect/detector.js';
import { sessionOn } from '../../../../calendar/index.js';
import { articleRule, barsFrom, mirrored, MINUTE, settings } from './fixtures.js';

// Small integers make zeros, ties and sign flips common: the edge cases of the rule.
const flow = fc.array(fc.integer({ min: -6, max: 6 }), { maxLength: 80 });
const session = fc
  .array(
    fc.record({
      bar: fc.integer({ min: -6, max: 6 }),
      calls: fc.integer({ min: -6, max: 6 }),
      spot: fc.integer({ min: -3, max: 3 }),
      flip: fc.integer({ min: -2, max: 2 }),
    }),
    { maxLength: 60 },
  )
  .map((rows) => {
    let spot = 500;
    const spots = rows.map((r) => (spot += r.spot));
    return barsFrom(
      rows.map((r) => r.bar),
      {
        calls: rows.map((r) => r.calls),
        puts: rows.map((r) => r.bar - r.calls),
        spot: spots,
        gammaFlip: rows.map((r) => 500 + r.flip),
      },
    );
  });
const anySettings: fc.Arbitrary<DetectorSettings> = fc
  .record({
    runLength: fc.integer({ min: 2, max: 6 }),
    minAbsBar: fc.constantFrom(0, 2),
    minPercentile: fc.constantFrom(0, 30, 80),
    accelerating: fc.boolean(),
    flipAfter: fc.constantFrom(null, 2, 4),
    requireAttribution: fc.constantFrom(...ATTRIBUTION_REQUIREMENTS),
    oneSidedShare: fc.constantFrom(0.5, 0.7, 1),
    requireChasing: fc.boolean(),
    gammaFlipCross: fc.boolean(),
    gammaFlipBand: fc.constantFrom(0, 0.001, 0.004),
  })
  .map((s) => settings(s));

describe('detector properties', () => {
  it("the default settings are the article's rule on every prefix", () => {
    fc.assert(
      fc.property(flow, (values) => {
        const bars = barsFrom(values);
        scan(bars, settings()).forEach((step, i) => {
          expect(step.verdicts[0]?.direction ?? null).toBe(articleRule(bars.slice(0, i + 1)));
        });
      }),
    );
  });

  it('negating every bar (and mirroring price) mirrors every verdict, with any options', () => {
    fc.assert(
      fc.property(session, anySettings, (bars, options) => {
        // The band is a fraction of the flip level, which mirroring prices does not preserve.
        const s = { ...options, gammaFlipBand: 0 };
        const a = scan(bars, s);
        const b = scan(mirrored(bars), s);
        a.forEach((step, i) => {
          const mirror = b[i]!.verdicts;
          expect(mirror.map((v) => v.kind)).toEqual(step.verdicts.map((v) => v.kind));
          step.verdicts.forEach((v, k) => {
            expect(mirror[k]!.direction).toBe(v.direction === 'up' ? 'down' : 'up');
            expect(mirror[k]!.since).toBe(v.since);
            expect(mirror[k]!.barCount).toBe(v.barCount);
            expect(mirror[k]!.move).toBe(-v.move);
          });
        });
      }),
    );
  });

  it('is causal: the verdict for a bar never depends on later bars', () => {
    fc.assert(
      fc.property(session, anySettings, (bars, s) => {
        const steps = scan(bars, s);
        for (let i = 0; i < bars.length; i += 7) {
          expect(evaluate(bars.slice(0, i + 1), s)).toEqual(steps[i]!.verdicts);
        }
      }),
    );
  });

  it('an in-progress bar never triggers, whatever its value', () => {
    fc.assert(
      fc.property(
        flow,
        fc.integer({ min: -1e9, max: 1e9 }),
        fc.integer({ min: 0, max: 59_999 }),
        (values, live, into) => {
          const bars = barsFrom([...values, live]);
          const last = bars[bars.length - 1]!;
          const asOf = last.t + into; // the newest bucket is still filling
          const closed = closedOnly(bars, '1m', asOf);
          expect(closed).toHaveLength(values.length);
          const steps = scan(closed, settings({ flipAfter: 2 }));
          expect(steps.some((s) => s.t === last.t)).toBe(false);
          expect(steps).toEqual(scan(barsFrom(values), settings({ flipAfter: 2 })));
        },
      ),
    );
  });

  it('after a run breaks, no later verdict belongs to the old episode', () => {
    fc.assert(
      fc.property(flow, flow, (head, tail) => {
        const steps = scan(barsFrom([...head, ...tail]), settings());
        // t of the last bar the old episode held on; a later run starts after it (at the
        // breaking bar itself when that bar flips the sign or shrinks)
        let lastHeld: number | null = null;
        steps.forEach((step, i) => {
          const v = step.verdicts[0];
          if (!v && steps[i - 1]?.verdicts[0]) lastHeld = steps[i - 1]!.t;
          if (v && lastHeld !== null) expect(v.since).toBeGreaterThan(lastHeld);
        });
      }),
      {
        examples: [
          [
            [1, 2, 3, 4, 5],
            [-1, -2, -3, -4, -5],
          ],
        ],
      },
    );
  });

  it('adding bars after a broken run never re-fires the old episode (through the alert engine)', () => {
    const day = sessionOn('2026-06-05')!;
    fc.assert(
      fc.property(
        session,
        anySettings,
        fc.array(fc.integer({ min: -6, max: 6 })),
        (bars, s, more) => {
          const all = [...bars, ...barsFrom(more, {}, (bars.at(-1)?.t ?? day.open) + MINUTE)];
          const engine = new AlertEngine({
            ...DEFAULT_ALERT_SETTINGS,
            cooldownMinutes: 0,
            quietOpenMinutes: 0,
          });
          const endedRuns = new Set<string>();
          for (const step of scan(all, s)) {
            const r = engine.poll({
              symbol: 'SPY',
              t: step.t,
              verdicts: step.verdicts,
              now: step.t + MINUTE,
              session: day,
              barMs: MINUTE,
            });
            for (const a of r.alerts) {
              // an escalation belongs to the episode under way; a first alert never to one that ended
              if (a.severity === 'building') {
                expect(endedRuns.has(`${a.kind}:${a.direction}:${a.evidence.since}`)).toBe(false);
              }
            }
            for (const e of r.ended) endedRuns.add(`${e.kind}:${e.direction}:${e.since}`);
          }
        },
      ),
    );
  });

  it('bar by bar through the alert engine, an episode alerts at most once (plus one escalation)', () => {
    const day = sessionOn('2026-06-05')!;
    fc.assert(
      fc.property(session, anySettings, (bars, s) => {
        const engine = new AlertEngine({
          ...DEFAULT_ALERT_SETTINGS,
          cooldownMinutes: 0,
          quietOpenMinutes: 0,
        });
        const ids: string[] = [];
        scan(bars, s).forEach((step) => {
          const r = engine.poll({
            symbol: 'SPY',
            t: step.t,
            verdicts: step.verdicts,
            now: step.t + MINUTE,
            session: day,
            barMs: MINUTE,
          });
          ids.push(...r.alerts.map((a) => a.id));
        });
        expect(new Set(ids).size).toBe(ids.length);
      }),
    );
  });
});

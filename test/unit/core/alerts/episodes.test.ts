// One alert per episode, not per bar; one escalation; an episode ends when its run breaks.
import { describe, expect, it } from 'vitest';
import { AlertEngine } from '../../../../core/alerts/engine.js';
import { AlertRecordSchema } from '../../../../core/contract/detector.js';
import { evaluate } from '../../../../core/detect/detector.js';
import { type DetectorBar } from '../../../../core/detect/types.js';
import { barsFrom, settings } from '../detect/fixtures.js';
import { alertSettings, at, drive, fired, firedAt, M, MINUTE, SESSION } from './helpers.js';

const RISING = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * M);

describe('episodes', () => {
  it('alerts once when the pattern first holds, not on every bar it keeps holding', () => {
    const engine = new AlertEngine(alertSettings({ escalateAtRunLength: null }));
    const results = drive(engine, barsFrom(RISING(9), {}, at('10:00')));
    expect(firedAt(results)).toEqual([[4, 'building']]);
    const [alert] = fired(results);
    expect(alert).toMatchObject({
      id: `SPY:squeeze:up:${at('10:00')}:building`,
      symbol: 'SPY',
      kind: 'squeeze',
      direction: 'up',
      t: at('10:04'),
      firedAt: at('10:05') + 1_000,
      title: 'SPY: dealers buying into strength — upside squeeze building',
      catchUp: false,
    });
    expect(alert!.body).toBe(
      '5 bars of growing dealer buying since 10:00 ET: +$15M; session cumulative +$15M.',
    );
    expect(alert!.evidence.bars).toHaveLength(5);
    expect(AlertRecordSchema.parse(alert)).toEqual(alert); // what history validates on load
    expect(results[8]!.active).toMatchObject([
      { kind: 'squeeze', barCount: 9, alerted: true, since: at('10:00') },
    ]);
  });

  it('escalates once when the run grows past the threshold', () => {
    const engine = new AlertEngine(alertSettings({ escalateAtRunLength: 7 }));
    const results = drive(engine, barsFrom(RISING(12), {}, at('10:00')));
    expect(firedAt(results)).toEqual([
      [4, 'building'],
      [6, 'escalated'],
    ]);
    expect(fired(results)[1]!.title).toBe(
      'SPY: upside squeeze escalating — 7 bars of dealer buying',
    );
    expect(results[11]!.active[0]!.severity).toBe('escalated');
  });

  it('escalates on the flow over the run too', () => {
    const engine = new AlertEngine(
      alertSettings({ escalateAtRunLength: null, escalateAtMove: 20 * M }),
    );
    const results = drive(engine, barsFrom(RISING(8), {}, at('10:00')));
    expect(firedAt(results)).toEqual([
      [4, 'building'],
      [5, 'escalated'], // 1+2+...+6 = 21M
    ]);
  });

  it('ends the episode when the run breaks, and a new run is a new episode', () => {
    const engine = new AlertEngine(alertSettings({ cooldownMinutes: 0 }));
    const values = [...RISING(6), 1 * M, ...RISING(5)];
    const results = drive(engine, barsFrom(values, {}, at('10:00')));
    expect(results[6]!.ended).toMatchObject([{ kind: 'squeeze', since: at('10:00'), barCount: 6 }]);
    expect(results[6]!.active).toEqual([]);
    expect(fired(results).map((a) => a.evidence.since)).toEqual([at('10:00'), at('10:06')]);
  });

  it('does not re-fire an episode that stops holding and holds again on the same run', () => {
    // Price stops confirming for one bar: the verdict drops, the run (since) does not change.
    const spot = [590, 590.1, 590.2, 590.3, 590.4, 589.9, 590.6, 590.7];
    const bars = barsFrom(RISING(8), { spot }, at('10:00'));
    const engine = new AlertEngine(
      alertSettings({ cooldownMinutes: 0, escalateAtRunLength: null }),
    );
    const results = drive(engine, bars, { detector: settings({ requireChasing: true }) });
    expect(results[5]!.ended).toHaveLength(1);
    expect(results[6]!.active[0]).toMatchObject({ since: at('10:00'), alerted: true });
    expect(firedAt(results)).toEqual([[4, 'building']]);
  });

  it('keeps one episode when the same run is seen with another start: a filled hole, a settings change', () => {
    const engine = new AlertEngine(
      alertSettings({ cooldownMinutes: 0, escalateAtRunLength: null }),
    );
    const bars = barsFrom(RISING(12), {}, at('10:00'));
    const holed = bars.filter((b) => b.t !== at('10:03'));
    const pollAt = (upto: readonly DetectorBar[], detector = settings()) => {
      const t = upto.at(-1)!.t;
      return engine.poll({
        symbol: 'SPY',
        t,
        verdicts: evaluate(upto, detector, { barMs: MINUTE }),
        now: t + MINUTE + 1_000,
        session: SESSION,
        barMs: MINUTE,
      });
    };
    // Live, with 10:03 missing: the run counts from 10:04 and alerts at 10:08.
    const live = holed.slice(3, 8).map((_, k) => pollAt(holed.slice(0, 4 + k)));
    expect(fired(live).map((a) => a.evidence.since)).toEqual([at('10:04')]);
    // The backfill fills 10:03: the run now starts at 10:00. Same squeeze, no second alert.
    const filled = pollAt(bars.slice(0, 10));
    expect(filled.alerts).toEqual([]);
    expect(filled.ended).toEqual([]);
    expect(filled.active[0]).toMatchObject({ since: at('10:00'), barCount: 10, alerted: true });
    // A stricter minimum moves the first bar of the run later: still the same squeeze.
    const stricter = pollAt(bars.slice(0, 11), settings({ minAbsBar: 3 * M }));
    expect(stricter.alerts).toEqual([]);
    expect(stricter.active[0]).toMatchObject({ since: at('10:02'), alerted: true });
  });

  it('ignores a bar older than one already evaluated', () => {
    const engine = new AlertEngine(alertSettings());
    const bars = barsFrom(RISING(5), {}, at('10:00'));
    drive(engine, bars);
    const late = engine.poll({
      symbol: 'SPY',
      t: at('10:01'),
      verdicts: [],
      now: at('10:06'),
      session: SESSION,
      barMs: MINUTE,
    });
    expect(late).toMatchObject({ alerts: [], ended: [], changed: false });
    expect(engine.active('SPY')).toHaveLength(1);
  });
});

// After a backfill or a resume from sleep only the newest state may alert, never a burst; and a
// restart that restores the persisted state does not re-fire the current episode.
import { describe, expect, it } from 'vitest';
import { AlertEngine } from '../../../../core/alerts/engine.js';
import { evaluate, scan } from '../../../../core/detect/detector.js';
import { sessionOn } from '../../../../calendar/index.js';
import { barsFrom, settings } from '../detect/fixtures.js';
import { alertSettings, at, drive, fired, M, MINUTE, SESSION } from './helpers.js';

const RISING = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * M);

/** 10:00-10:05 an alerted episode; then the laptop sleeps until 11:30. */
function beforeSleep() {
  const engine = new AlertEngine(alertSettings({ cooldownMinutes: 0 }));
  const values = [
    ...RISING(6),
    ...Array.from({ length: 78 }, (_, i) => (i % 2 ? 1 : -1) * M),
    ...RISING(6),
  ];
  const spot = values.map((_, i) => (i < 89 ? 588 : 589)); // crosses the flip on the last bar
  const bars = barsFrom(values, { spot, gammaFlip: values.map(() => 588.5) }, at('10:00'));
  drive(engine, bars.slice(0, 6), { detector: settings({ gammaFlipCross: true }) });
  return { engine, bars };
}

describe('catch-up after a backfill or resume', () => {
  it('alerts only the newest state, once per symbol, marked as catch-up', () => {
    const { engine, bars } = beforeSleep();
    const detector = settings({ gammaFlipCross: true });
    const newest = bars[bars.length - 1]!;
    expect(newest.t).toBe(at('11:29'));
    const verdicts = evaluate(bars, detector);
    expect(verdicts.map((v) => v.kind)).toEqual(['squeeze', 'gamma-flip']);
    const result = engine.poll({
      symbol: 'SPY',
      t: newest.t,
      verdicts,
      now: at('11:30') + 2_000,
      session: SESSION,
      barMs: MINUTE,
      catchUp: true,
    });
    expect(result.alerts.map((a) => [a.kind, a.catchUp])).toEqual([['squeeze', true]]);
    expect(result.ended.map((e) => e.since)).toEqual([at('10:00')]);
    expect(result.active.find((s) => s.kind === 'gamma-flip')?.pending).toBe('catch-up-limit');
  });

  it('a replay of the backfilled bars at wake-up time fires nothing but the newest state', () => {
    const { engine, bars } = beforeSleep();
    const steps = scan(bars, settings());
    const alerts = steps.slice(6).flatMap(
      (step) =>
        engine.poll({
          symbol: 'SPY',
          t: step.t,
          verdicts: step.verdicts,
          now: at('11:30') + 2_000,
          session: SESSION,
          barMs: MINUTE,
          catchUp: true,
        }).alerts,
    );
    expect(alerts.map((a) => a.t)).toEqual([at('11:29')]);
  });

  it('the episode under way before the sleep does not alert again when it is still running', () => {
    const engine = new AlertEngine(alertSettings({ escalateAtRunLength: null }));
    const bars = barsFrom(RISING(40), {}, at('10:00'));
    expect(fired(drive(engine, bars.slice(0, 6)))).toHaveLength(1);
    const r = engine.poll({
      symbol: 'SPY',
      t: bars[39]!.t,
      verdicts: evaluate(bars, settings()),
      now: bars[39]!.t + MINUTE + 500,
      session: SESSION,
      barMs: MINUTE,
      catchUp: true,
    });
    expect(r.alerts).toEqual([]);
    expect(r.active[0]).toMatchObject({ since: at('10:00'), barCount: 40, alerted: true });
  });
});

describe('persisted state', () => {
  it('a restart restored from JSON does not re-fire the current episode, but may still escalate once', () => {
    const bars = barsFrom(RISING(12), {}, at('10:00'));
    const first = new AlertEngine(alertSettings({ escalateAtRunLength: 8 }));
    expect(fired(drive(first, bars.slice(0, 6)))).toHaveLength(1);
    const saved: unknown = JSON.parse(JSON.stringify(first));

    const { engine, error } = AlertEngine.restore(saved, alertSettings({ escalateAtRunLength: 8 }));
    expect(error).toBeNull();
    const results = drive(engine, bars, { from: 5 });
    expect(fired(results).map((a) => [a.t, a.severity])).toEqual([[at('10:07'), 'escalated']]);
    expect(engine.toJSON()).toEqual(JSON.parse(JSON.stringify(engine)));
  });

  it('keeps snoozes and cooldowns across a restart', () => {
    const first = new AlertEngine(alertSettings({ cooldownMinutes: 30 }));
    fired(drive(first, barsFrom([...RISING(5), 0], {}, at('10:00'))));
    first.snooze('QQQ', '1h', at('10:00'), SESSION);
    const { engine } = AlertEngine.restore(
      JSON.parse(JSON.stringify(first)),
      alertSettings({ cooldownMinutes: 30 }),
    );
    expect(engine.snoozedUntil('QQQ', at('10:30'))).toBe(at('11:00'));
    expect(fired(drive(engine, barsFrom([...RISING(5), 0], {}, at('10:06')), { from: 0 }))).toEqual(
      [],
    );
  });

  it('starts afresh, with the reason, from a state it cannot read', () => {
    const { engine, error } = AlertEngine.restore({ version: 2, symbols: [] }, alertSettings());
    expect(error).toMatch(/version/);
    expect(engine.toJSON()).toEqual({ version: 1, symbols: {} });
  });

  it("drops yesterday's episodes on the first bar of a new session", () => {
    const engine = new AlertEngine(alertSettings({ escalateAtRunLength: null }));
    const yesterday = sessionOn('2026-06-04')!;
    const late = barsFrom(RISING(8), {}, yesterday.close - 10 * MINUTE);
    drive(engine, late, { session: yesterday });
    expect(engine.active('SPY')).toHaveLength(1);
    const today = drive(engine, barsFrom([1 * M], {}, at('10:00')));
    expect(today[0]).toMatchObject({ active: [], changed: true });
  });
});

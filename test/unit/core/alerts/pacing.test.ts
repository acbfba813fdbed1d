// Cooldown, snooze, quiet periods and regular hours: when an episode may notify.
import { describe, expect, it } from 'vitest';
import { AlertEngine } from '../../../../core/alerts/engine.js';
import { snoozeEnd } from '../../../../core/alerts/gates.js';
import { sessionOn } from '../../../../calendar/index.js';
import { barsFrom, settings } from '../detect/fixtures.js';
import { alertSettings, at, drive, fired, firedAt, M, MINUTE, SESSION } from './helpers.js';

const RISING = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * M);
/** An episode of `n` rising bars, then one bar that breaks it. */
const EPISODE = (n: number) => [...RISING(n), 0.5 * M];

describe('cooldown per symbol and kind', () => {
  it('holds back a new episode of the same kind within the cooldown, then lets it through', () => {
    const engine = new AlertEngine(
      alertSettings({ cooldownMinutes: 15, escalateAtRunLength: null }),
    );
    // episode 1 alerts at 10:04 (polled 10:05:01); episode 2 holds from 10:10 and runs on
    const values = [...EPISODE(6), ...RISING(16)];
    const results = drive(engine, barsFrom(values, {}, at('10:00')));
    expect(results[11]!.active[0]).toMatchObject({
      since: at('10:06'),
      alerted: false,
      pending: 'cooldown',
    });
    // 15 min after 10:05:01 is 10:20:01: the poll after the 10:19 bar closes
    expect(fired(results).map((a) => a.t)).toEqual([at('10:04'), at('10:19')]);
  });

  it('drops an episode that ends inside the cooldown', () => {
    const engine = new AlertEngine(alertSettings({ cooldownMinutes: 15 }));
    const results = drive(engine, barsFrom([...EPISODE(5), ...EPISODE(5)], {}, at('10:00')));
    expect(fired(results)).toHaveLength(1);
    expect(results[11]!.ended[0]).toMatchObject({ alerted: false, pending: 'cooldown' });
  });

  it('is per symbol and per kind, with per-symbol overrides', () => {
    const engine = new AlertEngine(
      alertSettings({ cooldownMinutes: 15, cooldownOverrides: { QQQ: { squeeze: 0 } } }),
    );
    const bars = barsFrom([...EPISODE(5), ...EPISODE(5)], {}, at('10:00'));
    expect(fired(drive(engine, bars, { symbol: 'SPY' }))).toHaveLength(1);
    expect(fired(drive(engine, bars, { symbol: 'IWM' }))).toHaveLength(1);
    expect(fired(drive(engine, bars, { symbol: 'QQQ' }))).toHaveLength(2);
    // a reversal right after a squeeze is another kind: not held back by the squeeze's cooldown
    const flip = barsFrom([...RISING(6), -7 * M], {}, at('11:00'));
    const kinds = fired(
      drive(engine, flip, { symbol: 'DIA', detector: settings({ flipAfter: 6 }) }),
    );
    expect(kinds.map((a) => a.kind)).toEqual(['squeeze', 'reversal']);
    expect(kinds[1]!.title).toBe(
      'DIA: dealer hedging reversed — now selling after 6 bars of buying',
    );
  });
});

describe('snooze per symbol', () => {
  it('ends after 15 min, 1 h, or at the close for the rest of the day', () => {
    const now = at('10:00');
    expect(snoozeEnd('15m', now, SESSION)).toBe(at('10:15'));
    expect(snoozeEnd('1h', now, SESSION)).toBe(at('11:00'));
    expect(snoozeEnd('rest-of-day', now, SESSION)).toBe(SESSION.close);
    // after the close, or on a holiday, the rest of the day ends at New York midnight
    expect(snoozeEnd('rest-of-day', at('16:30'), SESSION)).toBe(Date.parse('2026-06-06T04:00:00Z'));
    const holiday = Date.parse('2026-06-19T15:00:00Z');
    expect(snoozeEnd('rest-of-day', holiday, sessionOn('2026-06-19'))).toBe(
      Date.parse('2026-06-20T04:00:00Z'),
    );
    // on an early-close day the session closes at 13:00
    const blackFriday = sessionOn('2026-11-27')!;
    expect(snoozeEnd('rest-of-day', blackFriday.open, blackFriday)).toBe(
      Date.parse('2026-11-27T18:00:00Z'),
    );
  });

  it('silences only that symbol, and a running episode alerts once the snooze ends', () => {
    const engine = new AlertEngine(alertSettings({ escalateAtRunLength: null }));
    expect(engine.snooze('SPY', '15m', at('09:55'), SESSION)).toBe(at('10:10'));
    expect(engine.snoozedUntil('SPY', at('10:00'))).toBe(at('10:10'));
    const bars = barsFrom(RISING(14), {}, at('10:00'));
    const spy = drive(engine, bars, { symbol: 'SPY' });
    expect(spy[4]!.active[0]!.pending).toBe('snoozed');
    expect(fired(spy).map((a) => a.t)).toEqual([at('10:09')]); // polled at 10:10:01
    expect(fired(drive(engine, bars, { symbol: 'QQQ' })).map((a) => a.t)).toEqual([at('10:04')]);
    expect(engine.snoozedUntil('SPY', at('10:10'))).toBeNull();
  });

  it('rest of day silences everything until the close; unsnooze lifts it', () => {
    const engine = new AlertEngine(alertSettings());
    engine.snooze('SPY', 'rest-of-day', at('10:00'), SESSION);
    expect(fired(drive(engine, barsFrom(EPISODE(8), {}, at('14:00'))))).toEqual([]);
    engine.unsnooze('SPY');
    expect(fired(drive(engine, barsFrom(EPISODE(8), {}, at('15:00'))))).toHaveLength(1);
  });
});

describe('quiet periods and regular hours', () => {
  it('stays quiet in the first N minutes, then alerts an episode still running', () => {
    const engine = new AlertEngine(
      alertSettings({ quietOpenMinutes: 10, escalateAtRunLength: null }),
    );
    const results = drive(engine, barsFrom(RISING(12), {}, at('09:30')));
    expect(results[4]!.active[0]!.pending).toBe('quiet-open');
    expect(fired(results).map((a) => a.t)).toEqual([at('09:39')]); // closes 09:40
  });

  it('stays quiet in the last N minutes', () => {
    const engine = new AlertEngine(alertSettings({ quietCloseMinutes: 10 }));
    const results = drive(engine, barsFrom(RISING(8), {}, at('15:44')));
    expect(fired(results).map((a) => a.t)).toEqual([at('15:48')]); // polled 15:49:01
    const late = new AlertEngine(alertSettings({ quietCloseMinutes: 10 }));
    const lateResults = drive(late, barsFrom(RISING(8), {}, at('15:47')));
    expect(fired(lateResults)).toEqual([]);
    expect(lateResults[7]!.active[0]!.pending).toBe('quiet-close');
  });

  it('never alerts outside regular hours or on a day without a session', () => {
    const engine = new AlertEngine(alertSettings());
    expect(fired(drive(engine, barsFrom(RISING(8), {}, at('15:55'))))).toEqual([]);
    expect(fired(drive(engine, barsFrom(RISING(8), {}, at('08:00')), { symbol: 'QQQ' }))).toEqual(
      [],
    );
    expect(
      fired(drive(engine, barsFrom(RISING(8), {}, at('11:00')), { symbol: 'IWM', session: null })),
    ).toEqual([]);
    expect(engine.active('IWM')[0]!.pending).toBe('outside-hours');
  });

  it('never alerts about a bar that closed long ago', () => {
    const engine = new AlertEngine(alertSettings({ staleAfterMinutes: 3 }));
    const results = drive(engine, barsFrom(RISING(6), {}, at('10:00')), { lag: 4 * MINUTE });
    expect(fired(results)).toEqual([]);
    expect(results[5]!.active[0]!.pending).toBe('stale');
    expect(
      firedAt(
        drive(new AlertEngine(alertSettings()), barsFrom(RISING(6), {}, at('10:00')), {
          lag: 2 * MINUTE,
        }),
      ),
    ).toEqual([[4, 'building']]);
  });
});

// Each alert's outcome, by the definitions: direction × (spot(t + h) / spot(t) − 1) at the
// bucket starting at t + h at the alert's bar size; "close" at the session's last bucket; a
// bucket not final yet is pending, one past the session's end or missing at the end is unknown,
// never zero; a horizon that is not a whole number of bars is left out.
import { describe, expect, it } from 'vitest';
import { computeOutcomes, spotLookup, signedMove } from '../../../../core/outcomes/outcome.js';
import { horizonBucket, slotOf } from '../../../../core/outcomes/horizons.js';
import { sessionOn } from '../../../../calendar/index.js';

const MIN = 60_000;
const DAY = sessionOn('2026-06-05')!;
/** New York wall time on DAY. */
const at = (hhmm: string): number => Date.parse(`2026-06-05T${hhmm}:00-04:00`);

describe('computeOutcomes', () => {
  const spots = spotLookup([
    { t: at('10:30'), spot: 500 },
    { t: at('10:35'), spot: 501 },
    { t: at('10:45'), spot: 499 },
    // 11:00 is a hole
    { t: at('15:59'), spot: 505 },
  ]);

  it('reads each horizon at the bucket starting t + h, signed by the direction', () => {
    const up = computeOutcomes(
      { t: at('10:30'), direction: 'up', barSize: '1m', session: DAY },
      spots,
      true,
    );
    expect(up.spot).toBe(500);
    expect(up.barSize).toBe('1m');
    const h = up.horizons;
    expect(h['5m']).toMatchObject({ status: 'known', spot: 501, at: at('10:35') });
    expect(h['5m'].status === 'known' && h['5m'].move).toBeCloseTo(0.002, 12); // 501/500 - 1
    expect(h['15m'].status === 'known' && h['15m'].move).toBeCloseTo(-0.002, 12); // 499/500 - 1
    expect(h['30m']).toEqual({ status: 'unknown', reason: 'no-bar' }); // the hole, day over
    expect(h.close).toMatchObject({ status: 'known', spot: 505, at: at('15:59') });
    expect(h.close.status === 'known' && h.close.move).toBeCloseTo(0.01, 12);

    const down = computeOutcomes(
      { t: at('10:30'), direction: 'down', barSize: '1m', session: DAY },
      spots,
      true,
    ).horizons;
    expect(down['5m'].status === 'known' && down['5m'].move).toBeCloseTo(-0.002, 12);
    expect(down['15m'].status === 'known' && down['15m'].move).toBeCloseTo(0.002, 12);
    expect(down.close.status === 'known' && down.close.move).toBeCloseTo(-0.01, 12);
  });

  it('keeps a bucket that has not arrived pending while the session runs', () => {
    const h = computeOutcomes(
      { t: at('10:30'), direction: 'up', barSize: '1m', session: DAY },
      spots,
      false,
    ).horizons;
    expect(h['5m'].status).toBe('known');
    expect(h['30m']).toEqual({ status: 'pending', at: at('11:00') });
  });

  it('is unknown past the session end near the close, and reads "close" at the last bucket', () => {
    const late = spotLookup([
      { t: at('15:50'), spot: 100 },
      { t: at('15:55'), spot: 100.5 },
      { t: at('15:59'), spot: 99 },
    ]);
    const h = computeOutcomes(
      { t: at('15:50'), direction: 'up', barSize: '1m', session: DAY },
      late,
      false,
    ).horizons;
    expect(h['5m'].status === 'known' && h['5m'].move).toBeCloseTo(0.005, 12);
    expect(h['15m']).toEqual({ status: 'unknown', reason: 'after-close' }); // 16:05 > close
    expect(h['30m']).toEqual({ status: 'unknown', reason: 'after-close' });
    expect(h.close.status === 'known' && h.close.move).toBeCloseTo(-0.01, 12);
    // 15:45 + 15 min is the 16:00 bucket: past the end, though 15:44 + 15 min is not.
    expect(horizonBucket(at('15:45'), '15m', '1m', DAY)).toEqual({ kind: 'after-close' });
    expect(horizonBucket(at('15:44'), '15m', '1m', DAY)).toEqual({
      kind: 'bucket',
      at: at('15:59'),
    });
  });

  it('leaves out a horizon that is not a whole number of bars (5m at 15m bars)', () => {
    const quarter = spotLookup([
      { t: at('15:15'), spot: 200 },
      { t: at('15:30'), spot: 202 },
      { t: at('15:45'), spot: 201 },
    ]);
    const h = computeOutcomes(
      { t: at('15:15'), direction: 'up', barSize: '15m', session: DAY },
      quarter,
      true,
    ).horizons;
    expect(h['5m']).toEqual({ status: 'excluded' });
    expect(h['15m'].status === 'known' && h['15m'].move).toBeCloseTo(0.01, 12);
    expect(h['30m'].status === 'known' && h['30m'].move).toBeCloseTo(0.005, 12);
    expect(h.close).toMatchObject({ status: 'known', at: at('15:45') }); // the last 15m bucket
  });

  it('scores an alert on the last bucket as a zero move by the close (not a hit)', () => {
    const h = computeOutcomes(
      { t: at('15:59'), direction: 'down', barSize: '1m', session: DAY },
      spots,
      true,
    ).horizons;
    expect(h.close).toEqual({ status: 'known', move: 0, spot: 505, at: at('15:59') });
    expect(Object.is(signedMove(-1, 505, 505), 0)).toBe(true); // never −0
  });

  it('says spot is unknown, never zero, where a final bar carries no price', () => {
    const noPrice = spotLookup([
      { t: at('10:30'), spot: 500 },
      { t: at('10:35'), spot: null },
    ]);
    const h = computeOutcomes(
      { t: at('10:30'), direction: 'up', barSize: '1m', session: DAY },
      noPrice,
      true,
    ).horizons;
    expect(h['5m']).toEqual({ status: 'unknown', reason: 'spot-unknown' });
    const noRef = computeOutcomes(
      { t: at('10:35'), direction: 'up', barSize: '1m', session: DAY },
      noPrice,
      true,
    );
    expect(noRef.spot).toBeNull();
    expect(noRef.horizons['5m']).toEqual({ status: 'unknown', reason: 'spot-unknown' });
    expect(noRef.horizons['15m']).toEqual({ status: 'unknown', reason: 'spot-unknown' });
  });

  it('ends early-close sessions at 13:00', () => {
    const early = sessionOn('2026-11-27')!;
    expect(early.earlyClose).toBe(true);
    const t = Date.parse('2026-11-27T12:50:00-05:00');
    expect(horizonBucket(t, '5m', '1m', early)).toEqual({ kind: 'bucket', at: t + 5 * MIN });
    expect(horizonBucket(t, '15m', '1m', early)).toEqual({ kind: 'after-close' });
    expect(horizonBucket(t, 'close', '1m', early)).toEqual({ kind: 'bucket', at: t + 9 * MIN });
  });

  it('puts a bar in the 30-minute slot of its time of day', () => {
    expect(slotOf(at('09:30'), DAY)).toBe(0);
    expect(slotOf(at('09:59'), DAY)).toBe(0);
    expect(slotOf(at('10:00'), DAY)).toBe(1);
    expect(slotOf(at('15:59'), DAY)).toBe(12);
  });
});

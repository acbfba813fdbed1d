// The windowing and last-in-bucket downsampling rule on a hand-made day, where the right
// answer can be worked out by hand: state i has call cumulative 10*i and put cumulative -i.
import { describe, expect, it } from 'vitest';
import { windowBuckets } from '../../../sim/engine/api/window.js';
import { DayTrack } from '../../../sim/engine/model/day-track.js';

const OPEN = Date.parse('2026-06-05T13:30:00Z');
const CLOSE = Date.parse('2026-06-05T20:00:00Z');

/** A fully stored day with 10 s steps (three states per raw sample). */
function syntheticDay(): DayTrack {
  const track = new DayTrack('SPY', '2026-06-05', OPEN, CLOSE, 10_000, true);
  for (let i = 0; i < track.stateCount; i++) {
    track.fields.callCum[i] = 10 * i;
    track.fields.putCum[i] = -i;
  }
  track.generated = track.stateCount;
  return track;
}

const at = (hhmmss: string): number => Date.parse(`2026-06-05T${hhmmss}Z`);

describe('windowBuckets', () => {
  const day = syntheticDay();

  it('has nothing before the open', () => {
    expect(windowBuckets(day, OPEN - 1, 60, 60_000)).toEqual([]);
  });

  it('shows the first sample as soon as the session opens, with no flow yet', () => {
    expect(windowBuckets(day, OPEN, 60, 30_000)).toEqual([
      { t: OPEN, state: 0, prevState: 0, complete: false },
    ]);
  });

  it('keeps the last sample of each bucket and reads the partial sample at now', () => {
    // 13:31:45: samples 13:30:00, :30, 13:31:00 complete; 13:31:30 partial (state at 13:31:40).
    const buckets = windowBuckets(day, at('13:31:45'), 60, 60_000);
    expect(buckets).toEqual([
      { t: at('13:30:00'), state: 6, prevState: 0, complete: true },
      { t: at('13:31:00'), state: 10, prevState: 6, complete: false },
    ]);
  });

  it('windows to the last `minutes` before now but measures a cut bucket whole', () => {
    // now 14:00:10, 5 minutes: samples stamped from 13:55:10 on, i.e. 13:55:30 to 14:00:00.
    const buckets = windowBuckets(day, at('14:00:10'), 5, 300_000);
    expect(buckets).toEqual([
      // 13:55 bucket: last sample 13:59:30 ends at 14:00:00 = state 180; previous bucket ended
      // at 13:55:00 = state 150, even though the 13:55:00 sample itself is outside the window.
      { t: at('13:55:00'), state: 180, prevState: 150, complete: true },
      { t: at('14:00:00'), state: 181, prevState: 180, complete: false },
    ]);
  });

  it('serves the whole stored day after the close and nothing past it', () => {
    const buckets = windowBuckets(day, at('20:30:00'), 390, 900_000);
    expect(buckets).toHaveLength(24);
    expect(buckets[23]).toEqual({
      t: at('19:45:00'),
      state: 2340,
      prevState: 2250,
      complete: true,
    });
    expect(windowBuckets(day, at('21:00:01'), 60, 60_000)).toEqual([]);
  });

  it('calls a bucket complete only once its last sample has ended', () => {
    // 13:59:59 and 14:00:00: the 13:59:30 sample ends at 14:00:00.
    expect(windowBuckets(day, at('13:59:59'), 1, 60_000).at(-1)).toMatchObject({
      t: at('13:59:00'),
      complete: false,
    });
    expect(windowBuckets(day, at('14:00:00'), 1, 60_000)).toMatchObject([
      { t: at('13:59:00'), complete: true },
      { t: at('14:00:00'), complete: false },
    ]);
  });

  it('makes 30 s bars of one state step each within a complete sample', () => {
    const buckets = windowBuckets(day, at('15:00:00'), 2, 30_000);
    expect(buckets.map((b) => b.state - b.prevState)).toEqual([3, 3, 3, 3, 0]);
  });
});

describe('a recorded day cut short', () => {
  it('serves only the recorded samples, however late the clock', () => {
    const track = new DayTrack('SPY', '2026-06-05', OPEN, CLOSE, 30_000, true);
    track.generated = 11; // the open and ten samples: 13:30:00 to 13:34:30
    const buckets = windowBuckets(track, at('16:00:00'), 390, 60_000);
    expect(buckets.at(-1)).toEqual({ t: at('13:34:00'), state: 10, prevState: 8, complete: true });
  });
});

// Windowing and downsampling, one rule for both flow endpoints. The raw tier has one sample
// per 30 s, stamped s on :00/:30, holding the cumulative flow at the end of [s, s + 30 s) or,
// for the sample that contains `now`, at `now` (partial). A query keeps the samples stamped
// within the last `minutes` before `now`, groups them into buckets of the bar size aligned to
// the clock, and keeps the last sample of each bucket; `t` is the bucket start. A bucket's
// previous state is the last sample before it, even when that falls outside the window, so
// `bar` is the whole bucket's flow and bar[i] = cumulative[i] - cumulative[i-1] throughout.
import type { DayTrack } from '../model/day-track.js';

export const SAMPLE_MS = 30_000;

export interface Bucket {
  /** Bucket start, epoch ms. */
  readonly t: number;
  /** State index of the bucket's last (visible) sample. */
  readonly state: number;
  /** State index at the end of the previous bucket (0, the open, for the first). */
  readonly prevState: number;
  /**
   * Every sample of the bucket is complete at `now`: its states, so everything a response says
   * about it, are final whatever the window or the time of a later query.
   */
  readonly complete: boolean;
}

/** Visible raw samples at `nowMs`: [first, last] sample indices and the visible state. */
export interface SampleRange {
  readonly first: number;
  readonly last: number;
  readonly visibleState: number;
}

/** The raw samples stamped in [fromMs, nowMs] that exist at `nowMs`, or null if none. */
export function sampleRange(track: DayTrack, fromMs: number, nowMs: number): SampleRange | null {
  if (nowMs < track.open) return null;
  const visibleState = track.stateAt(nowMs);
  const last = Math.min(track.sampleCount - 1, Math.floor((nowMs - track.open) / SAMPLE_MS));
  const first = Math.max(0, Math.ceil((fromMs - track.open) / SAMPLE_MS));
  if (first > last) return null;
  track.ensure(visibleState);
  return { first, last, visibleState };
}

/** The state a sample reads: the end of its window, or `now` while the window is open. */
export function sampleState(track: DayTrack, sample: number, visibleState: number): number {
  return Math.min(((sample + 1) * SAMPLE_MS) / track.stepMs, visibleState);
}

export function windowBuckets(
  track: DayTrack,
  nowMs: number,
  minutes: number,
  barMs: number,
): Bucket[] {
  const range = sampleRange(track, nowMs - minutes * 60_000, nowMs);
  if (!range) return [];
  const { first, last, visibleState } = range;
  const perSample = SAMPLE_MS / track.stepMs;
  const buckets: Bucket[] = [];
  let k = first;
  while (k <= last) {
    const stamp = track.open + k * SAMPLE_MS;
    const t = Math.floor(stamp / barMs) * barMs;
    // The bucket's last sample: the one before the next bucket starts, or the newest.
    const endSample = Math.ceil((t + barMs - track.open) / SAMPLE_MS) - 1;
    const lastInBucket = Math.min(last, endSample);
    const firstInBucket = Math.max(0, Math.ceil((t - track.open) / SAMPLE_MS));
    const state = sampleState(track, lastInBucket, visibleState);
    buckets.push({
      t,
      state,
      prevState: Math.min(firstInBucket * perSample, visibleState),
      complete: lastInBucket === endSample && state === (endSample + 1) * perSample,
    });
    k = lastInBucket + 1;
  }
  return buckets;
}

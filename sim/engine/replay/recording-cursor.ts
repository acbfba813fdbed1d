// Turns a running simulator into recording lines incrementally: each call returns what became
// final since the last one (complete raw samples and the prints of their windows), so a
// recorder can append as time passes and a stopped session leaves a valid, replayable file.
// Days already started are finished even when the clock has moved on to another date between
// two calls (a fast virtual clock), so no session is cut short by the recorder.
import { nyDate } from '../../../calendar/index.js';
import type { DayTrack } from '../model/day-track.js';
import { headerLine, sampleLine, sessionLine, tradeLine } from './recording.js';

export interface RecordingSource {
  readonly seed: number;
  zeroDteDay(symbol: string, date: string): DayTrack | null;
  halfSpread(symbol: string): number;
}

interface Progress {
  readonly track: DayTrack;
  samples: number;
  trades: number;
}

export class RecordingCursor {
  private readonly days = new Map<string, Progress>();
  private headerDone = false;

  constructor(
    private readonly source: RecordingSource,
    private readonly symbols: readonly string[],
  ) {}

  /** New lines up to `nowMs`: unfinished days first, then sessions opened today (New York). */
  linesUpTo(nowMs: number, createdMs = nowMs): string[] {
    const out: string[] = [];
    if (!this.headerDone) {
      out.push(headerLine(this.source.seed, createdMs));
      this.headerDone = true;
    }
    const date = nyDate(nowMs);
    for (const symbol of this.symbols) {
      const key = `${symbol}|${date}`;
      if (this.days.has(key)) continue;
      const track = this.source.zeroDteDay(symbol, date);
      if (!track || nowMs < track.open) continue;
      this.days.set(key, { track, samples: 0, trades: 0 });
      out.push(sessionLine(track, this.source.halfSpread(symbol)));
    }
    for (const [key, day] of this.days) {
      this.advance(day, nowMs, out);
      // A finished past day is never asked for again; let the cache drop its tape.
      if (day.samples >= day.track.sampleCount && day.track.date !== date) this.days.delete(key);
    }
    return out;
  }

  private advance(day: Progress, nowMs: number, out: string[]): void {
    const { track } = day;
    const complete = Math.min(track.sampleCount, Math.floor((nowMs - track.open) / 30_000));
    if (complete <= day.samples) return;
    track.ensure((complete * 30_000) / track.stepMs);
    const trades = track.trades;
    // Each sample line follows the prints of its window, so the file stays in time order.
    for (; day.samples < complete; day.samples++) {
      const end = track.open + (day.samples + 1) * 30_000;
      while (trades && day.trades < trades.length && trades.get(day.trades).t < end) {
        out.push(tradeLine(track.symbol, track.date, trades.get(day.trades++)));
      }
      out.push(sampleLine(track, day.samples));
    }
  }
}

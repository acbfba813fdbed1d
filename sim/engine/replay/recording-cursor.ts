// Turns a running simulator into recording lines incrementally: each call returns what became
// final since the last one (complete raw samples, prints up to now), so a recorder can append
// as time passes and a stopped session leaves a valid, replayable file behind.
import { nyDate } from '../market/index.js';
import type { DayTrack } from '../model/day-track.js';
import { headerLine, sampleLine, sessionLine, tradeLine } from './recording.js';

export interface RecordingSource {
  readonly seed: number;
  zeroDteDay(symbol: string, date: string): DayTrack | null;
  halfSpread(symbol: string): number;
}

export class RecordingCursor {
  private readonly written = new Map<string, { samples: number; trades: number }>();
  private headerDone = false;

  constructor(
    private readonly source: RecordingSource,
    private readonly symbols: readonly string[],
  ) {}

  /** New lines for today's (New York) sessions up to `nowMs`. */
  linesUpTo(nowMs: number, createdMs = nowMs): string[] {
    const out: string[] = [];
    if (!this.headerDone) {
      out.push(headerLine(this.source.seed, createdMs));
      this.headerDone = true;
    }
    const date = nyDate(nowMs);
    for (const symbol of this.symbols) {
      const track = this.source.zeroDteDay(symbol, date);
      if (!track || nowMs < track.open) continue;
      const key = `${symbol}|${date}`;
      let mark = this.written.get(key);
      if (!mark) {
        mark = { samples: 0, trades: 0 };
        this.written.set(key, mark);
        out.push(sessionLine(track, this.source.halfSpread(symbol)));
      }
      const complete = Math.min(track.sampleCount, Math.floor((nowMs - track.open) / 30_000));
      if (complete > mark.samples) track.ensure((complete * 30_000) / track.stepMs);
      const trades = track.trades;
      // Each sample line follows the prints of its window, so the file stays in time order.
      for (; mark.samples < complete; mark.samples++) {
        const end = track.open + (mark.samples + 1) * 30_000;
        while (trades && mark.trades < trades.length && trades.get(mark.trades).t < end) {
          out.push(tradeLine(symbol, date, trades.get(mark.trades++)));
        }
        out.push(sampleLine(track, mark.samples));
      }
    }
    return out;
  }
}

// Market data from a recording: only the recorded symbol-days exist. The 0DTE days serve
// their raw tier; stock quotes come from the latest recorded day that has opened.
import type { DayTrack } from '../model/day-track.js';
import type { Recording } from '../replay/parse-recording.js';
import type { MarketData, UnderlyingQuote } from './market-data.js';

export class ReplayMarket implements MarketData {
  constructor(private readonly recording: Recording) {}

  symbols(): readonly string[] {
    return [...new Set([...this.recording.days.values()].map((d) => d.track.symbol))];
  }

  zeroDteDay(symbol: string, date: string): DayTrack | null {
    const day = this.recording.days.get(`${symbol}|${date}`);
    return day && day.track.hasChain ? day.track : null;
  }

  quote(symbol: string, nowMs: number): UnderlyingQuote | null {
    let best: UnderlyingQuote | null = null;
    for (const day of this.recording.days.values()) {
      const { track } = day;
      if (track.symbol !== symbol || track.open > nowMs) continue;
      if (best && best.track.open > track.open) continue;
      best = { track, state: track.stateAt(nowMs), halfSpread: day.halfSpread };
    }
    return best;
  }

  /** Recorded days, oldest first (for choosing a default replay clock). */
  days(): readonly DayTrack[] {
    return [...this.recording.days.values()].map((d) => d.track).sort((a, b) => a.open - b.open);
  }
}

// Market data from the model: each (symbol, date) is generated lazily on first use and
// cached, and a cached day only ever runs forward to the states a request needs.
import { latestSession, sessionOn } from '../../../calendar/index.js';
import { createLiveDay } from '../model/day-generator.js';
import type { DayTrack } from '../model/day-track.js';
import type { SymbolProfile } from '../model/symbols.js';
import { DayCache } from './day-cache.js';
import type { MarketData, UnderlyingQuote } from './market-data.js';

export interface LiveMarketOptions {
  readonly seed: number;
  readonly profiles: ReadonlyMap<string, SymbolProfile>;
  /** Keep every day's customer tape (for recording). */
  readonly keepTape: boolean;
  readonly maxCachedDays: number;
}

export class LiveMarket implements MarketData {
  private readonly cache: DayCache<DayTrack | null>;

  constructor(private readonly o: LiveMarketOptions) {
    this.cache = new DayCache(o.maxCachedDays);
  }

  symbols(): readonly string[] {
    return [...this.o.profiles.keys()];
  }

  /** The symbol's day on `date` whether or not it has a 0DTE expiry (null: closed/unknown). */
  day(symbol: string, date: string): DayTrack | null {
    return this.cache.getOrCreate(`${symbol}|${date}`, () => {
      const profile = this.o.profiles.get(symbol);
      const session = sessionOn(date);
      if (!profile || !session) return null;
      const weekday = new Date(`${date}T12:00:00Z`).getUTCDay();
      return createLiveDay({
        seed: this.o.seed,
        profile,
        session,
        hasChain: profile.zeroDteWeekdays.includes(weekday),
        keepTape: this.o.keepTape,
      });
    });
  }

  zeroDteDay(symbol: string, date: string): DayTrack | null {
    const day = this.day(symbol, date);
    return day && day.hasChain ? day : null;
  }

  quote(symbol: string, nowMs: number): UnderlyingQuote | null {
    const profile = this.o.profiles.get(symbol);
    if (!profile) return null;
    const track = this.day(symbol, latestSession(nowMs).date);
    if (!track) return null;
    const state = track.stateAt(nowMs);
    track.ensure(state);
    return { track, state, halfSpread: profile.halfSpread };
  }
}

// The latest N sessions of stored history, read once per request: which dates have bars, their
// bars (memoised, each file read at most once), the relative threshold's reference of earlier
// sessions, and alerts' outcomes where the record does not carry them yet.
import { nyDate, sessionOn, type Session } from '../../calendar/index.js';
import type { AlertRecord } from '../contract/detector.js';
import { outcomesSettled } from '../contract/outcomes.js';
import type { StoredBar } from '../history/history-layout.js';
import type { HistoryStore } from '../history/history-store.js';
import { REFERENCE_SESSIONS } from '../app/app-archive.js';
import type { BarSize } from '../model/flow.js';
import type { SessionSpots } from './baseline.js';
import { computeOutcomes, spotLookup } from './outcome.js';
import type { ScoredAlert } from './scorecard.js';
import { barSizeFromEvidence, sessionEnded } from './tracker.js';

export class StoredSessions {
  readonly #history: HistoryStore;
  readonly #now: number;
  readonly #bars = new Map<string, Promise<StoredBar[]>>();
  #catalog: Promise<{ date: string; symbol: string; barSize: BarSize }[]> | null = null;

  /** `now`: server-side time; sessions after it are not read, and decides what is complete. */
  constructor(history: HistoryStore, now: number) {
    this.#history = history;
    this.#now = now;
  }

  get now(): number {
    return this.#now;
  }

  /** The bar files on disk, up to today's date. */
  #files(): Promise<{ date: string; symbol: string; barSize: BarSize }[]> {
    const today = nyDate(this.#now);
    this.#catalog ??= this.#history
      .files()
      .then((files) =>
        files.flatMap((f) =>
          f.kind === 'bars' && f.date <= today && sessionOn(f.date) !== null
            ? [{ date: f.date, symbol: f.symbol, barSize: f.barSize }]
            : [],
        ),
      );
    return this.#catalog;
  }

  /** The latest `n` session dates with stored bars (at `barSize`, when given), oldest first. */
  async latest(n: number, barSize?: BarSize): Promise<string[]> {
    const files = (await this.#files()).filter(
      (f) => barSize === undefined || f.barSize === barSize,
    );
    return [...new Set(files.map((f) => f.date))].sort().slice(-n);
  }

  /** What a date has bars for. */
  async filesOn(date: string): Promise<{ symbol: string; barSize: BarSize }[]> {
    return (await this.#files()).filter((f) => f.date === date);
  }

  bars(date: string, symbol: string, barSize: BarSize): Promise<StoredBar[]> {
    const key = `${date}|${symbol}|${barSize}`;
    let bars = this.#bars.get(key);
    if (!bars) this.#bars.set(key, (bars = this.#history.loadBars(date, symbol, barSize)));
    return bars;
  }

  /** Whether no more bars will arrive for the date's session. */
  complete(session: Session): boolean {
    return sessionEnded(session, this.#now);
  }

  /** |bar| of up to 20 stored sessions before `date`: the relative threshold's reference. */
  async reference(symbol: string, barSize: BarSize, date: string): Promise<number[]> {
    const dates = (await this.latest(Number.MAX_SAFE_INTEGER, barSize))
      .filter((d) => d < date)
      .slice(-REFERENCE_SESSIONS);
    const out: number[] = [];
    for (const d of dates) {
      for (const b of await this.bars(d, symbol, barSize)) {
        if (b.all.bar !== null) out.push(Math.abs(b.all.bar)); // unknown is left out, never 0
      }
    }
    return out;
  }

  /** Every stored symbol-session of `dates` as the scorecard's baseline reads it. */
  async spots(dates: readonly string[]): Promise<SessionSpots[]> {
    const out: SessionSpots[] = [];
    for (const date of dates) {
      const session = sessionOn(date);
      if (!session) continue;
      for (const { symbol, barSize } of await this.filesOn(date)) {
        out.push({ date, symbol, barSize, session, bars: await this.bars(date, symbol, barSize) });
      }
    }
    return out;
  }

  /**
   * The stored alerts of `dates` with their outcomes: as stored once settled, else computed from
   * the stored bars (alerts kept before outcomes were tracked, or still pending).
   */
  async alerts(dates: readonly string[], fallback: BarSize): Promise<ScoredAlert[]> {
    const out: ScoredAlert[] = [];
    for (const date of dates) {
      const session = sessionOn(date);
      if (!session) continue;
      const files = await this.filesOn(date);
      for (const alert of await this.#history.loadDayAlerts(date)) {
        if (alert.outcomes && outcomesSettled(alert.outcomes)) {
          out.push({ ...alert, outcomes: alert.outcomes });
          continue;
        }
        const barSize = barSizeOf(alert, files, fallback);
        const bars = await this.bars(date, alert.symbol, barSize);
        const outcomes = computeOutcomes(
          { t: alert.t, direction: alert.direction, barSize, session },
          spotLookup(bars),
          this.complete(session),
        );
        out.push({ ...alert, outcomes });
      }
    }
    return out;
  }
}

/** The bar size an alert rests on: its record's, else the one its day has files for. */
function barSizeOf(
  alert: AlertRecord,
  files: readonly { symbol: string; barSize: BarSize }[],
  fallback: BarSize,
): BarSize {
  const known = alert.outcomes?.barSize ?? barSizeFromEvidence(alert);
  if (known) return known;
  const sizes = files.filter((f) => f.symbol === alert.symbol).map((f) => f.barSize);
  return sizes.length === 1 ? sizes[0]! : fallback;
}

// Fills in each alert's outcomes as the bars they need become final, and keeps them with the
// alert in history (an updated record appended to the alert's file: readers keep the last line
// of an id), so a restart picks up where it was instead of recomputing. While the session runs a
// missing bucket is pending; once it is over (and the final polls are done) what is still
// missing is settled from the stored bars: known, or unknown with a reason, never zero.
import { nyDate, sessionOn, type Session } from '../../calendar/index.js';
import type { AlertRecord } from '../contract/detector.js';
import { outcomesSettled, type AlertOutcomes } from '../contract/outcomes.js';
import type { HistoryStore } from '../history/history-store.js';
import { BAR_MS, BAR_SIZES, RAW_SAMPLE_MS, type BarSize } from '../model/flow.js';
import { reachEnd } from '../plan/reach.js';
import type { Logger } from '../ports/logger.js';
import { computeOutcomes, spotLookup, type SpotLookup } from './outcome.js';
import { messageOf } from '../base/error-message.js';

export interface OutcomeTrackerDeps {
  readonly history: HistoryStore;
  readonly logger: Logger;
  /** Server-side time (the lane's market clock). */
  readonly now: () => number;
  /** The bar size the app polls at: a guess of last resort for alerts stored without outcomes. */
  readonly barSize: () => BarSize;
  /** Sees every alert whose outcomes changed, once the change is in history. */
  readonly onUpdate: (alert: AlertRecord) => void;
}

/** Bars with a start time and spot where known (the state's closed bars, stored bars). */
export type SpotBars = readonly { readonly t: number; readonly spot: number | null }[];

/**
 * Whether no more bars can arrive for the session: the server can no longer serve even its last
 * bucket (docs/polling.md, "Reach"; its last raw sample is 30 s before the close at any bar size).
 */
export function sessionEnded(session: Session, now: number): boolean {
  return now >= reachEnd(session.close - RAW_SAMPLE_MS, RAW_SAMPLE_MS, session.date);
}

export class OutcomeTracker {
  readonly #deps: OutcomeTrackerDeps;
  /** Alerts with an outcome still pending (or never computed), by id. */
  readonly #open = new Map<string, AlertRecord>();

  constructor(deps: OutcomeTrackerDeps) {
    this.#deps = deps;
  }

  /** Alerts still waiting for an outcome. */
  get open(): readonly AlertRecord[] {
    return [...this.#open.values()];
  }

  /**
   * Picks up the alerts of the latest `days` stored dates whose outcomes are not settled (the
   * app stopped before they were, or they were stored before outcomes were tracked), and
   * settles those whose session is over from the stored bars.
   */
  async load(days: number): Promise<void> {
    const today = nyDate(this.#deps.now());
    const dates = (await this.#deps.history.days()).filter((d) => d <= today).slice(-days);
    for (const date of dates) {
      for (const alert of await this.#deps.history.loadDayAlerts(date)) {
        if (!outcomesSettled(alert.outcomes)) this.#open.set(alert.id, alert);
      }
    }
    await this.settle();
  }

  /** A new alert: its outcomes as far as the session's bars tell now (kept open if pending). */
  start(alert: AlertRecord, barSize: BarSize, bars: SpotBars): AlertRecord {
    const session = sessionOn(nyDate(alert.t));
    if (!session) return alert; // an alert off the calendar: nothing to measure against
    const outcomes = outcomesOf(alert, barSize, session, spotLookup(bars), this.#ended(session));
    const record = { ...alert, outcomes };
    if (!outcomesSettled(outcomes)) this.#open.set(alert.id, record);
    return record;
  }

  /**
   * A poll brought final bars of `symbol` at `barSize` for `date`'s session: fills in its open
   * alerts from them, then settles any alert whose session has ended meanwhile.
   */
  async observe(symbol: string, date: string, barSize: BarSize, bars: SpotBars): Promise<void> {
    let spotAt: SpotLookup | null = null;
    for (const alert of [...this.#open.values()]) {
      if (alert.symbol !== symbol || nyDate(alert.t) !== date) continue;
      if ((this.#knownBarSize(alert) ?? barSize) !== barSize) continue;
      const session = sessionOn(date);
      if (!session) continue;
      spotAt ??= spotLookup(bars);
      await this.#update(alert, outcomesOf(alert, barSize, session, spotAt, this.#ended(session)));
    }
    await this.settle();
  }

  /** Settles every open alert whose session has ended, from the stored bars. */
  async settle(): Promise<void> {
    for (const alert of [...this.#open.values()]) {
      const session = sessionOn(nyDate(alert.t));
      if (!session) {
        this.#open.delete(alert.id);
        continue;
      }
      if (!this.#ended(session)) continue;
      try {
        const barSize = this.#knownBarSize(alert) ?? (await this.#storedBarSize(alert));
        const bars = await this.#deps.history.loadBars(session.date, alert.symbol, barSize);
        await this.#update(alert, outcomesOf(alert, barSize, session, spotLookup(bars), true));
      } catch (error) {
        // Left open: the next settle tries again.
        this.#deps.logger.warn('alert outcomes not settled', {
          id: alert.id,
          error: messageOf(error),
        });
      }
    }
  }

  #ended(session: Session): boolean {
    return sessionEnded(session, this.#deps.now());
  }

  async #update(alert: AlertRecord, outcomes: AlertOutcomes): Promise<void> {
    const settled = outcomesSettled(outcomes);
    if (JSON.stringify(outcomes) === JSON.stringify(alert.outcomes)) {
      if (settled) this.#open.delete(alert.id);
      return;
    }
    const record = { ...alert, outcomes };
    if (settled) this.#open.delete(alert.id);
    else this.#open.set(alert.id, record);
    try {
      await this.#deps.history.appendAlert(nyDate(alert.t), record);
    } catch (error) {
      // The UI still learns them; a restart recomputes them from the stored bars.
      this.#deps.logger.warn('alert outcomes not stored', {
        id: alert.id,
        error: messageOf(error),
      });
    }
    this.#deps.onUpdate(record);
  }

  /** The bar size an alert rests on, when its record tells (outcomes, or evidence spacing). */
  #knownBarSize(alert: AlertRecord): BarSize | null {
    return alert.outcomes?.barSize ?? barSizeFromEvidence(alert);
  }

  /** For an alert stored without outcomes: the one bar size its day has files for, if one. */
  async #storedBarSize(alert: AlertRecord): Promise<BarSize> {
    const files = await this.#deps.history.barFiles(nyDate(alert.t));
    const sizes = files.filter((f) => f.symbol === alert.symbol).map((f) => f.barSize);
    return sizes.length === 1 ? sizes[0]! : this.#deps.barSize();
  }
}

function outcomesOf(
  alert: AlertRecord,
  barSize: BarSize,
  session: Session,
  spotAt: SpotLookup,
  complete: boolean,
): AlertOutcomes {
  return computeOutcomes(
    { t: alert.t, direction: alert.direction, barSize, session },
    spotAt,
    complete,
  );
}

/** The smallest spacing of an alert's evidence bars, when it is a bar size. */
export function barSizeFromEvidence(alert: Pick<AlertRecord, 'evidence'>): BarSize | null {
  const bars = alert.evidence.bars;
  let best = Infinity;
  for (let i = 1; i < bars.length; i++) best = Math.min(best, bars[i]!.t - bars[i - 1]!.t);
  return BAR_SIZES.find((s) => BAR_MS[s] === best) ?? null;
}

// The signal pipeline of DESIGN.md's data flow: closed bars -> detector -> alert engine ->
// notifier + history. After new data for a symbol is merged, the poll loop hands it the
// symbol's state; it keeps the active signal the row shows. It lives as long as the app (not
// the poll loop), so a settings change or a source switch never forgets an episode and re-fires
// it; its engine state is persisted so a restart doesn't either.
import { nyDate, sessionOn, type Session } from '../../calendar/index.js';
import { AlertEngine } from '../alerts/engine.js';
import { decisionSettings, quietPeriod } from '../alerts/gates.js';
import { messageOf } from '../base/error-message.js';
import type { ActiveSignal, AlertRecord, SnoozeDuration } from '../contract/detector.js';
import type { Settings } from '../contract/settings.js';
import { createReference } from '../detect/distribution.js';
import { scan } from '../detect/detector.js';
import type { DetectorBar, ReferenceDistribution } from '../detect/types.js';
import type { Logger } from '../ports/logger.js';
import type { Notifier } from '../ports/notifier.js';
import type { FileStorage } from '../ports/storage.js';
import type { OutcomeTracker } from '../outcomes/tracker.js';
import type { MergedBar, SymbolState } from '../state/symbol-state.js';

export const ALERT_ENGINE_FILE = 'alert-engine.json';

/** A poll that brings more new closed bars than this is a catch-up, whatever the loop says. */
const MAX_STEPS_PER_POLL = 5;

/** What the poll loop says about the symbol's state it hands over. */
export interface EvaluationContext {
  /** Server-side time (the market clock). */
  readonly now: number;
  readonly session: Session;
  /** This evaluation follows a backfill or a resume from sleep: only the newest state may alert. */
  readonly catchUp: boolean;
}

export interface AlertPipelineDeps {
  readonly storage: FileStorage;
  readonly notifier: Notifier;
  readonly logger: Logger;
  readonly settings: () => Settings;
  /** Server-side time (the market clock: the replayed session in demo mode). */
  readonly now: () => number;
  /** Keeps the alert in history and pushes it to the UI. */
  readonly recordAlert: (alert: AlertRecord) => Promise<void>;
  /** |bar| of stored sessions before `date`, for the detector's relative threshold. */
  readonly referenceBars: (symbol: string, beforeDate: string) => Promise<number[]>;
  /** Hands the alert to the alert channels' outbox (the same decision, more deliveries). */
  readonly deliver?: (alert: AlertRecord) => Promise<void>;
  /** Fills in each alert's outcomes as later bars become final (docs/scorecard.md). */
  readonly outcomes?: OutcomeTracker;
}

/**
 * The detector's view of a symbol: its closed bars with a known side=all value, oldest first.
 * A bucket without one (a hole in the data, a bar not yet derivable) is left out; the detector,
 * given the bar size, restarts every run after such a hole, because the rule is about
 * consecutive bars.
 */
export function detectorBars(closed: readonly MergedBar[]): DetectorBar[] {
  const out: DetectorBar[] = [];
  for (const b of closed) {
    if (b.all === null || b.all.bar === null) continue;
    out.push({
      t: b.t,
      bar: b.all.bar,
      cumulative: b.all.cumulative,
      ...(b.calls?.bar != null
        ? { calls: { bar: b.calls.bar, cumulative: b.calls.cumulative } }
        : {}),
      ...(b.puts?.bar != null ? { puts: { bar: b.puts.bar, cumulative: b.puts.cumulative } } : {}),
      ...(b.spot !== null ? { spot: b.spot } : {}),
      ...(b.gammaFlip !== null ? { gammaFlip: b.gammaFlip } : {}),
    });
  }
  return out;
}

export class AlertPipeline {
  readonly #deps: AlertPipelineDeps;
  readonly #engine: AlertEngine;
  /** Newest bar evaluated per symbol, so a poll without a new closed bar costs nothing. */
  readonly #evaluated = new Map<string, number>();
  /** The state revision each symbol's state was last evaluated at. */
  #revisions = new WeakMap<SymbolState, number>();
  readonly #references = new Map<string, Promise<ReferenceDistribution>>();
  #sessionDate: string | null = null;

  private constructor(deps: AlertPipelineDeps, engine: AlertEngine) {
    this.#deps = deps;
    this.#engine = engine;
  }

  static async load(deps: AlertPipelineDeps): Promise<AlertPipeline> {
    const settings = decisionSettings(deps.settings().alerts);
    let engine = new AlertEngine(settings);
    try {
      const text = await deps.storage.read(ALERT_ENGINE_FILE);
      if (text !== null) {
        const restored = AlertEngine.restore(JSON.parse(text), settings);
        engine = restored.engine;
        if (restored.error) deps.logger.warn('alert state reset', { reason: restored.error });
      }
    } catch (error) {
      deps.logger.warn('alert state unreadable; starting fresh', { error: messageOf(error) });
    }
    return new AlertPipeline(deps, engine);
  }

  /** Settings changed: pacing applies at once; relative thresholds are recomputed lazily. */
  applySettings(settings: Settings): void {
    this.#engine.setSettings(decisionSettings(settings.alerts));
    this.#references.clear();
    this.#evaluated.clear();
    this.#revisions = new WeakMap();
  }

  /** A new session began: episodes end, snoozes for "rest of day" lapse. */
  resetSession(session: Session): void {
    if (this.#sessionDate === session.date) return;
    this.#sessionDate = session.date;
    this.#evaluated.clear();
    this.#revisions = new WeakMap();
    this.#references.clear();
  }

  signal(symbol: string): ActiveSignal | null {
    return this.#engine.active(symbol)[0] ?? null;
  }

  snoozedUntil(symbol: string): number | null {
    return this.#engine.snoozedUntil(symbol, this.#deps.now());
  }

  async snooze(symbol: string, duration: SnoozeDuration | 'off'): Promise<number | null> {
    const now = this.#deps.now();
    // "Rest of day" ends at today's close (market time: the replayed day in demo mode).
    if (duration === 'off') this.#engine.unsnooze(symbol);
    else this.#engine.snooze(symbol, duration, now, sessionOn(nyDate(now)));
    await this.#persist();
    return this.#engine.snoozedUntil(symbol, now);
  }

  /** New data for `symbol` was merged: detect over its closed bars, alert, track outcomes. */
  async evaluate(symbol: string, state: SymbolState, context: EvaluationContext): Promise<void> {
    // A poll that changed no closed bar (only the one filling) has nothing new to judge.
    const seen = this.#revisions.get(state);
    this.#revisions.set(state, state.revision);
    if (seen !== undefined && state.closedBarsChangedSince(seen).length === 0) return;
    const closed = state.closedBars();
    await this.#detect(symbol, state, closed, context);
    // Later bars are what earlier alerts' outcomes are read from (a backfill fills holes too).
    await this.#deps.outcomes?.observe(symbol, context.session.date, state.barSize, closed);
  }

  async #detect(
    symbol: string,
    state: SymbolState,
    closed: readonly MergedBar[],
    context: EvaluationContext,
  ): Promise<void> {
    const bars = detectorBars(closed);
    const newest = bars.at(-1);
    if (!newest) return;
    const last = this.#evaluated.get(symbol) ?? Number.NEGATIVE_INFINITY;
    if (newest.t <= last) return;
    const settings = this.#deps.settings();
    const reference = await this.#reference(symbol, context.session.date);
    // One causal pass: the verdict at each bar is what evaluate() over the bars up to it says.
    const answers = scan(bars, settings.detector, { reference, barMs: state.barMs });
    const fresh = answers.filter((step) => step.t > last);
    // Bar by bar when polling keeps up, so episodes start and end where they did; only the
    // newest state after a backfill or a wake-up, so a catch-up never bursts.
    const catchUp = context.catchUp || fresh.length > MAX_STEPS_PER_POLL;
    const steps = catchUp ? fresh.slice(-1) : fresh;
    const session = sessionOn(context.session.date);
    let changed = false;
    const alerts: AlertRecord[] = [];
    for (const step of steps) {
      const result = this.#engine.poll({
        symbol,
        t: step.t,
        verdicts: step.verdicts,
        now: context.now,
        session,
        barMs: state.barMs,
        catchUp,
      });
      changed ||= result.changed;
      alerts.push(...result.alerts);
    }
    this.#evaluated.set(symbol, newest.t);
    // Saved before anyone is told: a crash after a notification must not re-fire it.
    if (changed) await this.#persist();
    for (const alert of alerts) {
      await this.#fire(this.#deps.outcomes?.start(alert, state.barSize, closed) ?? alert);
    }
  }

  async #fire(alert: AlertRecord): Promise<void> {
    const { notifications, alerts } = this.#deps.settings();
    // Quiet periods for the desktop only: the alert fired, the desktop just stays silent.
    const session = sessionOn(nyDate(alert.firedAt));
    const desktopQuiet =
      alerts.quietScope === 'desktop' &&
      session !== null &&
      quietPeriod(alert.firedAt, session, alerts) !== null;
    if (notifications.enabled && !desktopQuiet) {
      try {
        this.#deps.notifier.notify({
          id: alert.id,
          symbol: alert.symbol,
          title: alert.title,
          body: alert.body,
          sound: notifications.sound,
          direction: alert.direction,
        });
      } catch (error) {
        // The alert still reaches history and the popover.
        this.#deps.logger.warn('notification failed', { id: alert.id, error: messageOf(error) });
      }
    }
    try {
      await this.#deps.recordAlert(alert);
    } catch (error) {
      this.#deps.logger.warn('alert not recorded', { id: alert.id, error: messageOf(error) });
    }
    try {
      await this.#deps.deliver?.(alert);
    } catch (error) {
      // The outbox logs its own failures; this keeps one channel problem from stopping the rest.
      this.#deps.logger.warn('alert not queued for its channels', {
        id: alert.id,
        error: messageOf(error),
      });
    }
  }

  /** Past sessions' |bar| for the relative threshold: read once per symbol and session. */
  #reference(symbol: string, date: string): Promise<ReferenceDistribution> {
    if (this.#deps.settings().detector.minPercentile <= 0) return Promise.resolve(NO_REFERENCE);
    const key = `${symbol}|${date}`;
    let ref = this.#references.get(key);
    if (!ref) {
      ref = this.#deps.referenceBars(symbol, date).then(createReference, (error: unknown) => {
        // The session's own bars still make a threshold; stored history adds to it.
        this.#deps.logger.warn('stored sessions unreadable for the relative threshold', {
          symbol,
          error: messageOf(error),
        });
        return NO_REFERENCE;
      });
      this.#references.set(key, ref);
    }
    return ref;
  }

  async #persist(): Promise<void> {
    try {
      await this.#deps.storage.writeAtomic(
        ALERT_ENGINE_FILE,
        JSON.stringify(this.#engine.toJSON()),
      );
    } catch (error) {
      this.#deps.logger.warn('alert state not saved', { error: messageOf(error) });
    }
  }
}

const NO_REFERENCE: ReferenceDistribution = createReference([]);

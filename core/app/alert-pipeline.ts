// The signal pipeline of DESIGN.md's data flow: closed bars -> detector -> alert engine ->
// notifier + history. It lives as long as the app (not the poll loop), so a settings change or
// a source switch never forgets an episode and re-fires it; its engine state is persisted so a
// restart doesn't either.
import { nyDate, sessionOn, type Session } from '../../sim/engine/market/index.js';
import { AlertEngine } from '../alerts/engine.js';
import type { ActiveSignal, AlertRecord, SnoozeDuration } from '../contract/detector.js';
import type { Settings } from '../contract/settings.js';
import { createReference } from '../detect/distribution.js';
import { evaluate } from '../detect/detector.js';
import type { DetectorBar, ReferenceDistribution } from '../detect/types.js';
import type { Logger } from '../ports/logger.js';
import type { Notifier } from '../ports/notifier.js';
import type { FileStorage } from '../ports/storage.js';
import type { MergedBar, SymbolState } from '../state/symbol-state.js';
import type { EvaluationContext, SignalPipeline } from './signal-pipeline.js';

export const ALERT_ENGINE_FILE = 'alert-engine.json';

/** A poll that brings more new closed bars than this is a catch-up, whatever the loop says. */
const MAX_STEPS_PER_POLL = 5;

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
}

/** The detector's view of a symbol: the consecutive closed bars ending at the newest one. */
export function detectorBars(closed: readonly MergedBar[], barMs: number): DetectorBar[] {
  const out: DetectorBar[] = [];
  for (const b of closed) {
    if (b.all === null || b.all.bar === null) continue;
    const prev = out.at(-1);
    // The rule is about consecutive bars: a hole in the data restarts the run.
    if (prev && b.t !== prev.t + barMs) out.length = 0;
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

export class AlertPipeline implements SignalPipeline {
  readonly #d: AlertPipelineDeps;
  readonly #engine: AlertEngine;
  /** Newest bar evaluated per symbol, so a poll without a new closed bar costs nothing. */
  readonly #evaluated = new Map<string, number>();
  readonly #references = new Map<string, Promise<ReferenceDistribution>>();
  #sessionDate: string | null = null;

  private constructor(deps: AlertPipelineDeps, engine: AlertEngine) {
    this.#d = deps;
    this.#engine = engine;
  }

  static async load(deps: AlertPipelineDeps): Promise<AlertPipeline> {
    const settings = deps.settings().alerts;
    let engine = new AlertEngine(settings);
    try {
      const text = await deps.storage.read(ALERT_ENGINE_FILE);
      if (text !== null) {
        const restored = AlertEngine.restore(JSON.parse(text), settings);
        engine = restored.engine;
        if (restored.error) deps.logger.warn('alert state reset', { reason: restored.error });
      }
    } catch (error) {
      deps.logger.warn('alert state unreadable; starting fresh', { error: String(error) });
    }
    return new AlertPipeline(deps, engine);
  }

  /** Settings changed: pacing applies at once; relative thresholds are recomputed lazily. */
  applySettings(settings: Settings): void {
    this.#engine.setSettings(settings.alerts);
    this.#references.clear();
    this.#evaluated.clear();
  }

  resetSession(session: Session): void {
    if (this.#sessionDate === session.date) return;
    this.#sessionDate = session.date;
    this.#evaluated.clear();
    this.#references.clear();
  }

  signal(symbol: string): ActiveSignal | null {
    return this.#engine.active(symbol)[0] ?? null;
  }

  snoozedUntil(symbol: string): number | null {
    return this.#engine.snoozedUntil(symbol, this.#d.now());
  }

  async snooze(symbol: string, duration: SnoozeDuration | 'off'): Promise<number | null> {
    const now = this.#d.now();
    if (duration === 'off') this.#engine.unsnooze(symbol);
    else this.#engine.snooze(symbol, duration, now, sessionOn(dateOf(this.#sessionDate, now)));
    await this.#persist();
    return this.#engine.snoozedUntil(symbol, now);
  }

  async evaluate(symbol: string, state: SymbolState, context: EvaluationContext): Promise<void> {
    const bars = detectorBars(state.closedBars(), state.barMs);
    const newest = bars.at(-1);
    if (!newest) return;
    const last = this.#evaluated.get(symbol) ?? Number.NEGATIVE_INFINITY;
    if (newest.t <= last) return;
    const settings = this.#d.settings();
    const reference = await this.#reference(symbol, context.session.date);
    const fresh = bars.filter((b) => b.t > last);
    // Bar by bar when polling keeps up, so episodes start and end where they did; only the
    // newest state after a backfill or a wake-up, so a catch-up never bursts.
    const catchUp = context.catchUp || fresh.length > MAX_STEPS_PER_POLL;
    const steps = catchUp ? [newest] : fresh;
    let changed = false;
    for (const step of steps) {
      const upto = bars.slice(0, bars.indexOf(step) + 1);
      const verdicts = evaluate(upto, settings.detector, { reference });
      const result = this.#engine.poll({
        symbol,
        t: step.t,
        verdicts,
        now: context.now,
        session: sessionOn(context.session.date),
        barMs: state.barMs,
        catchUp,
      });
      changed ||= result.changed;
      for (const alert of result.alerts) await this.#fire(alert);
    }
    this.#evaluated.set(symbol, newest.t);
    if (changed) await this.#persist();
  }

  async #fire(alert: AlertRecord): Promise<void> {
    const { notifications } = this.#d.settings();
    if (notifications.enabled) {
      this.#d.notifier.notify({
        id: alert.id,
        symbol: alert.symbol,
        title: alert.title,
        body: alert.body,
        sound: notifications.sound,
        direction: alert.direction,
      });
    }
    await this.#d.recordAlert(alert);
  }

  #reference(symbol: string, date: string): Promise<ReferenceDistribution> {
    if (this.#d.settings().detector.minPercentile <= 0) return Promise.resolve(createReference([]));
    let ref = this.#references.get(symbol);
    if (!ref) {
      ref = this.#d
        .referenceBars(symbol, date)
        .catch(() => [])
        .then((values) => createReference(values));
      this.#references.set(symbol, ref);
    }
    return ref;
  }

  async #persist(): Promise<void> {
    try {
      await this.#d.storage.writeAtomic(ALERT_ENGINE_FILE, JSON.stringify(this.#engine.toJSON()));
    } catch (error) {
      this.#d.logger.warn('alert state not saved', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
}

function dateOf(sessionDate: string | null, now: number): string {
  return sessionDate ?? nyDate(now);
}

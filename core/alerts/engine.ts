// The alert engine: turns the detector's per-bar verdicts into at most one notification per
// episode (plus one escalation), paced by cooldown, snooze, quiet periods and regular hours.
// It owns no timers: the app's clock calls `poll` with `now`, so it is deterministic, and its
// whole state is a plain object (toJSON/restore) the app persists across restarts.
import {
  VERDICT_KINDS,
  type ActiveSignal,
  type AlertRecord,
  type AlertSettings,
  type AlertSeverity,
  type SnoozeDuration,
  type Verdict,
  type VerdictKind,
} from '../contract/detector.js';
import type { Session } from '../../calendar/index.js';
import { cooldownMs, snoozeEnd, suppression } from './gates.js';
import {
  emptyAlertEngineState,
  emptySymbolState,
  parseAlertEngineState,
  type AlertEngineState,
  type EpisodeState,
  type SymbolAlertState,
} from './state.js';
import { alertBody, alertTitle } from './text.js';

export interface PollInput {
  readonly symbol: string;
  /** the newest closed bar's t */
  readonly t: number;
  /** the detector's verdicts for that bar (evaluate's output) */
  readonly verdicts: readonly Verdict[];
  /** the local clock */
  readonly now: number;
  /** today's regular session (sessionOn(today)); null when the market is closed today */
  readonly session: Session | null;
  /** the bar size in ms (a bar closes at t + barMs) */
  readonly barMs: number;
  /**
   * This evaluation follows a backfill or a resume from sleep: bars arrived at once. Only this
   * newest state may alert, and then at most once per symbol (the most important kind).
   */
  readonly catchUp?: boolean;
}

export interface PollResult {
  /** to notify and to append to history */
  readonly alerts: readonly AlertRecord[];
  /** the symbol's episodes in progress, for the UI */
  readonly active: readonly ActiveSignal[];
  /** episodes that ended with this bar */
  readonly ended: readonly ActiveSignal[];
  /** whether anything the UI shows (or the persisted state) changed */
  readonly changed: boolean;
}

export class AlertEngine {
  private state: AlertEngineState;

  constructor(
    private settings: AlertSettings,
    state: AlertEngineState = emptyAlertEngineState(),
  ) {
    this.state = clone(state);
  }

  /** Rebuilds an engine from `toJSON()` output; invalid data starts afresh, with the error. */
  static restore(
    data: unknown,
    settings: AlertSettings,
  ): { readonly engine: AlertEngine; readonly error: string | null } {
    const parsed = parseAlertEngineState(data);
    return parsed.ok
      ? { engine: new AlertEngine(settings, parsed.value), error: null }
      : { engine: new AlertEngine(settings), error: parsed.error };
  }

  toJSON(): AlertEngineState {
    return clone(this.state);
  }

  setSettings(settings: AlertSettings): void {
    this.settings = settings;
  }

  poll(input: PollInput): PollResult {
    const s = this.symbol(input.symbol);
    if (s.lastT !== null && input.t < s.lastT) {
      // An older bar than one already evaluated (a late, out-of-order response): not news.
      return { alerts: [], active: this.active(input.symbol), ended: [], changed: false };
    }
    if (input.session && s.lastT !== null && s.lastT < input.session.open) {
      s.active = {}; // a new day: yesterday's episodes are over
      s.ended = {};
    }
    const before = JSON.stringify(s);
    s.lastT = input.t;
    const ended = this.track(input.symbol, s, input.verdicts);
    const alerts = this.fire(input, s);
    const changed = ended.length > 0 || JSON.stringify(s) !== before;
    return { alerts, active: this.active(input.symbol), ended, changed };
  }

  /** Silences a symbol; returns when the snooze ends. Pass today's session for rest-of-day. */
  snooze(symbol: string, duration: SnoozeDuration, now: number, session: Session | null): number {
    const until = snoozeEnd(duration, now, session);
    this.symbol(symbol).snoozedUntil = until;
    return until;
  }

  unsnooze(symbol: string): void {
    this.symbol(symbol).snoozedUntil = null;
  }

  snoozedUntil(symbol: string, now: number): number | null {
    const until = this.state.symbols[symbol]?.snoozedUntil ?? null;
    return until !== null && until > now ? until : null;
  }

  active(symbol: string): ActiveSignal[] {
    const s = this.state.symbols[symbol];
    if (!s) return [];
    const out: ActiveSignal[] = [];
    for (const kind of VERDICT_KINDS) {
      const e = s.active[kind];
      if (e) out.push(toSignal(symbol, kind, e));
    }
    return out;
  }

  private symbol(symbol: string): SymbolAlertState {
    let s = this.state.symbols[symbol];
    if (!s) {
      s = emptySymbolState();
      this.state.symbols[symbol] = s;
    }
    return s;
  }

  /** Starts, continues and ends episodes from the newest verdicts. */
  private track(symbol: string, s: SymbolAlertState, verdicts: readonly Verdict[]): ActiveSignal[] {
    const ended: ActiveSignal[] = [];
    for (const kind of VERDICT_KINDS) {
      const v = verdicts.find((x) => x.kind === kind);
      const current = s.active[kind];
      if (current && (!v || !sameEpisode(current, v))) {
        ended.push(toSignal(symbol, kind, current));
        s.ended[kind] = current;
        delete s.active[kind];
      }
      if (!v) continue;
      const previous =
        s.active[kind] ?? (s.ended[kind] && sameEpisode(s.ended[kind], v) ? s.ended[kind] : null);
      // The same run holding again (e.g. after price briefly stopped confirming) is the same
      // episode: it keeps its alerted/escalated flags and never fires a second time.
      s.active[kind] = {
        direction: v.direction,
        since: v.since,
        t: v.t,
        barCount: v.barCount,
        move: v.move,
        confirmation: v.price?.confirmation ?? null,
        legs: v.legs,
        alerted: previous?.alerted ?? false,
        escalated: previous?.escalated ?? false,
        severity: previous?.severity ?? 'building',
        pending: previous?.pending ?? null,
      };
    }
    return ended;
  }

  private fire(input: PollInput, s: SymbolAlertState): AlertRecord[] {
    const alerts: AlertRecord[] = [];
    for (const kind of VERDICT_KINDS) {
      const e = s.active[kind];
      const v = input.verdicts.find((x) => x.kind === kind);
      if (!e || !v) continue;
      const escalate = !e.escalated && this.pastEscalation(v);
      if (e.alerted && !escalate) {
        e.pending = null;
        continue;
      }
      const severity: AlertSeverity = escalate ? 'escalated' : 'building';
      const last = s.lastFiredAt[kind];
      let reason = suppression(
        {
          now: input.now,
          t: v.t,
          barMs: input.barMs,
          session: input.session,
          snoozedUntil: s.snoozedUntil,
          // An escalation belongs to an episode already announced: cooldown is for new ones.
          lastFiredAt: e.alerted || last === undefined ? null : last,
          cooldownMs: cooldownMs(this.settings, input.symbol, kind),
          catchUp: input.catchUp ?? false,
        },
        this.settings,
      );
      if (reason === null && input.catchUp && alerts.length > 0) reason = 'catch-up-limit';
      e.pending = reason;
      if (reason !== null) continue;
      e.alerted = true;
      e.escalated ||= escalate;
      e.severity = severity;
      s.lastFiredAt[kind] = input.now;
      alerts.push(record(input, v, severity));
    }
    return alerts;
  }

  private pastEscalation(v: Verdict): boolean {
    if (v.kind !== 'squeeze') return false; // one-bar events have nothing to grow
    const { escalateAtRunLength: bars, escalateAtMove: move } = this.settings;
    return (bars !== null && v.barCount >= bars) || (move !== null && Math.abs(v.move) >= move);
  }
}

/**
 * Whether a verdict continues an episode: same direction, and its run reaches back to the last
 * bar the episode held on. A run that broke can only be followed by one that starts at or after
 * the breaking bar, which is after that last bar, so overlap means the same run seen again:
 * after price briefly stopped confirming, after a backfill filled a hole (its start moves
 * earlier), or after a settings change moved its first bar.
 */
function sameEpisode(e: EpisodeState, v: Verdict): boolean {
  return e.direction === v.direction && v.since <= e.t;
}

function toSignal(symbol: string, kind: VerdictKind, e: EpisodeState): ActiveSignal {
  return {
    symbol,
    kind,
    direction: e.direction,
    since: e.since,
    t: e.t,
    barCount: e.barCount,
    move: e.move,
    confirmation: e.confirmation,
    legs: e.legs,
    severity: e.severity,
    alerted: e.alerted,
    pending: e.alerted ? null : e.pending,
  };
}

function record(input: PollInput, v: Verdict, severity: AlertSeverity): AlertRecord {
  const { kind, direction, t, ...evidence } = v;
  return {
    id: `${input.symbol}:${kind}:${direction}:${v.since}:${severity}`,
    symbol: input.symbol,
    kind,
    direction,
    t,
    firedAt: input.now,
    title: alertTitle(input.symbol, v, severity),
    body: alertBody(v),
    severity,
    catchUp: input.catchUp ?? false,
    evidence,
  };
}

function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

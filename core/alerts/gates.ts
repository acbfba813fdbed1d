// When an episode may notify. Every time is an argument: the app's clock calls the engine, so
// the same inputs always give the same answer (and the preview replays a day exactly).
import type {
  AlertSettings,
  SnoozeDuration,
  SuppressionReason,
  VerdictKind,
} from '../contract/detector.js';
import { addDays, nyDate, nyWallTimeToUtc, type Session } from '../../calendar/index.js';

const MINUTE = 60_000;

export interface GateInput {
  readonly now: number;
  /** the closed bar the episode's newest verdict is about */
  readonly t: number;
  readonly barMs: number;
  readonly session: Session | null;
  readonly snoozedUntil: number | null;
  /** when this symbol and kind last notified; null: never (or not a new episode) */
  readonly lastFiredAt: number | null;
  readonly cooldownMs: number;
  /** the evaluation follows a backfill or resume: only the newest closed bar is news */
  readonly catchUp?: boolean;
}

/** The first reason an alert may not fire now, or null when it may. */
export function suppression(input: GateInput, settings: AlertSettings): SuppressionReason | null {
  const { now, t, session } = input;
  // Regular hours only, and only for a bar of this session.
  if (!session || now < session.open || now >= session.close || t < session.open) {
    return 'outside-hours';
  }
  // A bar that closed long ago (sleep, a failing poll, a backfill) is history, not news. After
  // a backfill or resume, a bar with a newer one already closed is history too, so even a
  // replay of the backfilled bars one by one can only alert the newest state.
  const staleMs = settings.staleAfterMinutes * MINUTE;
  const maxLag = input.catchUp ? Math.min(staleMs, input.barMs) : staleMs;
  if (now > t + input.barMs + maxLag) return 'stale';
  const quiet = quietPeriod(now, session, settings);
  if (quiet !== null) return quiet;
  if (input.snoozedUntil !== null && now < input.snoozedUntil) return 'snoozed';
  if (input.lastFiredAt !== null && now - input.lastFiredAt < input.cooldownMs) return 'cooldown';
  return null;
}

/** The quiet period `now` falls in, if any (after the open, before the close). */
export function quietPeriod(
  now: number,
  session: Session,
  settings: AlertSettings,
): 'quiet-open' | 'quiet-close' | null {
  if (now < session.open + settings.quietOpenMinutes * MINUTE) return 'quiet-open';
  if (now >= session.close - settings.quietCloseMinutes * MINUTE) return 'quiet-close';
  return null;
}

/**
 * The pacing the engine decides with. Quiet periods for the desktop only do not hold an alert
 * back: it fires (history, popover, alert channels) and only the desktop notification stays
 * silent (AlertPipeline), so there is still one decision.
 */
export function decisionSettings(settings: AlertSettings): AlertSettings {
  return settings.quietScope === 'desktop'
    ? { ...settings, quietOpenMinutes: 0, quietCloseMinutes: 0 }
    : settings;
}

export function cooldownMs(settings: AlertSettings, symbol: string, kind: VerdictKind): number {
  const minutes = settings.cooldownOverrides[symbol]?.[kind] ?? settings.cooldownMinutes;
  return minutes * MINUTE;
}

/**
 * When a snooze taken at `now` ends. Rest of day: until the session's close; with no session
 * ahead today (after the close, a weekend or a holiday), until New York midnight.
 */
export function snoozeEnd(duration: SnoozeDuration, now: number, session: Session | null): number {
  switch (duration) {
    case '15m':
      return now + 15 * MINUTE;
    case '1h':
      return now + 60 * MINUTE;
    case 'rest-of-day':
      if (session && session.close > now && nyDate(session.close) === nyDate(now))
        return session.close;
      return nyWallTimeToUtc(addDays(nyDate(now), 1), 0, 0);
    default:
      return duration satisfies never;
  }
}

// Driving the alert engine the way the app does: the detector's verdicts for each newly
// closed bar, polled at the bar's close (plus a small lag).
import {
  AlertSettingsSchema,
  type AlertRecord,
  type AlertSettings,
  type DetectorSettings,
} from '../../../../core/contract/detector.js';
import type { AlertEngine, PollResult } from '../../../../core/alerts/engine.js';
import { scan } from '../../../../core/detect/detector.js';
import { type DetectorBar } from '../../../../core/detect/types.js';
import { sessionOn, type Session } from '../../../../calendar/index.js';
import { settings as detectorSettings } from '../detect/fixtures.js';

export const SESSION: Session = sessionOn('2026-06-05')!;
export const MINUTE = 60_000;
export const M = 1_000_000;

export function alertSettings(overrides: Partial<AlertSettings> = {}): AlertSettings {
  // Quiet periods off unless a test is about them: most tests run mid-morning anyway.
  return AlertSettingsSchema.parse({ quietOpenMinutes: 0, ...overrides });
}

/** New York wall time on the test day, e.g. at('10:04'). */
export function at(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return SESSION.open + ((h! - 9) * 60 + m! - 30) * MINUTE;
}

export interface DriveOptions {
  readonly symbol?: string;
  readonly session?: Session | null;
  readonly detector?: DetectorSettings;
  /** ms after the bar's close the poll happens */
  readonly lag?: number;
  /** only poll bars from this index on (earlier ones were polled before) */
  readonly from?: number;
}

/** Polls every bar in turn, as the app would live; returns each poll's result. */
export function drive(
  engine: AlertEngine,
  bars: readonly DetectorBar[],
  options: DriveOptions = {},
): PollResult[] {
  const steps = scan(bars, options.detector ?? detectorSettings());
  return steps.slice(options.from ?? 0).map((step) =>
    engine.poll({
      symbol: options.symbol ?? 'SPY',
      t: step.t,
      verdicts: step.verdicts,
      now: step.t + MINUTE + (options.lag ?? 1_000),
      session: options.session === undefined ? SESSION : options.session,
      barMs: MINUTE,
    }),
  );
}

export function fired(results: readonly PollResult[]): AlertRecord[] {
  return results.flatMap((r) => r.alerts);
}

/** Which bars (by index) fired, and with what severity. */
export function firedAt(results: readonly PollResult[]): [number, string][] {
  return results.flatMap((r, i) => r.alerts.map((a): [number, string] => [i, a.severity]));
}

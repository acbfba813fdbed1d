// The detector and alert-pacing flags shared by `hedgeflow detect` and `hedgeflow backtest`:
// one table per settings schema (a setting without its flag does not compile), one parser, one
// way of reporting a bad value (exit code 2).
import type { z } from 'zod';
import {
  AlertSettingsSchema,
  DetectorSettingsSchema,
  type AlertSettings,
  type DetectorSettings,
} from '../core/contract/detector.js';

/** How a flag's value is read: [kind, placeholder, help]. */
export type FlagSpec = readonly [
  'int' | 'number' | 'bool' | 'choice' | 'int-or-off',
  string,
  string,
];

// `satisfies Record<keyof ...>`: adding a setting without its flag does not compile.
export const DETECTOR_FLAGS = {
  runLength: ['int', 'N', 'closed bars that must agree (5)'],
  minAbsBar: ['number', 'USD', 'minimum |bar| in delta-dollars, e.g. 1e6 (0: off)'],
  minPercentile: ['number', 'P', 'minimum |bar| as a percentile of |bar| so far (0: off)'],
  accelerating: ['bool', '', 'every bar strictly larger than the one before'],
  flipAfter: ['int-or-off', 'M', 'report a reversal when the sign flips after M bars (off)'],
  requireAttribution: ['choice', 'any|one-sided|aligned', 'call/put split the run must show'],
  oneSidedShare: ['number', 'S', 'leg share that makes a run one-sided (0.7)'],
  requireChasing: ['bool', '', 'spot must move with the flow over the run (needs --series)'],
  gammaFlipCross: ['bool', '', 'report spot crossing the gamma flip (needs --series)'],
  gammaFlipBand: ['number', 'F', 'gamma-flip hysteresis, a fraction of the level (0)'],
} as const satisfies Record<keyof DetectorSettings, FlagSpec>;

/**
 * Alert pacing (per-symbol cooldown overrides are an app setting; what quiet periods silence
 * matters only to the app's alert channels).
 */
export const ALERT_FLAGS = {
  cooldownMinutes: ['number', 'MIN', 'no new episode of a kind within MIN of the last (15)'],
  quietOpenMinutes: ['number', 'MIN', 'no alerts in the first MIN of the session (5)'],
  quietCloseMinutes: ['number', 'MIN', 'no alerts in the last MIN of the session (0)'],
  escalateAtRunLength: ['int-or-off', 'N', 'escalate a squeeze once at N bars (10)'],
  escalateAtMove: ['number', 'USD', 'escalate a squeeze once at this flow (off)'],
  staleAfterMinutes: ['number', 'MIN', 'never alert a bar closed longer ago (3)'],
} as const satisfies Record<
  Exclude<keyof AlertSettings, 'cooldownOverrides' | 'quietScope'>,
  FlagSpec
>;

/** A bad flag or value: the command prints it with a pointer to --help and exits 2. */
export class FlagError extends Error {}

export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

export function helpLines(flags: Record<string, FlagSpec>): string[] {
  return Object.entries(flags).map(
    ([key, [, value, help]]) => `  ${`${flagName(key)} ${value}`.padEnd(27)} ${help}`,
  );
}

/** Collects detector and pacing flags from an argument loop, then validates them whole. */
export class DetectorFlags {
  readonly #raw = {
    detector: {} as Record<string, unknown>,
    alerts: {} as Record<string, unknown>,
  };

  /**
   * Reads `name` if it is a detector or pacing flag (`inline` is a `--flag=value` value, `next`
   * takes the following argument); false when it is not one.
   */
  read(name: string, inline: string | undefined, next: () => string): boolean {
    const target = findFlag(name);
    if (!target) return false;
    const [group, key, [kind]] = target;
    this.#raw[group][key] = kind === 'bool' ? inline !== 'false' : optionValue(name, kind, next());
    return true;
  }

  get detector(): DetectorSettings {
    return settingsFrom(DetectorSettingsSchema, this.#raw.detector);
  }

  get alerts(): AlertSettings {
    return settingsFrom(AlertSettingsSchema, this.#raw.alerts);
  }
}

function findFlag(name: string): ['detector' | 'alerts', string, FlagSpec] | null {
  for (const [group, flags] of [
    ['detector', DETECTOR_FLAGS],
    ['alerts', ALERT_FLAGS],
  ] as const) {
    for (const [key, spec] of Object.entries(flags)) {
      if (flagName(key) === name) return [group, key, spec];
    }
  }
  return null;
}

function settingsFrom<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new FlagError(`${flagName(String(issue.path[0] ?? ''))}: ${issue.message}`);
}

function optionValue(name: string, kind: FlagSpec[0], text: string): unknown {
  if (kind === 'choice') return text;
  if (kind === 'int-or-off' && text === 'off') return null;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) {
    throw new FlagError(`${name}: '${text}' is not a number`);
  }
  return n;
}

// The detector and alert-pacing flags shared by `hedgeflow detect` and `hedgeflow backtest`:
// one table per settings schema (a setting without its flag does not compile), read by the
// commands' one parser (cli/argv.ts) and validated by the settings' schemas (exit code 2).
import type { z } from 'zod';
import {
  AlertSettingsSchema,
  DetectorSettingsSchema,
  type AlertSettings,
  type DetectorSettings,
} from '../core/contract/detector.js';
import { finiteNumber, flagName, SWITCH, VALUE, type OptionValues } from './argv.js';
import { UsageError } from './io.js';

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

type OptionsOf<F extends Record<string, FlagSpec>> = {
  readonly [K in keyof F]: { readonly type: F[K][0] extends 'bool' ? 'boolean' : 'string' };
};

function optionsOf<F extends Record<string, FlagSpec>>(flags: F): OptionsOf<F> {
  const entries = Object.entries(flags).map(([key, [kind]]) => [
    key,
    kind === 'bool' ? SWITCH : VALUE,
  ]);
  return Object.fromEntries(entries) as OptionsOf<F>;
}

/** The detector and pacing flags as options of the command-line parser (cli/argv.ts). */
export const DETECTOR_OPTIONS = { ...optionsOf(DETECTOR_FLAGS), ...optionsOf(ALERT_FLAGS) };

type DetectorValues = OptionValues<typeof DETECTOR_OPTIONS>;

export function helpLines(flags: Record<string, FlagSpec>): string[] {
  return Object.entries(flags).map(
    ([key, [, value, help]]) => `  ${`${flagName(key)} ${value}`.padEnd(27)} ${help}`,
  );
}

/**
 * The settings the detector and pacing flags among `values` ask for, the rest at their
 * defaults, validated whole by the settings' own schemas; a bad value is a usage error.
 */
export function detectorSettings(values: DetectorValues): {
  readonly detector: DetectorSettings;
  readonly alerts: AlertSettings;
} {
  return {
    detector: settingsFrom(DetectorSettingsSchema, raw(DETECTOR_FLAGS, values)),
    alerts: settingsFrom(AlertSettingsSchema, raw(ALERT_FLAGS, values)),
  };
}

function raw(flags: Record<string, FlagSpec>, values: DetectorValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, [kind]] of Object.entries(flags)) {
    const value = values[key as keyof DetectorValues];
    if (value !== undefined) out[key] = typeof value === 'boolean' ? value : read(key, kind, value);
  }
  return out;
}

function read(key: string, kind: FlagSpec[0], text: string): unknown {
  if (kind === 'choice') return text;
  if (kind === 'int-or-off' && text === 'off') return null;
  const n = finiteNumber(text);
  if (n === null) throw flagError(`${flagName(key)}: '${text}' is not a number`);
  return n; // whole or not, in range or not: the schema says, in its words
}

function settingsFrom<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw flagError(`${flagName(String(issue.path[0] ?? ''))}: ${issue.message}`);
}

/** A flag error of detect or backtest: exit 2, pointing at --help. */
export function flagError(message: string): UsageError {
  return new UsageError(message, { pointToHelp: true });
}

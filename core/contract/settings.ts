// The settings file's schema: validated on every read and every update, so a hand-edited or
// corrupt file can never put the app in a state the UI cannot show.
import { z } from 'zod';
import { BAR_SIZES } from '../model/flow.js';
import { AlertSettingsSchema, DEFAULT_ALERT_SETTINGS, DetectorSettingsSchema } from './detector.js';

export const MAX_SYMBOLS = 10;
export const DEFAULT_SYMBOLS = ['SPY', 'QQQ', 'SPX'] as const;
export const DEFAULT_BASE_URL = 'https://lab.flashalpha.com';

/** Tickers as exchanges print them: a letter, then letters, digits or one dot class (BRK.B). */
export const SYMBOL_PATTERN = /^[A-Z][A-Z0-9]{0,5}(\.[A-Z])?$/;

export const SymbolSchema = z
  .string()
  .trim()
  .toUpperCase()
  .regex(SYMBOL_PATTERN, 'A symbol is 1-6 letters or digits starting with a letter, e.g. SPY');

export const SymbolListSchema = z
  .array(SymbolSchema)
  .min(1, 'Keep at least one symbol')
  .max(MAX_SYMBOLS, `At most ${MAX_SYMBOLS} symbols`)
  .refine((list) => new Set(list).size === list.length, 'Each symbol only once');

const BaseUrlSchema = z
  .string()
  .trim()
  .refine((value) => {
    try {
      const url = new URL(value);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
      return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
    } catch {
      return false;
    }
  }, 'The base URL must be https (or http on this machine, for the simulator)');

export const NotificationSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  sound: z.boolean().default(true),
});

export const SettingsSchema = z.object({
  symbols: SymbolListSchema.default([...DEFAULT_SYMBOLS]),
  barSize: z.enum(BAR_SIZES).default('1m'),
  /** How much of the session the sparkline shows, in minutes (390 = since the open). */
  lookbackMinutes: z.number().int().min(15).max(390).default(390),
  /** What the rows show; the planner fetches only what is shown. */
  legs: z
    .object({
      calls: z.boolean().default(true),
      puts: z.boolean().default(true),
      price: z.boolean().default(true),
    })
    .default({ calls: true, puts: true, price: true }),
  /** auto: FlashAlpha when a key is stored, else demo. */
  source: z.enum(['auto', 'demo']).default('auto'),
  baseUrl: BaseUrlSchema.default(DEFAULT_BASE_URL),
  detector: DetectorSettingsSchema.default(DetectorSettingsSchema.parse({})),
  /** Alert pacing: cooldown, quiet periods, escalation. */
  alerts: AlertSettingsSchema.default(DEFAULT_ALERT_SETTINGS),
  notifications: NotificationSettingsSchema.default({ enabled: true, sound: true }),
  launchAtLogin: z.boolean().default(false),
  historyDays: z.number().int().min(1).max(365).default(30),
  /** How many of the latest stored sessions the scorecard and the threshold preview look at. */
  scorecardSessions: z.number().int().min(1).max(250).default(20),
  /** Per-symbol weekdays (1 = Mon ... 5 = Fri) with a 0DTE expiry, overriding the defaults. */
  zeroDteListings: z.record(z.string(), z.array(z.number().int().min(1).max(5))).default({}),
});

export type Settings = z.infer<typeof SettingsSchema>;

export type SettingsKey = keyof Settings;
export const SETTINGS_KEYS = Object.keys(SettingsSchema.shape) as SettingsKey[];

/**
 * An update from the UI: any top-level sections, each replaced whole. The patch is only checked
 * for its keys here; the merged result is validated with SettingsSchema (a partial schema would
 * fill absent sections with defaults and silently reset them).
 */
export const SettingsPatchSchema = z
  .object(Object.fromEntries(SETTINGS_KEYS.map((k) => [k, z.unknown().optional()])))
  .strict();
export type SettingsPatch = Partial<z.input<typeof SettingsSchema>>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

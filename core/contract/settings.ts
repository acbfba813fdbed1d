// The settings file's schema: validated on every read and every update, so a hand-edited or
// corrupt file can never put the app in a state the UI cannot show.
import { z } from 'zod';
import { BAR_SIZES } from '../model/flow.js';
import {
  AlertSettingsSchema,
  DEFAULT_ALERT_SETTINGS,
  DetectorSettingsSchema,
  VERDICT_KINDS,
  VerdictKindSchema,
} from './detector.js';

export const MAX_SYMBOLS = 10;
export const DEFAULT_SYMBOLS = ['SPY', 'QQQ', 'SPX'] as const;
const DEFAULT_BASE_URL = 'https://lab.flashalpha.com';

/** Tickers as exchanges print them: a letter, then letters, digits or one dot class (BRK.B). */
const SYMBOL_PATTERN = /^[A-Z][A-Z0-9]{0,5}(\.[A-Z])?$/;

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

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * FlashAlpha, or a simulator on this machine. Credentials are refused: the API takes only the
 * key (kept in the keychain), and a password in the URL would be stored in settings.json in
 * plain text and quoted by every failed request's error.
 */
export const BaseUrlSchema = z
  .string()
  .trim()
  .refine((value) => {
    const url = parseUrl(value);
    if (!url) return false;
    const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
    return url.protocol === 'https:' || (url.protocol === 'http:' && loopback);
  }, 'The base URL must be https (or http on this machine, for the simulator)')
  .refine((value) => {
    const url = parseUrl(value);
    return !url || (url.username === '' && url.password === '');
  }, 'The base URL must not contain a user name or password (user:password@); FlashAlpha takes the API key, which is kept in the keychain');

const NotificationSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  sound: z.boolean().default(true),
});

// ---- Alert channels (docs/channels.md): the non-secret part of each. Its secrets (webhook URLs,
// tokens, signing secrets) live in the OS keychain under the channel's id, never here. ----

export type ChannelKind = 'webhook' | 'discord' | 'slack' | 'telegram' | 'ntfy';
const MAX_CHANNELS = 20;

/** Made by main (random, URL-safe); names the channel's keychain entry. */
export const ChannelIdSchema = z.string().regex(/^ch-[a-z0-9]{8,32}$/, 'Not a channel id');

/** A header a receiver checks for the shared secret: an HTTP token, not one HedgeFlow sets. */
const SecretHeaderSchema = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/, 'A header name is letters, digits and dashes')
  .refine(
    (name) =>
      !/^(content-type|content-length|host|user-agent|x-hedgeflow-(event|delivery|timestamp|signature))$/i.test(
        name,
      ),
    'HedgeFlow sets that header itself; pick another name',
  );

/** A Telegram chat: a numeric id (negative for groups) or a public @channelname. */
const TelegramChatIdSchema = z
  .string()
  .trim()
  .regex(
    /^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/,
    'A chat id is a number (e.g. 123456789 or -1001234567890) or @channelname',
  );

const unique = <T>(list: readonly T[]): boolean => new Set(list).size === list.length;

const channelBase = {
  id: ChannelIdSchema,
  name: z
    .string()
    .trim()
    .min(1, 'Give the channel a name')
    .max(40, 'A name is at most 40 characters'),
  enabled: z.boolean().default(true),
  /** The alert kinds it receives. */
  kinds: z
    .array(VerdictKindSchema)
    .min(1, 'Pick at least one kind of alert')
    .refine(unique, 'Each kind only once')
    .default([...VERDICT_KINDS]),
  /** The symbols it receives; empty: every symbol. */
  symbols: z
    .array(SymbolSchema)
    .max(MAX_SYMBOLS, `At most ${MAX_SYMBOLS} symbols`)
    .refine(unique, 'Each symbol only once')
    .default([]),
};

export const WebhookChannelSchema = z.object({
  ...channelBase,
  kind: z.literal('webhook'),
  /** The header that carries the optional shared secret. */
  secretHeader: SecretHeaderSchema.default('X-HedgeFlow-Secret'),
});
export const DiscordChannelSchema = z.object({ ...channelBase, kind: z.literal('discord') });
export const SlackChannelSchema = z.object({ ...channelBase, kind: z.literal('slack') });
export const TelegramChannelSchema = z.object({
  ...channelBase,
  kind: z.literal('telegram'),
  chatId: TelegramChatIdSchema,
});
export const NtfyChannelSchema = z.object({ ...channelBase, kind: z.literal('ntfy') });

export const ChannelConfigSchema = z.discriminatedUnion('kind', [
  WebhookChannelSchema,
  DiscordChannelSchema,
  SlackChannelSchema,
  TelegramChannelSchema,
  NtfyChannelSchema,
]);
export type ChannelConfig = z.infer<typeof ChannelConfigSchema>;

const ChannelListSchema = z
  .array(ChannelConfigSchema)
  .max(MAX_CHANNELS, `At most ${MAX_CHANNELS} channels`)
  .refine((list) => unique(list.map((c) => c.id)), 'Each channel id only once');

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
  /** Look for a newer HedgeFlow on the project's GitHub releases (core/update). */
  checkForUpdates: z.boolean().default(true),
  historyDays: z.number().int().min(1).max(365).default(30),
  /** How many of the latest stored sessions the scorecard and the threshold preview look at. */
  scorecardSessions: z.number().int().min(1).max(250).default(20),
  /** Per-symbol weekdays (1 = Mon ... 5 = Fri) with a 0DTE expiry, overriding the defaults. */
  zeroDteListings: z.record(z.string(), z.array(z.number().int().min(1).max(5))).default({}),
  /** Alert channels beside the desktop notification; changed only through the channels:* calls. */
  channels: ChannelListSchema.default([]),
});

export type Settings = z.infer<typeof SettingsSchema>;

type SettingsKey = keyof Settings;
const SETTINGS_KEYS = Object.keys(SettingsSchema.shape) as SettingsKey[];

/**
 * Sections with calls of their own: a channel's config and its keychain entry change together
 * (channels:add/update/remove), so a plain settings update may not add or drop one.
 */
const OWNED_SETTINGS_KEYS: readonly SettingsKey[] = ['channels'];

/**
 * An update from the UI: any top-level sections, each replaced whole. The patch is only checked
 * for its keys here; the merged result is validated with SettingsSchema (a partial schema would
 * fill absent sections with defaults and silently reset them).
 */
export const SettingsPatchSchema = z
  .object(
    Object.fromEntries(
      SETTINGS_KEYS.filter((k) => !OWNED_SETTINGS_KEYS.includes(k)).map((k) => [
        k,
        z.unknown().optional(),
      ]),
    ),
  )
  .strict();
export type SettingsPatch = Partial<Omit<z.input<typeof SettingsSchema>, 'channels'>>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

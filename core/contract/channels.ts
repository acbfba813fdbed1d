// The IPC contract as one table (docs/architecture.md, "IPC"): each verb once, as the bridge
// method's name, its channel, the schema its payload must pass (payloads arrive as `unknown`) and
// its response type; and each event main pushes, as its name and payload type. The bridge, the
// handler map's type, the router and the push forwarding all derive from these two tables.
import { z } from 'zod';
import { DetectorSettingsSchema } from './detector.js';
import { SNOOZE_DURATIONS, type AlertRecord, type PreviewResult } from './detector.js';
import { ChannelIdSchema, SettingsPatchSchema, SymbolSchema } from './settings.js';
import {
  ChannelAddSchema,
  ChannelUpdateSchema,
  type ChannelTestResult,
  type ChannelView,
} from './alert-channels.js';
import type { Scorecard, SessionsPreview } from './outcomes.js';
import type { Settings } from './settings.js';
import type {
  AppStatusView,
  DetailView,
  KeyStatus,
  QuotaView,
  Snapshot,
  SymbolRow,
  UpdateStatus,
} from './views.js';
import type { SettingsPatch } from './settings.js';
import {
  channelsOf,
  None,
  push,
  returns,
  verb,
  type PushPayloads,
  type VerbTable,
} from './verbs.js';

/** A snooze length, or 'off' to end a snooze early. */
const SNOOZE_CHOICES = [...SNOOZE_DURATIONS, 'off'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

/** A FlashAlpha key: printable ASCII, no spaces; the exact format is the vendor's. */
export const ApiKeySchema = z
  .string()
  .trim()
  .min(8, 'That key is too short')
  .max(200, 'That key is too long')
  .regex(/^[\x21-\x7e]+$/, 'A key has no spaces or special characters');

/** yyyy-MM-dd; the current or latest session when absent. */
const SessionDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .optional();

/**
 * The patch is checked only for its keys at the boundary (settings.ts says why); its input type
 * is the typed patch, so a misspelt section fails to compile in the renderer, while the handler
 * still treats the values as unchecked until the merged settings are validated.
 */
const SettingsPatchPayload = SettingsPatchSchema as z.ZodType<
  Readonly<Record<string, unknown>>,
  SettingsPatch
>;

const symbolOnly = z.object({ symbol: SymbolSchema }).strict();
const channelId = z.object({ id: ChannelIdSchema }).strict();
type CsvFile = { readonly filename: string; readonly csv: string };

export const contract = {
  getSnapshot: verb('app:get-snapshot', None, returns<Snapshot>()),
  setPaused: verb(
    'app:set-paused',
    z.object({ paused: z.boolean() }).strict(),
    returns<AppStatusView>(),
  ),
  /** Hides main's one-off notice (an unreadable settings file) for good, in every popover. */
  dismissNotice: verb('app:dismiss-notice', None, returns<AppStatusView>()),
  getSettings: verb('settings:get', None, returns<Settings>()),
  /** Top-level sections, each replaced whole; answers with the new settings or why not. */
  updateSettings: verb('settings:update', SettingsPatchPayload, returns<Settings>()),
  setApiKey: verb('key:set', z.object({ key: ApiKeySchema }).strict(), returns<KeyStatus>()),
  deleteApiKey: verb('key:delete', None, returns<KeyStatus>()),
  refreshAccount: verb('account:refresh', None, returns<QuotaView | null>()),
  getDetail: verb('symbol:detail', symbolOnly, returns<DetailView>()),
  listAlerts: verb(
    'alerts:list',
    z
      .object({
        symbol: SymbolSchema.optional(),
        limit: z.number().int().min(1).max(5000).optional(),
      })
      .strict()
      .optional(),
    returns<readonly AlertRecord[]>(),
  ),
  exportAlertsCsv: verb(
    'alerts:export-csv',
    z.object({ symbol: SymbolSchema.optional() }).strict().optional(),
    returns<CsvFile>(),
  ),
  /** The session's stored bars of one symbol as CSV (today's by default). */
  exportBarsCsv: verb(
    'bars:export-csv',
    z.object({ symbol: SymbolSchema, date: SessionDateSchema }).strict(),
    returns<CsvFile>(),
  ),
  /** Snoozes a symbol's alerts ('off' ends a snooze); answers with its row. */
  snooze: verb(
    'alerts:snooze',
    z.object({ symbol: SymbolSchema, duration: z.enum(SNOOZE_CHOICES) }).strict(),
    returns<SymbolRow>(),
  ),
  previewDetector: verb(
    'detector:preview',
    z
      .object({ symbol: SymbolSchema, detector: DetectorSettingsSchema, date: SessionDateSchema })
      .strict(),
    returns<PreviewResult>(),
  ),
  openExternal: verb(
    'app:open-external',
    z.object({ url: z.string().url() }).strict(),
    returns<null>(),
  ),
  /** Whether a newer HedgeFlow is available (pushed as 'update' when that changes). */
  getUpdate: verb('update:get', None, returns<UpdateStatus>()),
  listChannels: verb('channels:list', None, returns<readonly ChannelView[]>()),
  /** Secrets go in once and are stored in the keychain; the answer carries a masked hint. */
  addChannel: verb('channels:add', ChannelAddSchema, returns<ChannelView>()),
  updateChannel: verb('channels:update', ChannelUpdateSchema, returns<ChannelView>()),
  removeChannel: verb('channels:remove', channelId, returns<readonly ChannelView[]>()),
  /** Sends a clearly marked test alert now and answers with the outcome. */
  testChannel: verb('channels:test', channelId, returns<ChannelTestResult>()),
  /** The stored alerts' scorecard over the latest `scorecardSessions` sessions. */
  getScorecard: verb('alerts:scorecard', None, returns<Scorecard>()),
  /** A draft of the detector settings replayed over the latest sessions, beside the current. */
  previewDetectorSessions: verb(
    'detector:preview-sessions',
    z.object({ detector: DetectorSettingsSchema }).strict(),
    returns<SessionsPreview>(),
  ),
} as const satisfies VerbTable;

export type Contract = typeof contract;
type VerbName = keyof Contract;
export type InvokeChannel = Contract[VerbName]['channel'];
/** Every channel, in the table's order (loading this module fails if two verbs share one). */
export const INVOKE_CHANNELS = channelsOf(contract) as InvokeChannel[];

export type PopoverView = 'rows' | 'alerts' | 'settings';

/** Events main pushes to the renderer. */
export const pushEvents = {
  /** Everything, on start and whenever the set or order of symbols changes: replaces all rows. */
  snapshot: push<Snapshot>(),
  /** One row whose content changed since it was last pushed (a delta; see SymbolRow.revision). */
  symbol: push<SymbolRow>(),
  status: push<AppStatusView>(),
  alert: push<AlertRecord>(),
  /** An alert already pushed, again: its outcomes changed as later bars became final. */
  'alert-updated': push<AlertRecord>(),
  /** Show this symbol (a notification was clicked, or the tray menu picked it). */
  'focus-symbol': push<{ readonly symbol: string }>(),
  /** Switch the popover to a view (the tray menu's "Settings…"). */
  'open-view': push<{ readonly view: PopoverView }>(),
  /** A newer HedgeFlow was found (or the notice went away: checks turned off, or up to date). */
  update: push<UpdateStatus>(),
  /** The alert channels, whenever one is added, edited, removed or its health changes. */
  channels: push<readonly ChannelView[]>(),
} as const;

export type PushEvents = PushPayloads<typeof pushEvents>;
export type PushEvent = keyof PushEvents;
export const PUSH_EVENTS = Object.keys(pushEvents) as PushEvent[];

export function isPushEvent(name: unknown): name is PushEvent {
  return typeof name === 'string' && Object.hasOwn(pushEvents, name);
}

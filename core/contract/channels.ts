// The one place that declares every IPC channel: its name, the schema its payload must pass
// (payloads arrive as `unknown`), and its response type; plus the events main pushes.
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
  SymbolView,
  UpdateStatus,
} from './views.js';

const None = z.undefined().or(z.null()).optional();

/** A snooze length, or 'off' to end a snooze early. */
export const SNOOZE_CHOICES = [...SNOOZE_DURATIONS, 'off'] as const;
export type SnoozeChoice = (typeof SNOOZE_CHOICES)[number];

/** A FlashAlpha key: printable ASCII, no spaces; the exact format is the vendor's. */
export const ApiKeySchema = z
  .string()
  .trim()
  .min(8, 'That key is too short')
  .max(200, 'That key is too long')
  .regex(/^[\x21-\x7e]+$/, 'A key has no spaces or special characters');

export const invokeSchemas = {
  'app:get-snapshot': None,
  'app:set-paused': z.object({ paused: z.boolean() }).strict(),
  'settings:get': None,
  'settings:update': SettingsPatchSchema,
  'key:set': z.object({ key: ApiKeySchema }).strict(),
  'key:delete': None,
  'account:refresh': None,
  'symbol:detail': z.object({ symbol: SymbolSchema }).strict(),
  'alerts:list': z
    .object({
      symbol: SymbolSchema.optional(),
      limit: z.number().int().min(1).max(5000).optional(),
    })
    .strict()
    .optional(),
  'alerts:export-csv': z.object({ symbol: SymbolSchema.optional() }).strict().optional(),
  'bars:export-csv': z
    .object({
      symbol: SymbolSchema,
      /** yyyy-MM-dd; the current or latest session when absent. */
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    })
    .strict(),
  'alerts:snooze': z.object({ symbol: SymbolSchema, duration: z.enum(SNOOZE_CHOICES) }).strict(),
  'detector:preview': z
    .object({
      symbol: SymbolSchema,
      detector: DetectorSettingsSchema,
      /** yyyy-MM-dd; the current or latest session when absent. */
      date: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional(),
    })
    .strict(),
  'app:open-external': z.object({ url: z.string().url() }).strict(),
  'update:get': None,
  'channels:list': None,
  'channels:add': ChannelAddSchema,
  'channels:update': ChannelUpdateSchema,
  'channels:remove': z.object({ id: ChannelIdSchema }).strict(),
  /** Sends a clearly marked test alert now and answers with the outcome. */
  'channels:test': z.object({ id: ChannelIdSchema }).strict(),
  /** The stored alerts' scorecard over the latest `scorecardSessions` sessions. */
  'alerts:scorecard': None,
  /** A draft of the detector settings replayed over the latest sessions, beside the current. */
  'detector:preview-sessions': z.object({ detector: DetectorSettingsSchema }).strict(),
} as const;

export type InvokeChannel = keyof typeof invokeSchemas;

export interface InvokeResponses {
  'app:get-snapshot': Snapshot;
  'app:set-paused': AppStatusView;
  'settings:get': Settings;
  'settings:update': Settings;
  'key:set': KeyStatus;
  'key:delete': KeyStatus;
  'account:refresh': QuotaView | null;
  'symbol:detail': DetailView;
  'alerts:list': readonly AlertRecord[];
  'alerts:export-csv': { readonly filename: string; readonly csv: string };
  'bars:export-csv': { readonly filename: string; readonly csv: string };
  'alerts:snooze': SymbolView;
  'detector:preview': PreviewResult;
  'app:open-external': null;
  'update:get': UpdateStatus;
  'channels:list': readonly ChannelView[];
  'channels:add': ChannelView;
  'channels:update': ChannelView;
  'channels:remove': readonly ChannelView[];
  'channels:test': ChannelTestResult;
  'alerts:scorecard': Scorecard;
  'detector:preview-sessions': SessionsPreview;
}

export type InvokeRequest<C extends InvokeChannel> = z.output<(typeof invokeSchemas)[C]>;

/** Events main pushes to the renderer. */
export interface PushEvents {
  /** Everything, on start and whenever the set or order of symbols changes. */
  snapshot: Snapshot;
  /** One symbol changed. */
  symbol: SymbolView;
  status: AppStatusView;
  alert: AlertRecord;
  /** An alert already pushed, again: its outcomes changed as later bars became final. */
  'alert-updated': AlertRecord;
  /** Show this symbol (a notification was clicked, or the tray menu picked it). */
  'focus-symbol': { readonly symbol: string };
  /** Switch the popover to a view (the tray menu's "Settings…"). */
  'open-view': { readonly view: PopoverView };
  /** A newer HedgeFlow was found (or the notice went away: checks turned off, or up to date). */
  update: UpdateStatus;
  /** The alert channels, whenever one is added, edited, removed or its health changes. */
  channels: readonly ChannelView[];
}

export const POPOVER_VIEWS = ['rows', 'alerts', 'settings'] as const;
export type PopoverView = (typeof POPOVER_VIEWS)[number];

export type PushEvent = keyof PushEvents;
export const PUSH_EVENTS: readonly PushEvent[] = [
  'snapshot',
  'symbol',
  'status',
  'alert',
  'alert-updated',
  'focus-symbol',
  'open-view',
  'update',
  'channels',
];

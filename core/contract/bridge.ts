// `window.hedgeflow`: named verbs over the channels of channels.ts. The Electron preload and the
// Playwright harness build it with the same factory, each with its own transport.
import type { ChannelAdd, ChannelUpdate } from './alert-channels.js';
import type { AlertRecord, DetectorSettings } from './detector.js';
import type {
  InvokeChannel,
  InvokeResponses,
  PushEvent,
  PushEvents,
  SnoozeChoice,
} from './channels.js';
import type { Result } from './result.js';
import type { SettingsPatch } from './settings.js';

export type Unsubscribe = () => void;

export interface BridgeTransport {
  invoke(channel: InvokeChannel, payload: unknown): Promise<unknown>;
  subscribe(event: PushEvent, listener: (payload: unknown) => void): Unsubscribe;
}

type Call<C extends InvokeChannel> = Promise<Result<InvokeResponses[C]>>;

export interface HedgeflowApi {
  getSnapshot(): Call<'app:get-snapshot'>;
  setPaused(paused: boolean): Call<'app:set-paused'>;
  getSettings(): Call<'settings:get'>;
  updateSettings(patch: SettingsPatch): Call<'settings:update'>;
  setApiKey(key: string): Call<'key:set'>;
  deleteApiKey(): Call<'key:delete'>;
  refreshAccount(): Call<'account:refresh'>;
  getDetail(symbol: string): Call<'symbol:detail'>;
  listAlerts(query?: { symbol?: string; limit?: number }): Call<'alerts:list'>;
  exportAlertsCsv(query?: { symbol?: string }): Call<'alerts:export-csv'>;
  /** The session's stored bars of one symbol as CSV (today's by default). */
  exportBarsCsv(query: { symbol: string; date?: string }): Call<'bars:export-csv'>;
  snooze(symbol: string, duration: SnoozeChoice): Call<'alerts:snooze'>;
  previewDetector(query: {
    symbol: string;
    detector: DetectorSettings;
    date?: string;
  }): Call<'detector:preview'>;
  openExternal(url: string): Call<'app:open-external'>;
  /** Whether a newer HedgeFlow is available (pushed as 'update' when that changes). */
  getUpdate(): Call<'update:get'>;
  listChannels(): Call<'channels:list'>;
  /** Secrets go in once and are stored in the keychain; the answer carries a masked hint. */
  addChannel(channel: ChannelAdd): Call<'channels:add'>;
  updateChannel(update: ChannelUpdate): Call<'channels:update'>;
  removeChannel(id: string): Call<'channels:remove'>;
  testChannel(id: string): Call<'channels:test'>;
  /** How the stored alerts of the latest N sessions played out. */
  getScorecard(): Call<'alerts:scorecard'>;
  /** A draft of the detector settings over the latest N sessions, beside the current ones. */
  previewDetectorSessions(detector: DetectorSettings): Call<'detector:preview-sessions'>;
  on<E extends PushEvent>(event: E, listener: (payload: PushEvents[E]) => void): Unsubscribe;
}

export function createBridge(transport: BridgeTransport): HedgeflowApi {
  const call = <C extends InvokeChannel>(channel: C, payload?: unknown): Call<C> =>
    transport.invoke(channel, payload) as Call<C>;
  return {
    getSnapshot: () => call('app:get-snapshot'),
    setPaused: (paused) => call('app:set-paused', { paused }),
    getSettings: () => call('settings:get'),
    updateSettings: (patch) => call('settings:update', patch),
    setApiKey: (key) => call('key:set', { key }),
    deleteApiKey: () => call('key:delete'),
    refreshAccount: () => call('account:refresh'),
    getDetail: (symbol) => call('symbol:detail', { symbol }),
    listAlerts: (query) => call('alerts:list', query),
    exportAlertsCsv: (query) => call('alerts:export-csv', query),
    exportBarsCsv: (query) => call('bars:export-csv', query),
    snooze: (symbol, duration) => call('alerts:snooze', { symbol, duration }),
    previewDetector: (query) => call('detector:preview', query),
    openExternal: (url) => call('app:open-external', { url }),
    getUpdate: () => call('update:get'),
    listChannels: () => call('channels:list'),
    addChannel: (channel) => call('channels:add', channel),
    updateChannel: (update) => call('channels:update', update),
    removeChannel: (id) => call('channels:remove', { id }),
    testChannel: (id) => call('channels:test', { id }),
    getScorecard: () => call('alerts:scorecard'),
    previewDetectorSessions: (detector) => call('detector:preview-sessions', { detector }),
    on: (event, listener) =>
      transport.subscribe(event, (payload) => listener(payload as PushEvents[typeof event])),
  };
}

export type { AlertRecord };

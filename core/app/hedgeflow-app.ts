// The app: settings + key + source + poll loop + detection + alerts, behind a small surface
// that the Electron shell, the terminal and the test harness all drive the same way. The parts
// live apart: the source in use and its poll loop (active-source.ts), each source's lane of
// market time, history, alert state and quota (source-lanes.ts), previews and the scorecard
// (detector-preview.ts, scorecard-service.ts); this class wires them, keeps what the user
// set (paused, online, the notice) and pushes what changed.
import { latestSession, nyDate } from '../../calendar/index.js';
import { ChannelService } from '../channels/channel-service.js';
import type { ChannelEndpoints } from '../channels/endpoints.js';
import type { PopoverView, PushEvents, SnoozeChoice } from '../contract/channels.js';
import type { DetectorSettings, PreviewResult } from '../contract/detector.js';
import type { Scorecard, SessionsPreview } from '../contract/outcomes.js';
import type { Settings } from '../contract/settings.js';
import type {
  AppStatusView,
  ErrorView,
  QuotaView,
  Snapshot,
  SourceKind,
  SymbolRow,
  SymbolView,
} from '../contract/views.js';
import type { HistoryStore } from '../history/history-store.js';
import { processSecrets } from '../log/secret-registry.js';
import type { Clock } from '../ports/clock.js';
import type { HttpTransport } from '../ports/http.js';
import type { Logger } from '../ports/logger.js';
import type { Notifier } from '../ports/notifier.js';
import type { KeyedSecretStore, SecretStore } from '../ports/secret-store.js';
import type { FileStorage } from '../ports/storage.js';
import { SettingsStore, type SettingsUpdate } from '../settings/settings-store.js';
import type { InProcessSimulator } from '../source/sim-transport.js';
import type { UpdateChecker, UpdateSource } from '../update/update-checker.js';
import { updateCheckerFor } from '../update/update-checker.js';
import { ActiveSource } from './active-source.js';
import type { AppArchive } from './app-archive.js';
import { marketView, sessionFor } from './current-session.js';
import { previewDetector, type DetectorPreviewQuery } from './detector-preview.js';
import { Emitter } from './emitter.js';
import { toErrorView } from './error-view.js';
import { KeyManager } from './key-manager.js';
import type { AnsweredRequest } from './poll-request.js';
import { RowRevisions } from './row-revisions.js';
import { previewSessions, storedScorecard } from './scorecard-service.js';
import { openLane, type Lane, type LaneDeps } from './source-lanes.js';

export interface HedgeFlowAppDeps {
  readonly clock: Clock;
  readonly http: HttpTransport;
  readonly secrets: SecretStore;
  readonly notifier: Notifier;
  readonly storage: FileStorage;
  readonly logger: Logger & { redact?(secret: string): void };
  /** The in-process simulator behind demo mode. */
  readonly createSimulator: () => InProcessSimulator;
  readonly openExternal?: (url: string) => Promise<void>;
  /** Sees settings after load and after every change (launch at login lives in the shell). */
  readonly onSettings?: (settings: Settings) => void;
  /** The running version and its GitHub repository, for the update notice; absent: no checks. */
  readonly updates?: UpdateSource;
  /** The keychain's per-channel entries (alert channels' secrets); none: channels can't store any. */
  readonly channelSecrets?: KeyedSecretStore;
  /** Tests only: the services' endpoints on loopback receivers. */
  readonly channelEndpoints?: Partial<ChannelEndpoints>;
  /** Every answered data request, merged and checked (statistics: tests and benchmarks). */
  readonly onAnswer?: (answer: AnsweredRequest) => void;
}

export class HedgeFlowApp {
  readonly #deps: HedgeFlowAppDeps;
  readonly settings: SettingsStore;
  readonly keys: KeyManager;
  /** The update notice (core/update): at start, every 12 h, and never while off in settings. */
  readonly updates: UpdateChecker;
  /** Alert channels beside the desktop notification (docs/channels.md). */
  readonly channels: ChannelService;
  readonly #events = new Emitter<PushEvents>();
  /** Every row handed out is stamped here; only changed rows are pushed. */
  readonly #rows = new RowRevisions();
  /** Market time, history, alert state and quota, one lane per source (they never mix). */
  #lanes!: Readonly<Record<SourceKind, Lane>>;
  /** The source in use and its poll loop (none before `start` and after `stop`). */
  #source!: ActiveSource;
  #paused = false;
  #online = true;
  #notice: string | null = null;
  #appError: ErrorView | null = null;
  #lastStatus = '';
  #started = false;
  /** The New York date history was last pruned on. */
  #prunedOn = '';

  private constructor(deps: HedgeFlowAppDeps) {
    this.#deps = deps;
    this.settings = new SettingsStore(deps.storage);
    // Every key loaded or stored is a secret of the process (errors, views) and of the logger.
    const redact = (secret: string): void => {
      processSecrets.add(secret);
      deps.logger.redact?.(secret);
    };
    this.keys = new KeyManager(deps.secrets, redact);
    this.updates = updateCheckerFor(deps, (status) => this.#events.emit('update', status));
    this.channels = new ChannelService({
      ...deps,
      redact,
      secrets: deps.channelSecrets ?? null,
      settings: this.settings,
      endpoints: deps.channelEndpoints,
    });
  }

  static async create(deps: HedgeFlowAppDeps): Promise<HedgeFlowApp> {
    const app = new HedgeFlowApp(deps);
    app.#notice = await app.settings.load(deps.clock.now());
    if (app.#notice) deps.logger.warn(app.#notice);
    await app.keys.load();
    // Info, not warn: the UI (and `watch`, in one line of its own) already says so.
    if (!app.keys.keychain.available)
      deps.logger.info('keychain unavailable', { reason: app.keys.keychain.message });
    deps.onSettings?.(app.settings.current);
    await app.channels.load();
    app.channels.onChange(() => app.#events.emit('channels', app.channels.views()));
    const laneDeps: LaneDeps = {
      clock: deps.clock,
      storage: deps.storage,
      logger: deps.logger,
      notifier: deps.notifier,
      settings: () => app.settings.current,
      onAlert: (alert) => app.#events.emit('alert', alert),
      deliver: (alert, source) => app.channels.deliver(alert, source),
      onAlertUpdate: (alert) => app.#events.emit('alert-updated', alert),
    };
    app.#lanes = {
      flashalpha: await openLane('flashalpha', laneDeps),
      demo: await openLane('demo', laneDeps),
    };
    app.#source = new ActiveSource({
      clock: deps.clock,
      http: deps.http,
      logger: deps.logger,
      createSimulator: deps.createSimulator,
      settings: () => app.settings.current,
      keys: app.keys,
      lanes: app.#lanes,
      onSymbol: (view) => void app.#pushRow(view),
      onAppError: (error) => app.#setAppError(error),
      onCycle: () => app.#afterCycle(),
      ...(deps.onAnswer ? { onAnswer: deps.onAnswer } : {}),
    });
    await app.#prune();
    return app;
  }

  get clock(): Clock {
    return this.#deps.clock;
  }

  get logger(): Logger {
    return this.#deps.logger;
  }

  on<E extends keyof PushEvents>(event: E, listener: (payload: PushEvents[E]) => void): () => void {
    return this.#events.on(event, listener);
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    this.channels.start();
    this.#rebuild();
    this.updates.setEnabled(this.settings.current.checkForUpdates);
  }

  async stop(): Promise<void> {
    this.#started = false;
    this.updates.stop();
    await this.#source.stop();
    await this.channels.stop();
  }

  get sourceKind(): SourceKind {
    return this.#source.choice.kind;
  }

  snapshot(): Snapshot {
    return { now: this.#deps.clock.now(), status: this.status(), symbols: this.symbolViews() };
  }

  /** Every symbol's row now (built afresh; unchanged content keeps its revision). */
  symbolViews(): SymbolRow[] {
    return (this.#source.loop?.views() ?? []).map((view) => this.#rows.stamp(view));
  }

  status(): AppStatusView {
    const choice = this.#source.choice;
    const now = this.#lane.market.now();
    return {
      source: choice.kind,
      demoReason: choice.kind === 'demo' ? choice.reason : null,
      paused: this.#paused,
      online: this.#online,
      key: this.keys.status,
      keychain: this.keys.keychain,
      quota: this.#source.quota(),
      market: marketView(sessionFor(now), now),
      error: this.#appError,
      notice: this.#notice,
      nextPollAt: this.#source.loop?.nextPollAt ?? null,
    };
  }

  // ---- user actions -------------------------------------------------------------------------

  setPaused(paused: boolean): AppStatusView {
    this.#paused = paused;
    this.#source.loop?.setPaused(paused);
    this.#emitStatus();
    return this.status();
  }

  /** The laptop went to sleep: stop timers; `resume` backfills once. */
  suspend(): void {
    this.#source.loop?.suspend();
  }

  resume(): void {
    this.#source.loop?.resume();
    this.updates.nudge();
  }

  setOnline(online: boolean): void {
    if (this.#online === online) return;
    this.#online = online;
    this.channels.setOnline(online);
    if (online) this.#source.loop?.resume();
    if (online) this.updates.nudge();
    this.#emitStatus();
  }

  focusSymbol(symbol: string): void {
    this.#events.emit('focus-symbol', { symbol });
  }

  openView(view: PopoverView): void {
    this.#events.emit('open-view', { view });
  }

  dismissNotice(): AppStatusView {
    this.#notice = null;
    this.#emitStatus();
    return this.status();
  }

  async updateSettings(patch: unknown): Promise<SettingsUpdate> {
    const result = await this.settings.update(patch);
    if (result.ok) {
      this.#deps.onSettings?.(result.value);
      for (const lane of Object.values(this.#lanes)) lane.pipeline.applySettings(result.value);
      this.#rebuild();
      if (this.#started) this.updates.setEnabled(result.value.checkForUpdates);
    }
    return result;
  }

  async setKey(key: string): Promise<void> {
    await this.keys.set(key);
    this.#keyChanged();
  }

  async deleteKey(): Promise<void> {
    await this.keys.delete();
    this.#keyChanged();
  }

  /**
   * Fresh plan and quota figures from /v1/account, fetched by the poll loop on the same path as
   * its own account step: counted once, its headers heard once, a plan upgrade lifting the
   * planner's tier block. Null on demo data (no key, no quota).
   */
  async refreshAccount(): Promise<QuotaView | null> {
    try {
      return await this.#source.refreshAccount();
    } finally {
      this.#emitStatus();
    }
  }

  async openExternal(url: string): Promise<void> {
    if (!this.#deps.openExternal) throw new Error('Links cannot be opened here.');
    await this.#deps.openExternal(url);
  }

  // ---- alerts and history -------------------------------------------------------------------

  /** Snoozes a symbol's alerts ('off' ends a snooze); returns its row. */
  async snooze(symbol: string, duration: SnoozeChoice): Promise<SymbolRow | null> {
    await this.#lane.pipeline.snooze(symbol, duration);
    const view = this.#source.loop?.views().find((v) => v.symbol === symbol);
    if (view === undefined) return null;
    return this.#pushRow(view);
  }

  /** How often `detector` would have alerted on `symbol` over a session (today's by default). */
  previewDetector(query: DetectorPreviewQuery): Promise<PreviewResult> {
    return previewDetector(query, {
      settings: this.settings.current,
      today: latestSession(this.#lane.market.now()).date,
      live: (symbol) => this.#source.loop?.state(symbol),
      archive: this.archive,
    });
  }

  /** How the alerts of the latest N stored sessions played out, per rule and symbol. */
  scorecard(): Promise<Scorecard> {
    return storedScorecard(this.history, this.settings.current, this.#lane.market.now());
  }

  /** A draft of the detector settings against the current ones, over the latest N sessions. */
  previewDetectorSessions(draft: DetectorSettings): Promise<SessionsPreview> {
    const [history, settings, now] = [this.history, this.settings.current, this.#lane.market.now()];
    const live = (symbol: string) => this.#source.loop?.state(symbol);
    return previewSessions({ history, now, settings, draft, live });
  }

  /** Stored bars and alerts of the source in use (demo data has its own). */
  get archive(): AppArchive {
    return this.#lane.archive;
  }

  /** Bars and alerts per session date and symbol (core/history). */
  get history(): HistoryStore {
    return this.archive.history;
  }

  // ---- internals ----------------------------------------------------------------------------

  /** The lane of the source in use. */
  get #lane(): Lane {
    return this.#source.lane;
  }

  /** Settings, key or source changed: start over with a fresh loop (history stays on disk). */
  #rebuild(): void {
    if (!this.#started) return;
    this.#source.restart(this.#paused);
    const snapshot = this.snapshot();
    this.#rows.replaced(snapshot.symbols);
    this.#events.emit('snapshot', snapshot);
  }

  #afterCycle(): void {
    // A tray app runs for weeks: history is pruned each new day, not only at start.
    if (nyDate(this.#deps.clock.now()) !== this.#prunedOn) void this.#prune(); // logs its own failures
    this.#emitStatus();
  }

  async #prune(): Promise<void> {
    const today = nyDate(this.#deps.clock.now());
    this.#prunedOn = today;
    for (const lane of Object.values(this.#lanes)) {
      await lane.archive.prune(today, this.settings.current.historyDays);
    }
  }

  #setAppError(error: unknown): void {
    this.#appError = error === null ? null : toErrorView(error, this.#deps.clock.now());
    this.#emitStatus();
  }

  /** Another key (or none): what the server said of the old one no longer holds. */
  #keyChanged(): void {
    this.#source.keyChanged();
    this.#appError = null;
    this.#rebuild();
  }

  /** Stamps a fresh view; pushes it only when its content changed since the last push. */
  #pushRow(view: SymbolView): SymbolRow {
    const row = this.#rows.stamp(view);
    if (this.#rows.shouldPush(row)) this.#events.emit('symbol', row);
    return row;
  }

  #emitStatus(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.#lastStatus) return;
    this.#lastStatus = key;
    this.#events.emit('status', status);
  }
}

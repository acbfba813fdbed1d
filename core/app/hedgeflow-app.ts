// The app: settings + key + source + poll loop + detection + alerts, behind a small surface
// that the Electron shell, the terminal and the test harness all drive the same way.
import { ApiError } from '../api/errors.js';
import type { DetectorSettings, PreviewResult } from '../contract/detector.js';
import type { Scorecard, SessionsPreview } from '../contract/outcomes.js';
import type { PopoverView, PushEvents, SnoozeChoice } from '../contract/channels.js';
import type { Settings } from '../contract/settings.js';
import type {
  AppStatusView,
  ErrorView,
  QuotaView,
  Snapshot,
  SourceKind,
  SymbolStatus,
  SymbolView,
} from '../contract/views.js';
import type { Clock } from '../ports/clock.js';
import type { HttpTransport } from '../ports/http.js';
import type { Logger } from '../ports/logger.js';
import type { Notifier } from '../ports/notifier.js';
import type { KeyedSecretStore, SecretStore } from '../ports/secret-store.js';
import { ChannelService } from '../channels/channel-service.js';
import type { ChannelEndpoints } from '../channels/endpoints.js';
import { decisionSettings } from '../alerts/gates.js';
import type { FileStorage } from '../ports/storage.js';
import { processSecrets } from '../log/secret-registry.js';
import { SettingsStore, type SettingsUpdate } from '../settings/settings-store.js';
import type { FlowSource } from '../source/flow-source.js';
import type { InProcessSimulator } from '../source/sim-transport.js';
import { demoSource, flashAlphaSource } from '../source/sources.js';
import { Emitter } from './emitter.js';
import { toErrorView } from './error-view.js';
import { KeyManager } from './key-manager.js';
import { marketView, sessionFor } from './market.js';
import { PollLoop } from './poll-loop.js';
import type { AnsweredRequest } from './poll-request.js';
import { previewDay } from './detector-preview.js';
import { previewSessions, storedScorecard } from './scorecard-service.js';
import { latestSession, nyDate } from '../../sim/engine/market/index.js';
import type { HistoryStore } from '../history/history-store.js';
import { BAR_MS } from '../model/flow.js';
import type { AppArchive } from './app-archive.js';
import { openLane, type Lane, type LaneDeps } from './source-lanes.js';
import { QuotaTracker } from '../plan/quota.js';
import type { UpdateChecker, UpdateSource } from '../update/update-checker.js';
import { updateCheckerFor } from '../update/update-checker.js';

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
  readonly #d: HedgeFlowAppDeps;
  readonly settings: SettingsStore;
  readonly keys: KeyManager;
  /** The update notice (core/update): at start, every 12 h, and never while off in settings. */
  readonly updates: UpdateChecker;
  /** Alert channels beside the desktop notification (docs/channels.md). */
  readonly channels: ChannelService;
  readonly #events = new Emitter<PushEvents>();
  #loop: PollLoop | null = null;
  #source: FlowSource | null = null;
  #simulator: InProcessSimulator | null = null;
  #paused = false;
  #online = true;
  #notice: string | null = null;
  #appError: ErrorView | null = null;
  /** Lives as long as the app: a settings change must not forget today's requests. */
  readonly #quota = new QuotaTracker();
  /** Market time, history and alert state, one lane per source (they never mix). */
  #lanes!: Readonly<Record<SourceKind, Lane>>;
  #lastStatus = '';
  #started = false;
  /** The New York date history was last pruned on. */
  #prunedOn = '';

  private constructor(deps: HedgeFlowAppDeps) {
    this.#d = deps;
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
    await app.#prune();
    return app;
  }

  get clock(): Clock {
    return this.#d.clock;
  }

  get logger(): Logger {
    return this.#d.logger;
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
    await this.#loop?.stop();
    this.#loop = null;
    await this.channels.stop();
  }

  get sourceKind(): SourceKind {
    return this.#selectSource().kind;
  }

  snapshot(): Snapshot {
    return { now: this.#d.clock.now(), status: this.status(), symbols: this.symbolViews() };
  }

  symbolViews(): SymbolView[] {
    return this.#loop?.views() ?? [];
  }

  status(): AppStatusView {
    const choice = this.#selectSource();
    const now = this.#lane.market.now();
    return {
      source: choice.kind,
      demoReason: choice.kind === 'demo' ? choice.reason : null,
      paused: this.#paused,
      online: this.#online,
      key: this.keys.status,
      keychain: this.keys.keychain,
      quota: choice.kind === 'demo' ? null : this.#quotaView(),
      market: marketView(sessionFor(now), now),
      error: this.#appError,
      notice: this.#notice,
      nextPollAt: this.#loop?.nextPollAt ?? null,
    };
  }

  // ---- user actions -------------------------------------------------------------------------

  setPaused(paused: boolean): AppStatusView {
    this.#paused = paused;
    this.#loop?.setPaused(paused);
    this.#emitStatus();
    return this.status();
  }

  /** The laptop went to sleep: stop timers; `resume` backfills once. */
  suspend(): void {
    this.#loop?.suspend();
  }

  resume(): void {
    this.#loop?.resume();
    this.updates.nudge();
  }

  setOnline(online: boolean): void {
    if (this.#online === online) return;
    this.#online = online;
    this.channels.setOnline(online);
    if (online) this.#loop?.resume();
    if (online) this.updates.nudge();
    this.#emitStatus();
  }

  focusSymbol(symbol: string): void {
    this.#events.emit('focus-symbol', { symbol });
  }

  openView(view: PopoverView): void {
    this.#events.emit('open-view', { view });
  }

  dismissNotice(): void {
    this.#notice = null;
    this.#emitStatus();
  }

  async updateSettings(patch: unknown): Promise<SettingsUpdate> {
    const result = await this.settings.update(patch);
    if (result.ok) {
      this.#d.onSettings?.(result.value);
      for (const lane of Object.values(this.#lanes)) lane.pipeline.applySettings(result.value);
      this.#rebuild();
      if (this.#started) this.updates.setEnabled(result.value.checkForUpdates);
    }
    return result;
  }

  async setKey(key: string): Promise<void> {
    await this.keys.set(key);
    this.#appError = null;
    this.#rebuild();
  }

  async deleteKey(): Promise<void> {
    await this.keys.delete();
    this.#appError = null;
    this.#rebuild();
  }

  async refreshAccount(): Promise<QuotaView | null> {
    const source = this.#source;
    if (!source || source.kind === 'demo') return null;
    this.#countRequest();
    try {
      const result = await source.account();
      // Through the planner: a plan upgrade lifts a tier block, the figures pace the polls.
      if (this.#loop) this.#loop.applyAccount(result.data);
      else this.#quota.observeAccount(result.data, this.#d.clock.now());
    } catch (error) {
      this.#loop?.applyAccountError(error);
      throw error;
    } finally {
      this.#emitStatus();
    }
    return this.#quotaView();
  }

  // ---- alerts ---------------------------------------------------------------------------------

  /** Snoozes a symbol's alerts ('off' ends a snooze); returns its row. */
  async snooze(symbol: string, duration: SnoozeChoice): Promise<SymbolView | null> {
    await this.#lane.pipeline.snooze(symbol, duration);
    const view = this.symbolViews().find((v) => v.symbol === symbol) ?? null;
    if (view) this.#events.emit('symbol', view);
    return view;
  }

  /** How often `detector` would have alerted on `symbol` over a session (today's by default). */
  async previewDetector(query: {
    symbol: string;
    detector: DetectorSettings;
    date?: string;
  }): Promise<PreviewResult> {
    const { settings } = this;
    const today = this.#latestSessionDate();
    const date = query.date ?? today;
    const live = date === today ? this.#loop?.state(query.symbol) : undefined;
    const bars = live ? live.closedBars() : await this.archive.storedBars(query.symbol, date);
    const reference =
      query.detector.minPercentile > 0 ? await this.archive.referenceBars(query.symbol, date) : [];
    return previewDay({
      symbol: query.symbol,
      date,
      detector: query.detector,
      alerts: decisionSettings(settings.current.alerts),
      barMs: BAR_MS[settings.current.barSize],
      bars,
      reference,
    });
  }

  /** How the alerts of the latest N stored sessions played out, per rule and symbol. */
  scorecard(): Promise<Scorecard> {
    return storedScorecard(this.history, this.settings.current, this.#lane.market.now());
  }

  /** A draft of the detector settings against the current ones, over the latest N sessions. */
  previewDetectorSessions(draft: DetectorSettings): Promise<SessionsPreview> {
    const [history, settings, now] = [this.history, this.settings.current, this.#lane.market.now()];
    return previewSessions({ history, now, settings, draft, live: (s) => this.#loop?.state(s) });
  }

  /** Bars and alerts per session date and symbol (core/history). */
  get history(): HistoryStore {
    return this.archive.history;
  }

  #latestSessionDate(): string {
    return latestSession(this.#lane.market.now()).date;
  }

  async openExternal(url: string): Promise<void> {
    if (!this.#d.openExternal) throw new Error('Links cannot be opened here.');
    await this.#d.openExternal(url);
  }

  // ---- internals ----------------------------------------------------------------------------

  #selectSource():
    | { kind: 'flashalpha' }
    | { kind: 'demo'; reason: 'no-key' | 'keychain-unavailable' | 'user-choice' } {
    if (this.settings.current.source === 'demo') return { kind: 'demo', reason: 'user-choice' };
    if (!this.keys.keychain.available) return { kind: 'demo', reason: 'keychain-unavailable' };
    if (!this.keys.key) return { kind: 'demo', reason: 'no-key' };
    return { kind: 'flashalpha' };
  }

  #buildSource(): FlowSource {
    const choice = this.#selectSource();
    if (choice.kind === 'demo') {
      this.#simulator ??= this.#d.createSimulator();
      // The simulator must see the same (replayed) market time as the poll loop.
      const market = this.#lanes.demo.market;
      return demoSource(this.#simulator, () => market.now(), this.#d.logger);
    }
    return flashAlphaSource({
      baseUrl: this.settings.current.baseUrl,
      apiKey: () => this.keys.key,
      transport: this.#d.http,
      now: () => this.#d.clock.now(),
      onRateLimit: (rl) => this.#quota.observeRateLimit(rl, this.#d.clock.now()),
      logger: this.#d.logger,
    });
  }

  /** The lane of the source in use. */
  get #lane(): Lane {
    return this.#lanes[this.#selectSource().kind];
  }

  /** Stored bars and alerts of the source in use (demo data has its own). */
  get archive(): AppArchive {
    return this.#lane.archive;
  }

  /** Settings, key or source changed: start over with a fresh loop (history stays on disk). */
  #rebuild(): void {
    const old = this.#loop;
    this.#loop = null;
    if (old) void old.stop(); // fire-and-forget: the old loop only cancels its timers
    if (!this.#started) return;
    this.#source = this.#buildSource();
    this.#loop = new PollLoop({
      source: this.#source,
      settings: this.settings.current,
      clock: this.#d.clock,
      logger: this.#d.logger,
      paused: this.#paused,
      pipeline: this.#lane.pipeline,
      onSymbol: (view) => this.#events.emit('symbol', view),
      quota: this.#quota,
      recorder: this.#lane.archive.recorder,
      days: this.#lane.archive.days,
      marketClock: this.#lane.market,
      ...(this.#d.onAnswer ? { onAnswer: this.#d.onAnswer } : {}),
      onAppError: (error) => this.#setAppError(error),
      onCycle: () => {
        // A tray app runs for weeks: history is pruned each new day, not only at start.
        if (nyDate(this.#d.clock.now()) !== this.#prunedOn) void this.#prune(); // logs its own failures
        this.#emitStatus();
      },
    });
    this.#events.emit('snapshot', this.snapshot());
    this.#loop.start();
  }

  async #prune(): Promise<void> {
    const today = nyDate(this.#d.clock.now());
    this.#prunedOn = today;
    for (const lane of Object.values(this.#lanes)) {
      await lane.archive.prune(today, this.settings.current.historyDays);
    }
  }

  #setAppError(error: unknown): void {
    this.#appError = error === null ? null : toErrorView(error, this.#d.clock.now());
    if (error instanceof ApiError && error.kind === 'tier') {
      this.#quota.plan = error.details.currentPlan?.toLowerCase() ?? this.#quota.plan;
    }
    this.#emitStatus();
  }

  #countRequest(): void {
    this.#quota.spend(this.#d.clock.now());
  }

  #quotaView(): QuotaView {
    return this.#quota.view(this.#d.clock.now());
  }

  #emitStatus(): void {
    const status = this.status();
    const key = JSON.stringify(status);
    if (key === this.#lastStatus) return;
    this.#lastStatus = key;
    this.#events.emit('status', status);
  }
}

export type { SymbolStatus };

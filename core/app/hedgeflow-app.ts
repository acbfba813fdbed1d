// The app: settings + key + source + poll loop + detection + alerts, behind a small surface
// that the Electron shell, the terminal and the test harness all drive the same way.
import { ApiError } from '../api/errors.js';
import type { AlertRecord } from '../contract/detector.js';
import type { PushEvents } from '../contract/channels.js';
import type { Settings } from '../contract/settings.js';
import type { AppStatusView, ErrorView, QuotaView, Snapshot, SourceKind, SymbolStatus, SymbolView } from '../contract/views.js';
import type { Clock } from '../ports/clock.js';
import type { HttpTransport } from '../ports/http.js';
import type { Logger } from '../ports/logger.js';
import type { Notifier } from '../ports/notifier.js';
import type { SecretStore } from '../ports/secret-store.js';
import type { FileStorage } from '../ports/storage.js';
import { SettingsStore } from '../settings/settings-store.js';
import type { FlowSource } from '../source/flow-source.js';
import type { InProcessSimulator } from '../source/sim-transport.js';
import { demoSource, flashAlphaSource } from '../source/sources.js';
import { Emitter } from './emitter.js';
import { toErrorView } from './error-view.js';
import { KeyManager } from './key-manager.js';
import { marketView, sessionFor } from './market.js';
import { PollLoop } from './poll-loop.js';
import { silentPipeline } from './signal-pipeline.js';
import type { RateLimit } from '../api/rate-limit.js';

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
}

export class HedgeFlowApp {
  readonly #d: HedgeFlowAppDeps;
  readonly settings: SettingsStore;
  readonly keys: KeyManager;
  readonly #events = new Emitter<PushEvents>();
  #loop: PollLoop | null = null;
  #source: FlowSource | null = null;
  #simulator: InProcessSimulator | null = null;
  #paused = false;
  #online = true;
  #notice: string | null = null;
  #appError: ErrorView | null = null;
  #quota: { plan: string | null; rateLimit: RateLimit | null; usedByApp: number; day: string } = {
    plan: null,
    rateLimit: null,
    usedByApp: 0,
    day: '',
  };
  #lastStatus = '';
  #started = false;

  private constructor(deps: HedgeFlowAppDeps) {
    this.#d = deps;
    this.settings = new SettingsStore(deps.storage);
    this.keys = new KeyManager(deps.secrets, (s) => deps.logger.redact?.(s));
  }

  static async create(deps: HedgeFlowAppDeps): Promise<HedgeFlowApp> {
    const app = new HedgeFlowApp(deps);
    app.#notice = await app.settings.load(deps.clock.now());
    if (app.#notice) deps.logger.warn(app.#notice);
    await app.keys.load();
    if (!app.keys.keychain.available) deps.logger.warn('keychain unavailable', { reason: app.keys.keychain.message });
    deps.onSettings?.(app.settings.current);
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
    this.#rebuild();
  }

  async stop(): Promise<void> {
    this.#started = false;
    await this.#loop?.stop();
    this.#loop = null;
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
    const now = this.#loop?.marketNow() ?? this.#d.clock.now();
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
  }

  setOnline(online: boolean): void {
    if (this.#online === online) return;
    this.#online = online;
    if (online) this.#loop?.resume();
    this.#emitStatus();
  }

  focusSymbol(symbol: string): void {
    this.#events.emit('focus-symbol', { symbol });
  }

  dismissNotice(): void {
    this.#notice = null;
    this.#emitStatus();
  }

  async updateSettings(patch: unknown): Promise<{ ok: true; settings: Settings } | { ok: false; message: string }> {
    const result = await this.settings.update(patch);
    if (result.ok) {
      this.#d.onSettings?.(result.settings);
      this.#rebuild();
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
    const result = await source.account();
    this.#quota.plan = result.data.plan;
    this.#countRequest();
    this.#emitStatus();
    return this.#quotaView();
  }

  alerts(): readonly AlertRecord[] {
    return this.#loop?.alerts() ?? [];
  }

  async openExternal(url: string): Promise<void> {
    if (!this.#d.openExternal) throw new Error('Links cannot be opened here.');
    await this.#d.openExternal(url);
  }

  // ---- internals ----------------------------------------------------------------------------

  #selectSource(): { kind: 'flashalpha' } | { kind: 'demo'; reason: 'no-key' | 'keychain-unavailable' | 'user-choice' } {
    if (this.settings.current.source === 'demo') return { kind: 'demo', reason: 'user-choice' };
    if (!this.keys.keychain.available) return { kind: 'demo', reason: 'keychain-unavailable' };
    if (!this.keys.key) return { kind: 'demo', reason: 'no-key' };
    return { kind: 'flashalpha' };
  }

  #buildSource(): FlowSource {
    const choice = this.#selectSource();
    if (choice.kind === 'demo') {
      this.#simulator ??= this.#d.createSimulator();
      return demoSource(this.#simulator, () => this.#d.clock.now());
    }
    return flashAlphaSource({
      baseUrl: this.settings.current.baseUrl,
      apiKey: () => this.keys.key,
      transport: this.#d.http,
      now: () => this.#d.clock.now(),
      onRateLimit: (rl) => {
        this.#quota.rateLimit = rl;
      },
    });
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
      notifier: this.#d.notifier,
      logger: this.#d.logger,
      paused: this.#paused,
      pipeline: silentPipeline,
      onSymbol: (view) => this.#events.emit('symbol', view),
      onAlert: (alert) => this.#events.emit('alert', alert),
      onRequest: () => this.#countRequest(),
      onAppError: (error) => this.#setAppError(error),
      onCycle: () => this.#emitStatus(),
    });
    this.#events.emit('snapshot', this.snapshot());
    this.#loop.start();
  }

  #setAppError(error: unknown): void {
    this.#appError = error === null ? null : toErrorView(error, this.#d.clock.now());
    if (error instanceof ApiError && error.kind === 'tier') {
      this.#quota.plan = error.details.currentPlan?.toLowerCase() ?? this.#quota.plan;
    }
    this.#emitStatus();
  }

  #countRequest(): void {
    const day = new Date(this.#d.clock.now()).toISOString().slice(0, 10);
    if (this.#quota.day !== day) this.#quota = { ...this.#quota, day, usedByApp: 0 };
    this.#quota.usedByApp++;
  }

  #quotaView(): QuotaView {
    const rl = this.#quota.rateLimit;
    return {
      plan: this.#quota.plan,
      limit: rl?.limit ?? null,
      remaining: rl?.remaining ?? null,
      resetsAt: rl?.resetAt ?? null,
      usedByApp: this.#quota.usedByApp,
    };
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

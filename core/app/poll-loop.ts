// One source, one settings snapshot: plan -> fetch -> validate -> merge -> detect -> alert ->
// views. Rebuilt whenever the source or settings change, so it never has to reconcile them.
import type { Session } from '../../sim/engine/market/index.js';
import { hasZeroDte } from '../../sim/engine/market/index.js';
import { ApiError } from '../api/errors.js';
import type { AlertRecord } from '../contract/detector.js';
import type { Settings } from '../contract/settings.js';
import type { ErrorView, SymbolStatus, SymbolView } from '../contract/views.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Notifier } from '../ports/notifier.js';
import type { PlannedRequest } from '../plan/plan-types.js';
import { simplePlan } from '../plan/simple-planner.js';
import type { FlowSource } from '../source/flow-source.js';
import { SymbolState } from '../state/symbol-state.js';
import { toErrorView } from './error-view.js';
import { demoClock, sessionFor } from './market.js';
import type { SignalPipeline } from './signal-pipeline.js';
import { buildSymbolView } from './symbol-view.js';

export interface PollLoopOptions {
  readonly source: FlowSource;
  readonly settings: Settings;
  readonly clock: Clock;
  readonly notifier: Notifier;
  readonly logger: Logger;
  readonly paused: boolean;
  readonly pipeline: SignalPipeline;
  readonly onSymbol: (view: SymbolView) => void;
  readonly onAlert: (alert: AlertRecord) => void;
  readonly onRequest: () => void;
  /** An error that stops every symbol (bad key, plan too low, quota spent); null clears it. */
  readonly onAppError: (error: unknown) => void;
  readonly onCycle: () => void;
}

interface SymbolRuntime {
  receivedAt: number | null;
  error: ErrorView | null;
}

const APP_WIDE = new Set(['auth', 'tier']);

export class PollLoop {
  readonly #o: PollLoopOptions;
  /** Server-side time: the real clock, or a replayed session in demo mode. */
  readonly #market: Clock;
  #session: Session;
  #states = new Map<string, SymbolState>();
  #runtime = new Map<string, SymbolRuntime>();
  #alerts: AlertRecord[] = [];
  #cancelTimer: (() => void) | null = null;
  #abort = new AbortController();
  #running: Promise<void> | null = null;
  #stopped = false;
  #paused: boolean;
  #blockedUntil: number | null = null;
  #polledThisSession = false;
  nextPollAt: number | null = null;

  constructor(options: PollLoopOptions) {
    this.#o = options;
    this.#paused = options.paused;
    this.#market = options.source.kind === 'demo' ? demoClock(options.clock) : options.clock;
    this.#session = sessionFor(this.#market.now());
    this.#resetSession(this.#session);
  }

  marketNow(): number {
    return this.#market.now();
  }

  start(): void {
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelTimer?.();
    this.#abort.abort();
    await this.#running;
  }

  setPaused(paused: boolean): void {
    this.#paused = paused;
    this.#emitAll();
    if (!paused) this.#schedule(0);
  }

  suspend(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
  }

  resume(): void {
    this.#blockedUntil = null;
    this.#schedule(0);
  }

  views(): SymbolView[] {
    return this.#o.settings.symbols.map((s) => this.#view(s));
  }

  alerts(): readonly AlertRecord[] {
    return this.#alerts;
  }

  #resetSession(session: Session): void {
    this.#session = session;
    this.#o.pipeline.resetSession(session);
    this.#polledThisSession = false;
    this.#states = new Map(
      this.#o.settings.symbols.map((s) => [s, new SymbolState(s, this.#o.settings.barSize, session.open)]),
    );
    this.#runtime = new Map(this.#o.settings.symbols.map((s) => [s, { receivedAt: null, error: null }]));
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#cancelTimer?.();
    this.nextPollAt = this.#market.now() + delayMs;
    this.#cancelTimer = this.#o.clock.setTimer(delayMs, () => {
      this.#cancelTimer = null;
      if (this.#running) return;
      this.#running = this.#cycle().finally(() => {
        this.#running = null;
      });
    });
  }

  async #cycle(): Promise<void> {
    if (this.#stopped || this.#paused) return;
    const now = this.#market.now();
    const session = sessionFor(now);
    if (session.date !== this.#session.date) {
      this.#resetSession(session);
      this.#emitAll();
    }
    if (this.#blockedUntil !== null && now < this.#blockedUntil) {
      this.#schedule(this.#blockedUntil - now);
      return;
    }
    const plan = simplePlan({
      now,
      session,
      barSize: this.#o.settings.barSize,
      firstPoll: !this.#polledThisSession,
      symbols: this.#o.settings.symbols.map((symbol) => ({
        symbol,
        state: this.#states.get(symbol)!,
        listed: hasZeroDte(symbol, session.date, this.#o.settings.zeroDteListings),
      })),
    });
    if (plan.kind === 'idle') {
      this.#emitAll();
      this.#o.onCycle();
      this.#schedule(Math.max(1_000, plan.until - now));
      return;
    }
    if (plan.at > now) {
      this.#schedule(plan.at - now);
      return;
    }
    const catchUp = !this.#polledThisSession;
    this.#polledThisSession = true;
    const touched = new Set<string>();
    for (const request of plan.requests) {
      if (this.#stopped) return;
      if (await this.#execute(request)) touched.add((request as { symbol: string }).symbol);
      if (this.#blockedUntil !== null) break;
    }
    for (const symbol of touched) {
      const state = this.#states.get(symbol);
      if (state) await this.#o.pipeline.evaluate(symbol, state, { now: this.#market.now(), session, catchUp });
    }
    this.#emitAll();
    this.#o.onCycle();
    this.#schedule(Math.max(1_000, (this.#blockedUntil ?? this.#nextCycleAt()) - this.#market.now()));
  }

  #nextCycleAt(): number {
    const now = this.#market.now();
    const session = sessionFor(now);
    const plan = simplePlan({
      now,
      session,
      barSize: this.#o.settings.barSize,
      firstPoll: false,
      symbols: [],
    });
    return plan.kind === 'poll' ? plan.at : plan.until;
  }

  /** True when data was merged. */
  async #execute(request: PlannedRequest): Promise<boolean> {
    if (request.endpoint === 'account') return false;
    const symbol = request.symbol;
    const state = this.#states.get(symbol);
    const runtime = this.#runtime.get(symbol);
    if (!state || !runtime) return false;
    try {
      this.#o.onRequest();
      if (request.endpoint === 'series') {
        const { data } = await this.#o.source.series(symbol, request, this.#abort.signal);
        state.mergeSeries(data);
      } else {
        const { data } = await this.#o.source.hedgeFlow(symbol, request, this.#abort.signal);
        state.mergeHedgeFlow(data);
      }
      runtime.receivedAt = this.#o.clock.now();
      runtime.error = null;
      this.#o.onAppError(null);
      return true;
    } catch (error) {
      if (error instanceof ApiError && error.kind === 'aborted') return false;
      const now = this.#market.now();
      this.#o.logger.warn('poll failed', { symbol, error: error instanceof Error ? error.message : String(error) });
      if (error instanceof ApiError && APP_WIDE.has(error.kind)) {
        this.#o.onAppError(error);
        this.#blockedUntil = Number.POSITIVE_INFINITY;
        return false;
      }
      const view = toErrorView(error, now);
      if (view.code === 'quota' || view.code === 'rate-limit') {
        this.#o.onAppError(error);
        this.#blockedUntil = view.retryAt ?? now + 60_000;
        return false;
      }
      runtime.error = view;
      return false;
    }
  }

  #status(symbol: string): SymbolStatus {
    const runtime = this.#runtime.get(symbol);
    const state = this.#states.get(symbol);
    const now = this.#market.now();
    const session = this.#session;
    if (this.#paused) return { kind: 'paused' };
    if (!hasZeroDte(symbol, session.date, this.#o.settings.zeroDteListings)) {
      return { kind: 'no-0dte', nextOpen: session.open > now ? session.open : session.close };
    }
    if (now < session.open || now >= session.close + 5 * 60_000) return { kind: 'closed', nextOpen: session.open };
    if (runtime?.error) return { kind: 'error', error: runtime.error };
    if (!state || state.size === 0 || runtime?.receivedAt == null) return { kind: 'loading' };
    const staleAfter = 2 * state.barMs + 30_000;
    if (now < session.close && this.#o.clock.now() - runtime.receivedAt > staleAfter) {
      return { kind: 'stale', since: runtime.receivedAt };
    }
    return { kind: 'live' };
  }

  #view(symbol: string): SymbolView {
    const state = this.#states.get(symbol) ?? new SymbolState(symbol, this.#o.settings.barSize, this.#session.open);
    return buildSymbolView(state, {
      status: this.#status(symbol),
      receivedAt: this.#runtime.get(symbol)?.receivedAt ?? null,
      signal: this.#o.pipeline.signal(symbol),
      snoozedUntil: this.#o.pipeline.snoozedUntil(symbol),
      lookbackMs: this.#o.settings.lookbackMinutes * 60_000,
    });
  }

  #emitAll(): void {
    for (const symbol of this.#o.settings.symbols) this.#o.onSymbol(this.#view(symbol));
  }
}

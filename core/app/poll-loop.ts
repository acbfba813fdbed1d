// One source, one settings snapshot: plan -> fetch -> validate -> merge -> detect -> history ->
// views. Rebuilt whenever the source or settings change, so it never has to reconcile them.
// The planner (core/plan) decides what and when; this class runs its decisions on the Clock
// port, feeds the outcomes back, and notices sleep (a timer that fires far too late).
import type { Session } from '../../sim/engine/market/index.js';
import { hasZeroDte } from '../../sim/engine/market/index.js';
import type { Account } from '../api/api-types.js';
import { messageOf } from '../base/error-message.js';
import type { Settings } from '../contract/settings.js';
import type { SymbolView } from '../contract/views.js';
import type { BarRecorder } from '../history/bar-recorder.js';
import type { DayRecorder } from '../history/day-recorder.js';
import { DayLedger, type DaySymbol } from './day-ledger.js';
import { chooseMix, mixSides, needsFrom, type FetchMix } from '../plan/cost-model.js';
import type { PlannedRequest } from '../plan/plan-types.js';
import { PollPlanner } from '../plan/poll-planner.js';
import { QuotaTracker } from '../plan/quota.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { FlowSource } from '../source/flow-source.js';
import { SymbolState } from '../state/symbol-state.js';
import { demoClock, effectiveListings, sessionFor } from './market.js';
import {
  bySymbol,
  fetchAccount,
  pollSymbol,
  recordBars,
  type AnsweredRequest,
  type RequestHooks,
} from './poll-request.js';
import type { SignalPipeline } from './signal-pipeline.js';
import { symbolRow } from './symbol-status.js';

export interface PollLoopOptions {
  readonly source: FlowSource;
  readonly settings: Settings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly paused: boolean;
  readonly pipeline: SignalPipeline;
  readonly onSymbol: (view: SymbolView) => void;
  /** An error that stops every symbol (bad key, plan too low, quota spent); null clears it. */
  readonly onAppError: (error: unknown) => void;
  readonly onCycle: () => void;
  /** Shared across rebuilds so the day's count survives a settings change. */
  readonly quota?: QuotaTracker;
  /** Persists closed bars (history); absent: nothing is written. */
  readonly recorder?: BarRecorder;
  /** Persists each settled day's completion record; absent: nothing is written. */
  readonly days?: DayRecorder;
  /** Every answered data request, merged and checked (statistics: the benchmark's waste). */
  readonly onAnswer?: (answer: AnsweredRequest) => void;
  /** Uniform in [0, 1) for the backoff's jitter; seeded in tests. */
  readonly random?: () => number;
  /** Overrides the cheapest mix (benchmarks compare the seed article's loop with it). */
  readonly mix?: FetchMix;
  /**
   * Server-side time when it differs from `clock` (demo mode's replayed session); the demo
   * source must read the same one. Default: demoClock(clock) for a demo source, else clock.
   */
  readonly marketClock?: Clock;
}

/**
 * A timer that fires this much later than planned means the machine slept or the clock jumped
 * forward; this much earlier, that the clock was set back.
 */
export const CLOCK_JUMP_MS = 90_000;
/** Never two cycles closer than this, whatever the plan says. */
const MIN_CYCLE_GAP_MS = 250;
/** While the market is open, the rows are refreshed at least this often (no request is sent). */
export const STATUS_REFRESH_MS = 30_000;

export class PollLoop {
  readonly #o: PollLoopOptions;
  /** Server-side time: the real clock, or a replayed session in demo mode. */
  readonly #market: Clock;
  readonly #mix: FetchMix;
  readonly #planner: PollPlanner;
  readonly #quota: QuotaTracker;
  readonly #listings;
  readonly #days: DayLedger;
  #session: Session;
  #states = new Map<string, SymbolState>();
  #receivedAt = new Map<string, number>();
  #cancelTimer: (() => void) | null = null;
  #plannedAt: number | null = null;
  #abort = new AbortController();
  #running: Promise<void> | null = null;
  #stopped = false;
  #paused: boolean;
  nextPollAt: number | null = null;

  constructor(options: PollLoopOptions) {
    this.#o = options;
    this.#paused = options.paused;
    this.#market =
      options.marketClock ??
      (options.source.kind === 'demo' ? demoClock(options.clock) : options.clock);
    this.#quota = options.quota ?? new QuotaTracker();
    this.#mix = options.mix ?? chooseMix(needsFrom(options.settings));
    this.#listings = effectiveListings(options.settings.zeroDteListings);
    this.#planner = new PollPlanner({
      barSize: options.settings.barSize,
      mix: this.#mix,
      quota: this.#quota,
      random: options.random ?? Math.random,
      fetchAccount: options.source.kind !== 'demo',
    });
    this.#days = new DayLedger({
      barSize: options.settings.barSize,
      sides: mixSides(this.#mix),
      logger: options.logger,
      ...(options.days ? { recorder: options.days } : {}),
    });
    this.#session = sessionFor(this.#market.now());
    this.#resetSession(this.#session);
  }

  marketNow(): number {
    return this.#market.now();
  }

  get mix(): FetchMix {
    return this.#mix;
  }

  get quota(): QuotaTracker {
    return this.#quota;
  }

  get planner(): PollPlanner {
    return this.#planner;
  }

  /** The symbol's merged session (tests, the CLI, the pipeline). */
  state(symbol: string): SymbolState | undefined {
    return this.#states.get(symbol);
  }

  get session(): Session {
    return this.#session;
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
    if (!paused) this.resume();
  }

  suspend(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#plannedAt = null;
    // Asleep, nothing is planned: the status must not promise a poll that will not happen.
    this.nextPollAt = null;
  }

  /** Awake again (or back online): every symbol backfills once, evaluated as a catch-up. */
  resume(): void {
    this.#planner.resumed();
    this.#schedule(0);
  }

  /** Fresh plan and quota figures from /v1/account on the next cycle. */
  refreshAccount(): void {
    this.#planner.requestAccount();
    this.#schedule(0);
  }

  /** Account figures fetched outside the loop (the user pressed refresh). */
  applyAccount(account: Account): void {
    const blocked = this.#planner.block;
    this.#planner.accountSucceeded(account, this.#market.now());
    this.#reportBlock();
    if (blocked && !this.#planner.block) this.#schedule(0);
  }

  applyAccountError(error: unknown): void {
    this.#planner.failed(null, error, this.#market.now());
    this.#reportBlock();
  }

  views(): SymbolView[] {
    return this.#o.settings.symbols.map((s) => this.#view(s));
  }

  #resetSession(session: Session): void {
    this.#session = session;
    this.#o.pipeline.resetSession(session);
    this.#planner.resetSession();
    const { symbols, barSize } = this.#o.settings;
    this.#states = new Map(
      symbols.map((s) => [s, new SymbolState(s, barSize, session.open, session.close)]),
    );
    this.#receivedAt = new Map();
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#cancelTimer?.();
    const delay = Math.max(0, delayMs);
    this.#plannedAt = this.#market.now() + delay;
    this.nextPollAt = this.#plannedAt;
    // Timers run on market time: the demo's replayed session may switch to the live one.
    this.#cancelTimer = this.#market.setTimer(delay, () => {
      this.#cancelTimer = null;
      if (this.#running) {
        // Due while a cycle still runs (it may be the one that set this timer): run it after.
        void this.#running.then(() => this.#schedule(0));
        return;
      }
      this.#running = this.#cycle()
        .catch((error: unknown) => {
          // A bug must not end polling: log it and try again later.
          this.#o.logger.error('poll cycle failed', { error: messageOf(error) });
          this.#schedule(60_000);
        })
        .finally(() => {
          this.#running = null;
        });
    });
  }

  async #cycle(): Promise<void> {
    if (this.#stopped || this.#paused) return;
    const now = this.#market.now();
    if (this.#plannedAt !== null && Math.abs(now - this.#plannedAt) > CLOCK_JUMP_MS) {
      this.#o.logger.info('clock jumped (sleep?): backfilling', { lateMs: now - this.#plannedAt });
      this.#planner.resumed();
    }
    // The session is the server's: bars close on its clock, and ours may have been set wrong.
    const session = sessionFor(this.#planner.server.serverNow(now));
    if (session.date !== this.#session.date) this.#resetSession(session);
    let plan = this.#planner.plan(now, session, this.#inputs(session));
    if (plan.kind === 'poll' && plan.requests.some((r) => r.endpoint === 'account')) {
      // Learn the day's budget (and the plan) before spending any of it: that plan was made on
      // an assumption, and other tools sharing the key may have left far less (or nothing).
      await this.#fetchAccount();
      if (this.#stopped) return;
      plan = this.#planner.plan(this.#market.now(), session, this.#inputs(session));
    }
    if (plan.kind === 'idle') {
      await this.#settleDays();
      this.#reportBlock();
      this.#emitAll();
      this.#o.onCycle();
      this.#schedule(this.#wakeAt(plan.until, now, session) - now);
      return;
    }
    await this.#execute(plan.requests, new Set(plan.catchUp), session);
    if (this.#stopped) return;
    await this.#settleDays();
    this.#reportBlock();
    this.#emitAll();
    this.#o.onCycle();
    const after = this.#market.now();
    const next = this.#planner.plan(after, session, this.#inputs(session));
    const wake = next.kind === 'poll' ? after : this.#wakeAt(next.until, after, session);
    this.#schedule(Math.max(MIN_CYCLE_GAP_MS, wake - after));
  }

  /**
   * When to wake for a plan that says "wait until `until`": then, or sooner during the session
   * so the rows' status (stale, rate limited) keeps up with time while no request is sent.
   */
  #wakeAt(until: number, now: number, session: Session): number {
    const inSession = now >= session.open && now < session.close;
    return inSession ? Math.min(until, now + STATUS_REFRESH_MS) : until;
  }

  /** A symbol as the day ledger sees it. */
  #daySymbol(symbol: string): DaySymbol {
    const listed = hasZeroDte(symbol, this.#session.date, this.#listings);
    const polled = listed && !this.#planner.symbolView(symbol).empty;
    return { symbol, state: this.#states.get(symbol), polled };
  }

  /** Writes the record of every symbol whose day has settled (complete or out of reach). */
  async #settleDays(): Promise<void> {
    const serverNow = this.#planner.server.serverNow(this.#market.now());
    const symbols = this.#o.settings.symbols.map((s) => this.#daySymbol(s));
    await this.#days.settle(symbols, this.#session.date, serverNow, this.#market.now());
  }

  #inputs(session: Session) {
    return this.#o.settings.symbols.map((symbol) => ({
      symbol,
      state: this.#states.get(symbol)!,
      listed: hasZeroDte(symbol, session.date, this.#listings),
    }));
  }

  readonly #hooks: RequestHooks = {
    now: () => this.#market.now(),
    serveAt: (now) => this.#planner.server.serveAt(now),
    onSend: () => {
      this.#quota.spend(this.#market.now());
    },
    onRateLimit: (rl) => this.#quota.observeRateLimit(rl, this.#market.now()),
    onAnswer: (sentAt, asOf) => this.#planner.answered(sentAt, asOf),
    onMerged: (answer) => this.#o.onAnswer?.(answer),
  };

  async #fetchAccount(): Promise<void> {
    const res = await fetchAccount(this.#o.source, this.#hooks, this.#abort.signal);
    if (res.ok) this.#planner.accountSucceeded(res.value, this.#market.now());
    else this.#planner.failed(null, res.error, this.#market.now());
  }

  async #execute(requests: readonly PlannedRequest[], catchUp: Set<string>, session: Session) {
    const hooks = this.#hooks;
    const signal = this.#abort.signal;
    if (requests.some((r) => r.endpoint === 'account')) {
      await this.#fetchAccount();
      if (this.#planner.block) return;
    }
    for (const [symbol, list] of bySymbol(requests)) {
      const state = this.#states.get(symbol);
      if (!state || this.#stopped) continue;
      const outcome = await pollSymbol(this.#o.source, state, session.date, list, hooks, signal);
      const now = this.#market.now();
      if (!outcome.ok) {
        this.#planner.failed(symbol, outcome.error, now);
        this.#o.logger.warn('poll failed', { symbol, error: messageOf(outcome.error) });
        if (this.#planner.block) break;
        continue;
      }
      this.#receivedAt.set(symbol, this.#o.clock.now());
      this.#planner.succeeded(symbol, now, session, state, outcome.value);
      if (this.#o.recorder) {
        await recordBars(
          this.#o.recorder,
          session.date,
          state,
          mixSides(this.#mix),
          this.#o.logger,
        );
      }
      const context = { now, session, catchUp: catchUp.has(symbol) };
      try {
        await this.#o.pipeline.evaluate(symbol, state, context);
      } catch (error) {
        // Detection failing for one symbol must not stop polling (or the other symbols).
        this.#o.logger.error('signal evaluation failed', { symbol, error: messageOf(error) });
      }
    }
  }

  #reportBlock(): void {
    const block = this.#planner.block;
    this.#o.onAppError(block ? block.error : null);
  }

  #view(symbol: string): SymbolView {
    const session = this.#session;
    const { barSize, lookbackMinutes } = this.#o.settings;
    const state =
      this.#states.get(symbol) ?? new SymbolState(symbol, barSize, session.open, session.close);
    return symbolRow(state, {
      now: this.#market.now(),
      session,
      paused: this.#paused,
      listings: this.#listings,
      schedule: this.#planner.symbolView(symbol),
      block: this.#planner.block,
      stepMs: this.#planner.stepMs,
      receivedAt: this.#receivedAt.get(symbol) ?? null,
      signal: this.#o.pipeline.signal(symbol),
      snoozedUntil: this.#o.pipeline.snoozedUntil(symbol),
      lookbackMs: lookbackMinutes * 60_000,
      day: this.#days.view(
        this.#daySymbol(symbol),
        session.date,
        this.#planner.server.serverNow(this.#market.now()),
      ),
    });
  }

  #emitAll(): void {
    for (const symbol of this.#o.settings.symbols) this.#o.onSymbol(this.#view(symbol));
  }
}

// One source, one settings snapshot: plan -> fetch -> validate -> merge -> detect -> history ->
// views. Rebuilt whenever the source or settings change, so it never has to reconcile them.
// The planner (core/plan) decides what and when; this class runs its decisions on the Clock
// port, feeds the outcomes back, and notices sleep (a timer that fires far too late). Every
// request goes out through the metered source, so the quota hears of each response once; the
// account is fetched on one path, for the planner's first poll and for the user's refresh.
import { effectiveListings, hasZeroDte, type Session } from '../../calendar/index.js';
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
import { meteredSource } from '../source/metered-source.js';
import { SymbolState } from '../state/symbol-state.js';
import { sessionFor } from './current-session.js';
import { CycleRunner } from './cycle-runner.js';
import { demoClock } from './demo-clock.js';
import {
  bySymbol,
  pollSymbol,
  recordBars,
  type AnsweredRequest,
  type RequestHooks,
} from './poll-request.js';
import type { AlertPipeline } from './alert-pipeline.js';
import { symbolRow } from './symbol-row.js';
import { messageOf } from '../base/error-message.js';

/** What the loop asks of the alert pipeline (tests and benchmarks stand in with just this). */
export type LoopPipeline = Pick<
  AlertPipeline,
  'evaluate' | 'signal' | 'snoozedUntil' | 'resetSession'
>;

export interface PollLoopOptions {
  readonly source: FlowSource;
  readonly settings: Settings;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly paused: boolean;
  readonly pipeline: LoopPipeline;
  readonly onSymbol: (view: SymbolView) => void;
  /** An error that stops every symbol (bad key, plan too low, quota spent); null clears it. */
  readonly onAppError: (error: unknown) => void;
  readonly onCycle: () => void;
  /**
   * The source's quota and account figures (its lane's: it outlives the loop, so a settings
   * change keeps today's count). Absent: a fresh one.
   */
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
const CLOCK_JUMP_MS = 90_000;
/** Never two cycles closer than this, whatever the plan says. */
const MIN_CYCLE_GAP_MS = 250;
/** While the market is open, the rows are refreshed at least this often (no request is sent). */
const STATUS_REFRESH_MS = 30_000;

export class PollLoop {
  /** The source, metered: each request counted, each answer's headers handed to the quota. */
  readonly #source: FlowSource;
  readonly #settings: Settings;
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #pipeline: LoopPipeline;
  readonly #onSymbol: (view: SymbolView) => void;
  readonly #onAppError: (error: unknown) => void;
  readonly #onCycle: () => void;
  readonly #onAnswer: ((answer: AnsweredRequest) => void) | undefined;
  readonly #recorder: BarRecorder | undefined;
  /** Server-side time: the real clock, or a replayed session in demo mode. */
  readonly #market: Clock;
  readonly #mix: FetchMix;
  readonly #planner: PollPlanner;
  readonly #listings;
  readonly #days: DayLedger;
  #session: Session;
  #states = new Map<string, SymbolState>();
  #receivedAt = new Map<string, number>();
  /** One cycle (or the user's account refresh) at a time, on the market clock. */
  readonly #runner: CycleRunner;
  #abort = new AbortController();
  #paused: boolean;

  constructor(options: PollLoopOptions) {
    this.#settings = options.settings;
    this.#clock = options.clock;
    this.#logger = options.logger;
    this.#pipeline = options.pipeline;
    this.#onSymbol = options.onSymbol;
    this.#onAppError = options.onAppError;
    this.#onCycle = options.onCycle;
    this.#onAnswer = options.onAnswer;
    this.#recorder = options.recorder;
    this.#paused = options.paused;
    this.#market =
      options.marketClock ??
      (options.source.kind === 'demo' ? demoClock(options.clock) : options.clock);
    const quota = options.quota ?? new QuotaTracker();
    this.#source = meteredSource(options.source, quota, () => this.#market.now());
    this.#mix = options.mix ?? chooseMix(needsFrom(options.settings));
    this.#listings = effectiveListings(options.settings.zeroDteListings);
    this.#planner = new PollPlanner({
      barSize: options.settings.barSize,
      mix: this.#mix,
      quota,
      random: options.random ?? Math.random,
      fetchAccount: options.source.kind !== 'demo',
    });
    this.#days = new DayLedger({
      barSize: options.settings.barSize,
      sides: mixSides(this.#mix),
      logger: options.logger,
      ...(options.days ? { recorder: options.days } : {}),
    });
    this.#runner = new CycleRunner({
      clock: this.#market,
      logger: options.logger,
      cycle: () => this.#cycle(),
    });
    this.#session = sessionFor(this.#market.now());
    this.#resetSession(this.#session);
  }

  /** When the next poll cycle is planned (market time); null while nothing is (asleep). */
  get nextPollAt(): number | null {
    return this.#runner.plannedAt;
  }

  /** The symbol's merged session (tests, the CLI, the pipeline). */
  state(symbol: string): SymbolState | undefined {
    return this.#states.get(symbol);
  }

  start(): void {
    this.#runner.schedule(0);
  }

  async stop(): Promise<void> {
    const stopped = this.#runner.stop(); // no cycle starts from here on...
    this.#abort.abort(); // ...and the requests in flight end now
    await stopped;
  }

  setPaused(paused: boolean): void {
    this.#paused = paused;
    this.#emitAll();
    if (!paused) this.resume();
  }

  suspend(): void {
    // Asleep, nothing is planned: the status must not promise a poll that will not happen.
    this.#runner.cancel();
  }

  /** Awake again (or back online): every symbol backfills once, evaluated as a catch-up. */
  resume(): void {
    this.#planner.resumed();
    this.#runner.schedule(0);
  }

  /**
   * The user asked for fresh plan and quota figures: the loop's own account step, run now
   * (paused, idle or blocked too), after the cycle in flight and before the next, so the two
   * never interleave. An upgraded plan lifts a tier block and polling resumes at once. Throws
   * what the request failed with (after the planner has judged it, as any failure).
   */
  async refreshAccount(): Promise<void> {
    const failure = await this.#runner.exclusive(async () => {
      if (this.#runner.stopped) return { error: new Error('Polling has stopped.') };
      return this.#fetchAccount();
    });
    if (failure) throw failure.error;
  }

  views(): SymbolView[] {
    return this.#settings.symbols.map((s) => this.#view(s));
  }

  #resetSession(session: Session): void {
    this.#session = session;
    this.#pipeline.resetSession(session);
    this.#planner.resetSession();
    const { symbols, barSize } = this.#settings;
    this.#states = new Map(
      symbols.map((s) => [s, new SymbolState(s, barSize, session.open, session.close)]),
    );
    this.#receivedAt = new Map();
  }

  async #cycle(): Promise<void> {
    if (this.#runner.stopped || this.#paused) return;
    const now = this.#market.now();
    const plannedAt = this.#runner.plannedAt;
    if (plannedAt !== null && Math.abs(now - plannedAt) > CLOCK_JUMP_MS) {
      this.#logger.info('clock jumped (sleep?): backfilling', { lateMs: now - plannedAt });
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
      if (this.#runner.stopped) return;
      // The account is no longer due: this plan has only symbol requests, or none.
      plan = this.#planner.plan(this.#market.now(), session, this.#inputs(session));
    }
    if (plan.kind === 'idle') {
      await this.#settleDays();
      this.#reportBlock();
      this.#emitAll();
      this.#onCycle();
      this.#runner.schedule(this.#wakeAt(plan.until, now, session) - now);
      return;
    }
    await this.#execute(plan.requests, new Set(plan.catchUp), session);
    if (this.#runner.stopped) return;
    await this.#settleDays();
    this.#reportBlock();
    this.#emitAll();
    this.#onCycle();
    const after = this.#market.now();
    const next = this.#planner.plan(after, session, this.#inputs(session));
    const wake = next.kind === 'poll' ? after : this.#wakeAt(next.until, after, session);
    this.#runner.schedule(Math.max(MIN_CYCLE_GAP_MS, wake - after));
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
    const symbols = this.#settings.symbols.map((s) => this.#daySymbol(s));
    await this.#days.settle(symbols, this.#session.date, serverNow, this.#market.now());
  }

  #inputs(session: Session) {
    return this.#settings.symbols.map((symbol) => ({
      symbol,
      state: this.#states.get(symbol)!,
      listed: hasZeroDte(symbol, session.date, this.#listings),
    }));
  }

  readonly #hooks: RequestHooks = {
    now: () => this.#market.now(),
    serveAt: (now) => this.#planner.server.serveAt(now),
    onAnswer: (sentAt, asOf) => this.#planner.answered(sentAt, asOf),
    onMerged: (answer) => this.#onAnswer?.(answer),
  };

  /**
   * The account step, for the planner's first poll and the user's refresh alike: the figures
   * (and the plan) go to the planner, which hands them to the quota and judges the plan's
   * tier; a failure is judged like any other. Resolves to the failure, or null.
   */
  async #fetchAccount(): Promise<{ error: unknown } | null> {
    const blocked = this.#planner.block !== null;
    let failure: { error: unknown } | null = null;
    try {
      const { data } = await this.#source.account(this.#abort.signal);
      this.#planner.accountSucceeded(data, this.#market.now());
    } catch (error) {
      this.#planner.failed(null, error, this.#market.now());
      failure = { error };
    }
    this.#reportBlock();
    // A refresh after an upgrade lifted the block: poll now rather than at the next wake-up.
    if (blocked && this.#planner.block === null) this.#runner.schedule(0);
    return failure;
  }

  /** Each symbol's planned requests, in the plan's order (the account was fetched before). */
  async #execute(requests: readonly PlannedRequest[], catchUp: Set<string>, session: Session) {
    const hooks = this.#hooks;
    const signal = this.#abort.signal;
    for (const [symbol, list] of bySymbol(requests)) {
      const state = this.#states.get(symbol);
      if (!state || this.#runner.stopped) continue;
      const outcome = await pollSymbol(this.#source, state, session.date, list, hooks, signal);
      const now = this.#market.now();
      if (!outcome.ok) {
        this.#planner.failed(symbol, outcome.error, now);
        this.#logger.warn('poll failed', { symbol, error: messageOf(outcome.error) });
        if (this.#planner.block) break;
        continue;
      }
      this.#receivedAt.set(symbol, this.#clock.now());
      this.#planner.succeeded(symbol, now, session, state, outcome.value);
      if (this.#recorder) {
        await recordBars(this.#recorder, session.date, state, mixSides(this.#mix), this.#logger);
      }
      const context = { now, session, catchUp: catchUp.has(symbol) };
      try {
        await this.#pipeline.evaluate(symbol, state, context);
      } catch (error) {
        // Detection failing for one symbol must not stop polling (or the other symbols).
        this.#logger.error('signal evaluation failed', { symbol, error: messageOf(error) });
      }
    }
  }

  #reportBlock(): void {
    const block = this.#planner.block;
    this.#onAppError(block ? block.error : null);
  }

  #view(symbol: string): SymbolView {
    const session = this.#session;
    const { barSize, lookbackMinutes } = this.#settings;
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
      signal: this.#pipeline.signal(symbol),
      snoozedUntil: this.#pipeline.snoozedUntil(symbol),
      lookbackMs: lookbackMinutes * 60_000,
      day: this.#days.view(
        this.#daySymbol(symbol),
        session.date,
        this.#planner.server.serverNow(this.#market.now()),
      ),
    });
  }

  #emitAll(): void {
    for (const symbol of this.#settings.symbols) this.#onSymbol(this.#view(symbol));
  }
}

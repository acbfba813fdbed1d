// The quota-aware poll planner (docs/polling.md). Pure decisions over the market clock: which
// symbols to poll now, or how long to wait. Per symbol, the cheapest mix of requests for what
// the row shows (cost-model.ts); polls just after bar closes on the server's clock
// (server-clock.ts); a symbol is due whenever a bucket it lacks has ended on the server and can
// still be fetched, so a gap (sleep, an outage, a window served too late) is filled at once and
// the closing bars keep being fetched after the close until the day is complete or out of
// reach; the remaining daily budget spread over the remaining session with a reserve for
// backfills; 429 honoured; exponential backoff with jitter on faults. What each answer left
// undone is judged by response-check.ts and fed back through `succeeded`.
import type { Account } from '../api/api-types.js';
import { ApiError } from '../api/errors.js';
import { BAR_MS, type BarSize } from '../model/flow.js';
import { nextSessionOpen, type Session } from '../../calendar/index.js';
import { firstIncompleteFrom } from '../state/completeness.js';
import type { SymbolState } from '../state/symbol-state.js';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff.js';
import { chooseCadence, nextBoundary, reserveFor } from './cadence.js';
import { mixCost, mixSides, type FetchMix } from './cost-model.js';
import { classifyFailure, type Block } from './failures.js';
import { blockAfterAccount } from './plan-tier.js';
import type { PlannedRequest, PollPlan } from './plan-types.js';
import type { QuotaTracker } from './quota.js';
import { oldestReachable } from './reach.js';
import { ServerClock } from './server-clock.js';
import { scheduleAfterPoll, type PollSummary } from './after-poll.js';
import {
  freshSchedule,
  scheduleView,
  type ScheduleView,
  type SymbolSchedule,
} from './symbol-schedule.js';

/** Wait this long after a bar close: the server's last sample of the bucket must be in. */
const SETTLE_MS = 2_000;

export interface PlannerOptions {
  readonly barSize: BarSize;
  readonly mix: FetchMix;
  readonly quota: QuotaTracker;
  /** Uniform in [0, 1): jitter for the backoff (seeded in tests and benchmarks). */
  readonly random: () => number;
  /** Ask /v1/account once at the start (plan, limit) and whenever asked to. */
  readonly fetchAccount: boolean;
  readonly settleMs?: number;
  readonly backoff?: Partial<Omit<BackoffOptions, 'random'>>;
}

export interface SymbolInput {
  readonly symbol: string;
  readonly state: SymbolState;
  /** The calendar lists a 0DTE expiry for it today. */
  readonly listed: boolean;
}

export class PollPlanner {
  readonly #barSize: BarSize;
  readonly #mix: FetchMix;
  readonly #quota: QuotaTracker;
  readonly #random: () => number;
  readonly #barMs: number;
  readonly #settle: number;
  readonly #backoff: BackoffOptions;
  readonly #server = new ServerClock();
  #schedules = new Map<string, SymbolSchedule>();
  #block: Block | null = null;
  #accountDue: boolean;
  /** Symbols polled on the grid (listed, with a chain today), as of the last plan. */
  #active = 1;
  #step: number;

  constructor(options: PlannerOptions) {
    this.#barSize = options.barSize;
    this.#mix = options.mix;
    this.#quota = options.quota;
    this.#random = options.random;
    this.#barMs = BAR_MS[options.barSize];
    this.#settle = options.settleMs ?? SETTLE_MS;
    this.#backoff = { ...DEFAULT_BACKOFF, ...options.backoff, random: options.random };
    this.#accountDue = options.fetchAccount;
    this.#step = this.#barMs;
  }

  get block(): Block | null {
    return this.#block;
  }

  /** The poll step (ms) the budget allowed at the last decision: the bar, or a multiple. */
  get stepMs(): number {
    return this.#step;
  }

  /** The server's clock as learned from the answers (grid shift, serve-time estimate). */
  get server(): ServerClock {
    return this.#server;
  }

  /** The server's clock lag the planner allows for, in ms (negative: the server runs ahead). */
  get lagMs(): number {
    return this.#server.lagMs;
  }

  /** A new session: every symbol starts over with a full backfill. */
  resetSession(): void {
    this.#schedules = new Map();
  }

  /** Sleep/resume or a clock jump: every symbol is due at once (one backfill each). */
  resumed(): void {
    for (const s of this.#schedules.values()) {
      s.dueAt = Number.NEGATIVE_INFINITY;
      s.quickRetried = false;
      s.catchUp = true;
    }
    if (this.#block?.reason === 'rate-limit') this.#block = null;
  }

  symbolView(symbol: string): ScheduleView {
    return scheduleView(this.#schedules.get(symbol));
  }

  #schedule(symbol: string): SymbolSchedule {
    let s = this.#schedules.get(symbol);
    if (!s) this.#schedules.set(symbol, (s = freshSchedule()));
    return s;
  }

  plan(now: number, session: Session, symbols: readonly SymbolInput[]): PollPlan {
    if (this.#block && now < this.#block.until) {
      return { kind: 'idle', until: this.#block.until, reason: this.#block.reason };
    }
    this.#block = null;
    // Session times are compared on the server's clock (bars close on it); waits are returned
    // on ours (#afterClose converts).
    const serverNow = this.#server.serverNow(now);
    if (serverNow < session.open + this.#barMs) {
      const until = this.#afterClose(session.open + this.#barMs);
      return { kind: 'idle', until, reason: 'market-closed' };
    }
    const nextOpen = this.#afterClose(nextSessionOpen(session.close).open + this.#barMs);
    const listed = symbols.filter((s) => s.listed);
    if (listed.length === 0) return { kind: 'idle', until: nextOpen, reason: 'no-0dte' };
    this.#active = listed.filter((s) => !this.#schedule(s.symbol).empty).length || listed.length;
    // What has closed is judged on the server's clock (our clock less its lag), like the
    // scheduling in succeeded(): mixing the two makes a poll wait for a bar it already has.
    const horizon = Math.min(serverNow - this.#settle, session.close);
    const step = this.#stepMs(now, serverNow, session);
    const grid = this.#afterBoundary(nextBoundary(horizon, session.open, session.close, step));
    const due: { input: SymbolInput; from: number }[] = [];
    let wake = Number.POSITIVE_INFINITY;
    for (const input of listed) {
      const sched = this.#schedule(input.symbol);
      const from = this.#work(input.state, session, horizon, serverNow);
      const at = Math.max(sched.dueAt, from !== null ? now : grid);
      if (at <= now && from !== null) due.push({ input, from });
      else if (from !== null || horizon < session.close) wake = Math.min(wake, at);
    }
    if (due.length === 0) {
      if (!Number.isFinite(wake)) return { kind: 'idle', until: nextOpen, reason: 'market-closed' };
      const onlyEmpty = listed.every((s) => this.#schedule(s.symbol).empty);
      const reason = onlyEmpty ? 'no-0dte' : horizon < session.close ? 'cadence' : 'backoff';
      return { kind: 'idle', until: wake, reason };
    }
    return this.#poll(now, session, due);
  }

  /**
   * The oldest bucket the symbol lacks that has ended by `horizon` and a request can still
   * fetch, or null when there is nothing to fetch now.
   */
  #work(state: SymbolState, session: Session, horizon: number, serverNow: number) {
    const reach = oldestReachable(session.open, this.#barMs, session.date, serverNow);
    if (reach === null) return null;
    return firstIncompleteFrom(state, mixSides(this.#mix), reach, horizon);
  }

  #poll(now: number, session: Session, due: { input: SymbolInput; from: number }[]): PollPlan {
    const cost = mixCost(this.#mix);
    const remaining = this.#quota.remaining(now);
    // Oldest data first, so a short budget completes what is furthest behind.
    due.sort((a, b) => a.from - b.from);
    let allowed = due.length;
    if (remaining !== 'unlimited') allowed = Math.min(due.length, Math.floor(remaining / cost));
    if (allowed === 0) {
      // Spent (other tools may share the key): wait for the reset, and say so, as a 429 with
      // nothing remaining would, without spending a request to be told.
      const until = this.#quota.resetAt(now);
      const error = new ApiError(
        'rate-limit',
        `No requests are left on this key today; polling resumes at the reset.`,
        { resetAt: until },
      );
      this.#block = { reason: 'quota', until, error };
      return { kind: 'idle', until, reason: 'quota' };
    }
    const requests: PlannedRequest[] = [];
    const spare = remaining === 'unlimited' ? Infinity : remaining - allowed * cost;
    if (this.#accountDue && spare >= 1) requests.push({ endpoint: 'account' });
    const catchUp: string[] = [];
    // The bar close these polls are for, on the server's clock: an answer older than that
    // means the server had not reached it yet (see succeeded()).
    const aimedAt = Math.min(
      session.close,
      this.#gridCloseBefore(this.#server.serverNow(now) - this.#settle, session),
    );
    for (const { input } of due.slice(0, allowed)) {
      const sched = this.#schedule(input.symbol);
      sched.aimedAt = aimedAt;
      if (sched.catchUp) catchUp.push(input.symbol);
      requests.push(...this.#requestsFor(input.symbol));
    }
    return { kind: 'poll', requests, catchUp };
  }

  #requestsFor(symbol: string): PlannedRequest[] {
    const bar = this.#barSize;
    const mix = this.#mix;
    switch (mix.kind) {
      case 'series':
        return [{ endpoint: 'series', symbol, bar }];
      case 'hedge-flow':
        return mix.sides.map((side) => ({ endpoint: 'hedge-flow', symbol, side, bar }));
    }
  }

  /**
   * The poll step the budget allows: k bar closes (every close when plentiful). The quota is
   * kept on our clock, the session's closes left are counted on the server's.
   */
  #stepMs(now: number, serverNow: number, session: Session): number {
    const perPoll = this.#active * mixCost(this.#mix);
    const k = chooseCadence({
      now: serverNow,
      open: session.open,
      close: session.close,
      barMs: this.#barMs,
      perPoll,
      remaining: this.#quota.remaining(now),
      reserve: reserveFor(perPoll),
    });
    // Not even one more regular poll fits: only the close remains (the reserve's backfill).
    this.#step = k === null ? session.close - session.open : k * this.#barMs;
    return this.#step;
  }

  #gridCloseBefore(t: number, session: Session): number {
    return session.open + Math.floor((t - session.open) / this.#barMs) * this.#barMs;
  }

  /** When to poll for a bar close at `t` (server time), on our clock. */
  #afterClose(t: number): number {
    return t + this.#settle + this.#server.lagMs;
  }

  #afterBoundary(boundary: number | null): number {
    return boundary === null ? Number.POSITIVE_INFINITY : this.#afterClose(boundary);
  }

  // ---- outcomes ------------------------------------------------------------------------------

  /** A symbol's requests succeeded and were merged. */
  succeeded(symbol: string, now: number, session: Session, state: SymbolState, r: PollSummary) {
    const serverNow = this.#server.serverNow(now);
    // The first grid boundary after this poll, as the budget spaces the grid now.
    const step = this.#stepMs(now, serverNow, session);
    const boundary = nextBoundary(serverNow - this.#settle, session.open, session.close, step);
    scheduleAfterPoll(this.#schedule(symbol), r, {
      now,
      serverNow,
      session,
      size: state.size,
      nextGridPoll: this.#afterBoundary(boundary),
      random: this.#random,
    });
  }

  /** The server's time as an answer showed it: feeds the grid and the window estimate. */
  answered(sentAt: number, asOf: number): void {
    this.#server.observe(sentAt, asOf);
  }

  /** The account call succeeded (the loop's own, or the user's refresh). */
  accountSucceeded(account: Account, now: number): void {
    this.#accountDue = false;
    this.#quota.observeAccount(account, now);
    this.#block = blockAfterAccount(this.#block, account);
  }

  /** A request failed; `symbol` is null for the account call. */
  failed(symbol: string | null, error: unknown, now: number): void {
    const outcome = classifyFailure(error, now, this.#quota);
    if (symbol === null) this.#accountDue = false; // not worth a retry loop: headers suffice
    switch (outcome.kind) {
      case 'ignore':
        return;
      case 'block':
        this.#block = outcome.block;
        return;
      case 'symbol': {
        if (symbol === null) return;
        const s = this.#schedule(symbol);
        s.failures++;
        s.error = outcome.error;
        s.catchUp = true;
        s.dueAt = now + (outcome.retryInMs ?? backoffDelay(s.failures, this.#backoff));
        return;
      }
    }
  }
}

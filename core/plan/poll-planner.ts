// The quota-aware poll planner (docs/polling.md). Pure decisions over the market clock: which
// requests to send now, or how long to wait. Per symbol, the cheapest mix of requests for what
// the row shows (cost-model.ts); polls just after bar closes (plus a settle delay and the
// server's observed lag); the window of each request reaches back to the oldest bucket still
// missing, so the first poll is a full-session backfill, later ones are incremental and a gap
// (sleep, an outage) is filled by one longer window; the remaining daily budget spread over
// the remaining session with a reserve for backfills; 429 honoured; exponential backoff with
// jitter on faults; nothing outside the session.
import { ApiError } from '../api/errors.js';
import type { Account } from '../api/api-types.js';
import { BAR_MS, type BarSize } from '../model/flow.js';
import type { Session } from '../../sim/engine/market/index.js';
import type { SymbolState } from '../state/symbol-state.js';
import { DEFAULT_BACKOFF, backoffDelay, type BackoffOptions } from './backoff.js';
import { chooseCadence, nextBoundary, reserveFor } from './cadence.js';
import { mixCost, mixSides, type FetchMix } from './cost-model.js';
import type { PlannedRequest, PollPlan } from './plan-types.js';
import type { QuotaTracker } from './quota.js';
import {
  freshSchedule,
  scheduleView,
  type ScheduleView,
  type SymbolSchedule,
} from './symbol-schedule.js';
import { classifyFailure, type Block } from './failures.js';
import { windowMinutes } from './windows.js';

/** After the close the final bars are still fetched (and retried) for this long. */
export const FINAL_POLL_GRACE_MS = 5 * 60_000;
/** Wait this long after a bar close: the server's last sample of the bucket must be in. */
export const SETTLE_MS = 2_000;
/** No bars this long after the open means no 0DTE chain today (not an error). */
export const EMPTY_AFTER_MS = 3 * 60_000;
/** A symbol with no chain today is asked again this often, in case it was late. */
export const EMPTY_RECHECK_MS = 15 * 60_000;
/** The server's clock may trail ours; never wait longer than this for it. */
export const MAX_LAG_MS = 20_000;

/** How far a server clock may run ahead of ours that the planner still follows. */
export const MAX_LEAD_MS = 120_000;

/**
 * A difference this small between the server's `as_of` and our clock is the truncation of
 * `as_of` to whole seconds plus network latency, which the settle delay already covers.
 */
const CLOCK_TOLERANCE_MS = 2_000;

/**
 * How much later than our clock's bar closes to poll, given `lead` = the server's as_of minus
 * our clock at the answer: positive when the server trails us (a slow server clock), negative
 * when it runs ahead (a slow local clock: its bars close earlier on our clock, and polling on
 * our own grid would find nothing new every other time). `as_of` is whole seconds, so it reads
 * up to a second early: aim a second later than measured.
 */
export function lagFor(lead: number): number {
  if (Math.abs(lead) <= CLOCK_TOLERANCE_MS) return 0;
  return Math.min(MAX_LAG_MS, Math.max(-MAX_LEAD_MS, -lead + 1_000));
}

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
  readonly #o: PlannerOptions;
  readonly #barMs: number;
  readonly #settle: number;
  readonly #backoff: BackoffOptions;
  #schedules = new Map<string, SymbolSchedule>();
  #block: Block | null = null;
  #accountDue: boolean;
  #lag = 0;
  /** Symbols polled on the grid (listed, with a chain today), as of the last plan. */
  #active = 1;
  #step: number;

  constructor(options: PlannerOptions) {
    this.#o = options;
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

  /** The server's clock lag the planner allows for, in ms (negative: the server runs ahead). */
  get lagMs(): number {
    return this.#lag;
  }

  /** A new session: every symbol starts over with a full backfill. */
  resetSession(): void {
    this.#schedules = new Map();
  }

  /** The user asked for fresh account figures, or the plan may have changed. */
  requestAccount(): void {
    this.#accountDue = true;
    if (this.#block?.reason === 'tier' || this.#block?.reason === 'auth') this.#block = null;
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
    const end = session.close + FINAL_POLL_GRACE_MS;
    if (now < session.open + this.#barMs) {
      return {
        kind: 'idle',
        until: session.open + this.#barMs + this.#settle,
        reason: 'market-closed',
      };
    }
    const listed = symbols.filter((s) => s.listed);
    if (listed.length === 0) return { kind: 'idle', until: end, reason: 'no-0dte' };

    if (now >= end) return { kind: 'idle', until: end, reason: 'market-closed' };
    this.#active = listed.filter((s) => !this.#schedule(s.symbol).empty).length || listed.length;
    // What has closed is judged on the server's clock (our clock less its lag), like the
    // scheduling in succeeded(): mixing the two makes a poll wait for a bar it already has.
    const horizon = Math.min(now - this.#settle - this.#lag, session.close);
    const sides = mixSides(this.#o.mix);
    const step = this.#stepMs(now, session);
    const due: { input: SymbolInput; from: number }[] = [];
    let wake = Number.POSITIVE_INFINITY;
    for (const input of listed) {
      const sched = this.#schedule(input.symbol);
      const from = input.state.oldestIncomplete(sides, horizon);
      const workAt =
        from !== null
          ? now
          : this.#afterBoundary(nextBoundary(horizon, session.open, session.close, step));
      const at = Math.max(sched.dueAt, workAt);
      if (at <= now && from !== null) due.push({ input, from });
      else wake = Math.min(wake, at);
    }
    if (due.length === 0) {
      if (!Number.isFinite(wake)) return { kind: 'idle', until: end, reason: 'market-closed' };
      const onlyEmpty = listed.every((s) => this.#schedule(s.symbol).empty);
      return {
        kind: 'idle',
        until: Math.min(wake, end),
        reason: onlyEmpty ? 'no-0dte' : 'cadence',
      };
    }
    return this.#poll(now, due);
  }

  #poll(now: number, due: { input: SymbolInput; from: number }[]): PollPlan {
    const cost = mixCost(this.#o.mix);
    const remaining = this.#o.quota.remaining(now);
    // Oldest data first, so a short budget completes what is furthest behind.
    due.sort((a, b) => a.from - b.from);
    let allowed = due.length;
    if (remaining !== 'unlimited') allowed = Math.min(due.length, Math.floor(remaining / cost));
    if (allowed === 0) {
      // Spent (other tools may share the key): wait for the reset, and say so, as a 429 with
      // nothing remaining would, without spending a request to be told.
      const until = this.#o.quota.resetAt(now);
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
    for (const { input, from } of due.slice(0, allowed)) {
      if (this.#schedule(input.symbol).catchUp) catchUp.push(input.symbol);
      requests.push(...this.#requestsFor(input.symbol, windowMinutes(from, now)));
    }
    return { kind: 'poll', requests, catchUp };
  }

  #requestsFor(symbol: string, minutes: number): PlannedRequest[] {
    const bar = this.#o.barSize;
    const mix = this.#o.mix;
    switch (mix.kind) {
      case 'series':
        return [{ endpoint: 'series', symbol, bar, minutes }];
      case 'hedge-flow':
        return mix.sides.map((side) => ({ endpoint: 'hedge-flow', symbol, side, bar, minutes }));
    }
  }

  /** The poll step the budget allows now: k bar closes (every close when it is plentiful). */
  #stepMs(now: number, session: Session): number {
    const perPoll = this.#active * mixCost(this.#o.mix);
    const k = chooseCadence({
      now,
      open: session.open,
      close: session.close,
      barMs: this.#barMs,
      perPoll,
      remaining: this.#o.quota.remaining(now),
      reserve: reserveFor(perPoll),
    });
    // Not even one more regular poll fits: only the close remains (the reserve's backfill).
    this.#step = k === null ? session.close - session.open : k * this.#barMs;
    return this.#step;
  }

  #afterBoundary(boundary: number | null): number {
    return boundary === null ? Number.POSITIVE_INFINITY : boundary + this.#settle + this.#lag;
  }

  // ---- outcomes ------------------------------------------------------------------------------

  /** A symbol's requests succeeded and were merged; `asOf` is the newest server time seen. */
  succeeded(symbol: string, now: number, session: Session, state: SymbolState, asOf: number): void {
    const s = this.#schedule(symbol);
    s.failures = 0;
    s.error = null;
    s.lastOkAt = now;
    s.catchUp = false;
    if (state.size === 0 && now >= session.open + EMPTY_AFTER_MS) {
      s.empty = true;
      s.dueAt = now + EMPTY_RECHECK_MS;
      return;
    }
    s.empty = false;
    // The bar close this poll was aimed at, on the server's clock as we estimated it.
    const expected = Math.min(
      session.close,
      session.open +
        Math.floor((now - this.#settle - this.#lag - session.open) / this.#barMs) * this.#barMs,
    );
    // Measured afresh on every answer, so the estimate follows the clocks instead of drifting.
    this.#lag = lagFor(asOf - now);
    if (asOf < expected && !s.quickRetried) {
      // The server had not reached the close we polled for: ask again once (only) when it
      // should have caught up.
      s.quickRetried = true;
      s.dueAt = now + Math.min(MAX_LAG_MS, expected - asOf) + 1_000;
      return;
    }
    s.quickRetried = false;
    // Next: the first grid boundary after this poll, as the budget spaces the grid now.
    const horizon = now - this.#settle - this.#lag;
    const step = this.#stepMs(now, session);
    s.dueAt = this.#afterBoundary(nextBoundary(horizon, session.open, session.close, step));
    const sides = mixSides(this.#o.mix);
    if (
      now >= session.close + this.#settle &&
      state.oldestIncomplete(sides, session.close) !== null
    ) {
      // After the close with the day still incomplete: keep trying during the grace period.
      s.dueAt = now + backoffDelay(1, this.#backoff);
    }
  }

  /** The account call succeeded. */
  accountSucceeded(account: Account, now: number): void {
    this.#accountDue = false;
    this.#o.quota.observeAccount(account, now);
    const below = account.plan === 'free' || account.plan === 'basic';
    // The plan was upgraded since the 403: poll again.
    if (!below && this.#block?.reason === 'tier') this.#block = null;
    if (below) {
      const plan = account.plan.charAt(0).toUpperCase() + account.plan.slice(1);
      const error = new ApiError(
        'tier',
        `Hedge flow needs the Growth plan or higher; this key is on ${plan}.`,
        {
          currentPlan: plan,
          requiredPlan: 'Growth',
          code: 'tier_restricted',
        },
      );
      this.#block = { reason: 'tier', until: Number.POSITIVE_INFINITY, error };
    }
  }

  /** A request failed; `symbol` is null for the account call. */
  failed(symbol: string | null, error: unknown, now: number): void {
    const outcome = classifyFailure(error, now, this.#o.quota);
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

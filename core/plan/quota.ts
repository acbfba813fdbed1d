// The one owner of the key's quota and account figures: the plan, the daily limit, what is
// left today and when it resets, learned from `/v1/account` and the X-RateLimit-* headers of
// every response, and counted down locally between responses. The quota resets at midnight
// UTC. The server's figure wins whenever one arrives: other programs may share the key.
// Each request reaches it twice, through one path (core/source/metered-source.ts): `spend`
// when it is sent and `observeRateLimit` when its answer (or error) arrives; `/v1/account`'s
// body through the planner (`observeAccount`), a 403's plan through plan-tier.ts.
import type { Account } from '../api/api-types.js';
import type { RateLimit } from '../api/rate-limit.js';
import type { QuotaView } from '../contract/views.js';

export type Count = number | 'unlimited';

/** Growth's daily limit: assumed until the server says otherwise (hedge flow needs Growth). */
const ASSUMED_DAILY_LIMIT = 2_500;

const DAY_MS = 86_400_000;

export function nextUtcMidnight(now: number): number {
  return Math.floor(now / DAY_MS) * DAY_MS + DAY_MS;
}

function utcDay(now: number): string {
  return new Date(now).toISOString().slice(0, 10);
}

export class QuotaTracker {
  #plan: string | null = null;
  #limit: Count | null = null;
  #remaining: Count | null = null;
  #resetAt: number | null = null;
  #usedByApp = 0;
  #day = '';
  /** Requests sent since the server last told us the remaining count. */
  #sinceServer = 0;

  /** The daily limit, when known. */
  get limit(): Count | null {
    return this.#limit;
  }

  observeAccount(account: Account, now: number): void {
    this.#rollover(now);
    this.#plan = account.plan;
    this.#limit = account.dailyLimit;
    this.#remaining = account.remaining;
    this.#resetAt = account.resetsAt ?? nextUtcMidnight(now);
    this.#sinceServer = 0;
  }

  observeRateLimit(rl: RateLimit, now: number): void {
    this.#rollover(now);
    this.#limit = rl.limit;
    this.#remaining = rl.remaining;
    if (rl.resetAt !== null && rl.resetAt > now) this.#resetAt = rl.resetAt;
    this.#sinceServer = 0;
  }

  /** The server named the key's plan outside /v1/account (a 403 says which plan it is on). */
  observePlan(plan: string): void {
    this.#plan = plan;
  }

  /**
   * Another key: what the server said about the old one (plan, limit, what is left, the reset)
   * is not known of the new one. The app's own count of today's requests stays.
   */
  forgetAccount(): void {
    this.#plan = null;
    this.#limit = null;
    this.#remaining = null;
    this.#resetAt = null;
    this.#sinceServer = 0;
  }

  /** The server said the quota is spent until `resetAt`. */
  exhausted(resetAt: number | null, now: number): void {
    this.#rollover(now);
    this.#remaining = 0;
    this.#sinceServer = 0;
    if (resetAt !== null && resetAt > now) this.#resetAt = resetAt;
  }

  /** One request is about to be sent. */
  spend(now: number): void {
    this.#rollover(now);
    this.#usedByApp++;
    this.#sinceServer++;
  }

  /** Requests left today: the server's figure less what was sent since, else an assumption. */
  remaining(now: number): Count {
    this.#rollover(now);
    if (this.#remaining === 'unlimited') return 'unlimited';
    if (this.#remaining !== null) return Math.max(0, this.#remaining - this.#sinceServer);
    const limit = this.#limit ?? ASSUMED_DAILY_LIMIT;
    if (limit === 'unlimited') return 'unlimited';
    return Math.max(0, limit - this.#usedByApp);
  }

  /** Whether the server has told us anything yet. */
  get known(): boolean {
    return this.#remaining !== null;
  }

  resetAt(now: number): number {
    this.#rollover(now);
    return this.#resetAt ?? nextUtcMidnight(now);
  }

  usedByApp(now: number): number {
    this.#rollover(now);
    return this.#usedByApp;
  }

  view(now: number): QuotaView {
    this.#rollover(now);
    const remaining = this.#remaining === null ? null : this.remaining(now);
    return {
      plan: this.#plan,
      limit: this.#limit,
      remaining,
      resetsAt: this.#resetAt,
      usedByApp: this.#usedByApp,
    };
  }

  /**
   * Past the reset the full limit is back (until a response says otherwise). When no response
   * named the reset time (no X-RateLimit-Reset, no reset_at), the contract's midnight UTC is
   * the reset: a remaining count from yesterday must not hold polling back forever.
   */
  #rollover(now: number): void {
    const day = utcDay(now);
    const newDay = this.#day !== '' && this.#day !== day;
    if (this.#day !== day) {
      this.#day = day;
      this.#usedByApp = 0;
    }
    const reset = this.#resetAt !== null ? now >= this.#resetAt : newDay;
    if (reset) {
      this.#remaining = this.#limit;
      this.#sinceServer = 0;
      this.#resetAt = nextUtcMidnight(now);
    }
  }
}

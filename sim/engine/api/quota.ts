// Per-key daily quotas that reset at midnight UTC, and the X-RateLimit-* headers derived
// from them. A request is counted when it is admitted; refused (429) requests are not.
import { DAILY_LIMIT, type ApiKey } from './plans.js';

const DAY_MS = 86_400_000;

export interface QuotaState {
  readonly limit: number | null;
  readonly used: number;
  /** null = unlimited */
  readonly remaining: number | null;
  /** Epoch ms of the next midnight UTC. */
  readonly resetAt: number;
}

function nextUtcMidnight(nowMs: number): number {
  return (Math.floor(nowMs / DAY_MS) + 1) * DAY_MS;
}

export class QuotaBook {
  private readonly usage = new Map<string, { day: number; used: number }>();

  /** The key's state now, without counting anything. */
  peek(key: ApiKey, nowMs: number): QuotaState {
    const day = Math.floor(nowMs / DAY_MS);
    const entry = this.usage.get(key.key);
    const used = entry && entry.day === day ? entry.used : 0;
    const limit = DAILY_LIMIT[key.plan];
    return {
      limit,
      used,
      remaining: limit === null ? null : Math.max(0, limit - used),
      resetAt: nextUtcMidnight(nowMs),
    };
  }

  /** Counts one request if the quota allows it; returns the state after, and whether it did. */
  consume(key: ApiKey, nowMs: number): { admitted: boolean; state: QuotaState } {
    const before = this.peek(key, nowMs);
    if (before.remaining === 0) return { admitted: false, state: before };
    this.usage.set(key.key, { day: Math.floor(nowMs / DAY_MS), used: before.used + 1 });
    return { admitted: true, state: this.peek(key, nowMs) };
  }
}

export function rateLimitHeaders(state: QuotaState): Record<string, string> {
  return {
    'x-ratelimit-limit': state.limit === null ? 'unlimited' : String(state.limit),
    'x-ratelimit-remaining': state.remaining === null ? 'unlimited' : String(state.remaining),
    'x-ratelimit-reset': String(Math.floor(state.resetAt / 1000)),
  };
}

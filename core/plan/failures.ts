// What a failed request means for polling: stop everything (bad key, plan too low), wait for
// the server (429: Retry-After, or the quota reset when the day's quota is spent), or retry
// this one symbol later (backoff on faults; a slow retry for errors a retry will not fix soon).
// The error's rate-limit headers have already reached the quota (core/source/metered-source.ts);
// what is decided here is what they mean.
import { ApiError } from '../api/errors.js';
import { refusedTierBlock } from './plan-tier.js';
import type { QuotaTracker } from './quota.js';
import { messageOf } from '../base/error-message.js';

type BlockReason = 'auth' | 'tier' | 'quota' | 'rate-limit';

export interface Block {
  readonly reason: BlockReason;
  /** Market time polling may resume (Infinity: until the key or plan changes). */
  readonly until: number;
  readonly error: ApiError;
}

export type FailureOutcome =
  | { readonly kind: 'ignore' }
  | { readonly kind: 'block'; readonly block: Block }
  /** `retryInMs` absent: exponential backoff. */
  | { readonly kind: 'symbol'; readonly error: ApiError; readonly retryInMs?: number };

/** A 429 whose wait is longer than this is the daily quota, not a burst limit. */
const QUOTA_HORIZON_MS = 10 * 60_000;
/** Without Retry-After or a reset time, a 429 is waited out this long. */
const DEFAULT_RATE_LIMIT_WAIT_MS = 60_000;
/** Errors a retry will not fix soon (unknown symbol, a refused parameter) are retried this slowly. */
const SLOW_RETRY_MS = 15 * 60_000;

export function classifyFailure(error: unknown, now: number, quota: QuotaTracker): FailureOutcome {
  const e = error instanceof ApiError ? error : new ApiError('network', messageOf(error));
  switch (e.kind) {
    case 'aborted':
      return { kind: 'ignore' };
    case 'auth':
      return {
        kind: 'block',
        block: { reason: 'auth', until: Number.POSITIVE_INFINITY, error: e },
      };
    case 'tier':
      return { kind: 'block', block: refusedTierBlock(e, quota) };
    case 'rate-limit': {
      const d = e.details;
      const spent = d.rateLimit?.remaining === 0;
      const retryAt = d.retryAfterMs !== undefined ? now + d.retryAfterMs : undefined;
      const resetAt = d.resetAt ?? d.rateLimit?.resetAt ?? undefined;
      let until = retryAt ?? (spent ? resetAt : undefined) ?? now + DEFAULT_RATE_LIMIT_WAIT_MS;
      const quotaSpent = spent || until - now > QUOTA_HORIZON_MS;
      if (quotaSpent) {
        // Never earlier than the server asked; the reset when the server named it.
        until = Math.max(until, resetAt ?? until);
        quota.exhausted(resetAt ?? null, now);
      }
      return {
        kind: 'block',
        block: { reason: quotaSpent ? 'quota' : 'rate-limit', until, error: e },
      };
    }
    case 'not-found':
    case 'bad-request':
    case 'http':
      return { kind: 'symbol', error: e, retryInMs: SLOW_RETRY_MS };
    case 'server':
    case 'network':
    case 'timeout':
    case 'invalid-response':
      return { kind: 'symbol', error: e };
  }
}

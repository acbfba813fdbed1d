// Each service's published limits, kept per channel (per webhook, bot chat or topic) with a token
// bucket, so a burst of alerts never earns a 429 in the first place. A 429 or Discord's bucket
// headers pause the bucket until the time the service named.
import type { ChannelKind } from '../contract/settings.js';

export interface RatePolicy {
  /** Requests that may go at once. */
  readonly burst: number;
  /** One more request is allowed every this many ms. */
  readonly everyMs: number;
}

export const SERVICE_RATES: Readonly<Record<ChannelKind, RatePolicy>> = {
  // Discord: 5 requests per 2 s per webhook, about 30 messages a minute per channel.
  discord: { burst: 5, everyMs: 2000 },
  // Slack: one message per second per incoming webhook, short bursts tolerated.
  slack: { burst: 1, everyMs: 1000 },
  // Telegram: at most one message a second to a chat and 20 a minute to a group.
  telegram: { burst: 1, everyMs: 3000 },
  // ntfy.sh's defaults per visitor: a burst of 60, then one every 5 s.
  ntfy: { burst: 60, everyMs: 5000 },
  // Someone's own server: a polite default.
  webhook: { burst: 10, everyMs: 1000 },
};

export class TokenBucket {
  readonly #policy: RatePolicy;
  #tokens: number;
  #at: number;
  #pausedUntil = Number.NEGATIVE_INFINITY;

  constructor(policy: RatePolicy, now: number) {
    this.#policy = policy;
    this.#tokens = policy.burst;
    this.#at = now;
  }

  #refill(now: number): void {
    if (now <= this.#at) return;
    const earned = (now - this.#at) / this.#policy.everyMs;
    this.#tokens = Math.min(this.#policy.burst, this.#tokens + earned);
    this.#at = now;
  }

  /** The earliest time a request may go (now, when one may go at once). */
  nextAt(now: number): number {
    this.#refill(now);
    const refillAt = this.#tokens >= 1 ? now : now + (1 - this.#tokens) * this.#policy.everyMs;
    return Math.max(refillAt, this.#pausedUntil);
  }

  take(now: number): void {
    this.#refill(now);
    this.#tokens = Math.max(0, this.#tokens - 1);
  }

  /** Nothing goes before `until` (a 429's Retry-After, a spent Discord bucket). */
  pauseUntil(until: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
  }
}

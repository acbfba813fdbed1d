// Each service's published limit per channel, so a burst of alerts never earns a 429; a pause
// (429, a spent Discord bucket) holds everything until the time the service named.
import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../../core/channels/delivery-worker.js';
import { SERVICE_RATES, TokenBucket } from '../../../../core/channels/rate-limit.js';

const T0 = 1_000_000;

/** When each of `n` requests may go, taking a token each time as soon as allowed. */
function schedule(bucket: TokenBucket, n: number): number[] {
  const at: number[] = [];
  let now = T0;
  for (let i = 0; i < n; i++) {
    now = bucket.nextAt(now);
    bucket.take(now);
    at.push(now - T0);
  }
  return at;
}

describe('rate limits', () => {
  it('Discord: 5 at once, then one every 2 s (30 a minute)', () => {
    expect(schedule(new TokenBucket(SERVICE_RATES.discord, T0), 8)).toEqual([
      0, 0, 0, 0, 0, 2_000, 4_000, 6_000,
    ]);
  });

  it('Telegram: one every 3 s (20 a minute to a group); Slack: one a second', () => {
    expect(schedule(new TokenBucket(SERVICE_RATES.telegram, T0), 3)).toEqual([0, 3_000, 6_000]);
    expect(schedule(new TokenBucket(SERVICE_RATES.slack, T0), 3)).toEqual([0, 1_000, 2_000]);
  });

  it('tokens come back with time, up to the burst', () => {
    const bucket = new TokenBucket(SERVICE_RATES.discord, T0);
    schedule(bucket, 5);
    expect(bucket.nextAt(T0 + 60_000)).toBe(T0 + 60_000);
  });

  it('a pause holds everything until it ends, full bucket or not', () => {
    const bucket = new TokenBucket(SERVICE_RATES.ntfy, T0);
    bucket.pauseUntil(T0 + 4_500);
    expect(bucket.nextAt(T0)).toBe(T0 + 4_500);
    bucket.pauseUntil(T0 + 1_000); // an earlier end never shortens it
    expect(bucket.nextAt(T0 + 100)).toBe(T0 + 4_500);
  });
});

describe('backoff', () => {
  it('doubles from 2 s up to 5 min for failures the service answered', () => {
    const none = () => 0;
    expect([1, 2, 3, 4, 8, 12].map((n) => backoffMs(n, false, none))).toEqual([
      2_000, 4_000, 8_000, 16_000, 256_000, 300_000,
    ]);
  });

  it('doubles from 5 s up to a minute while the network is down', () => {
    const none = () => 0;
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, true, none))).toEqual([
      5_000, 10_000, 20_000, 40_000, 60_000,
    ]);
  });

  it('adds up to 20% jitter', () => {
    expect(backoffMs(1, false, () => 0.999)).toBe(2_400);
  });
});

// Every request the poll loop sends, on the one path to the quota: counted just before it is
// sent, and its answer's X-RateLimit-* headers (an error's too: a 429 names the reset) handed
// to the quota once, when it arrives. The loop's polls, its account fetch and the user's
// "refresh" all send through here, so no response is counted twice or missed
// (docs/architecture.md, "Quota and account: one owner").
import type { ApiResult } from '../api/api-types.js';
import { ApiError } from '../api/errors.js';
import type { QuotaTracker } from '../plan/quota.js';
import type { FlowSource } from './flow-source.js';

export function meteredSource(
  source: FlowSource,
  quota: QuotaTracker,
  /** The clock the quota is kept on (the loop's market clock). */
  now: () => number,
): FlowSource {
  async function send<T>(request: () => Promise<ApiResult<T>>): Promise<ApiResult<T>> {
    quota.spend(now());
    try {
      const result = await request();
      if (result.rateLimit) quota.observeRateLimit(result.rateLimit, now());
      return result;
    } catch (error) {
      const rateLimit = error instanceof ApiError ? error.details.rateLimit : undefined;
      if (rateLimit) quota.observeRateLimit(rateLimit, now());
      throw error;
    }
  }
  return {
    kind: source.kind,
    hedgeFlow: (symbol, query, signal) => send(() => source.hedgeFlow(symbol, query, signal)),
    series: (symbol, query, signal) => send(() => source.series(symbol, query, signal)),
    account: (signal) => send(() => source.account(signal)),
  };
}

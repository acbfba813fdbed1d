import type { RateLimit } from './rate-limit.js';

export interface ApiResult<T> {
  readonly data: T;
  /** The response's X-RateLimit-* headers (null on public endpoints). */
  readonly rateLimit: RateLimit | null;
}

export interface Account {
  /** Lower-cased: free, basic, growth, alpha, enterprise (or whatever the server says). */
  readonly plan: string;
  readonly dailyLimit: number | 'unlimited';
  readonly remaining: number | 'unlimited';
  readonly usageToday: number | null;
  readonly resetsAt: number | null;
}

export interface StockQuote {
  readonly ticker: string;
  readonly bid: number | null;
  readonly ask: number | null;
  readonly mid: number | null;
  readonly last: number | null;
  readonly lastUpdate: string | null;
}

export interface Health {
  readonly status: string;
  readonly healthy: boolean;
}

import type { BarSize, Side } from '../model/flow.js';

export type PlannedRequest =
  | {
      readonly endpoint: 'series';
      readonly symbol: string;
      readonly bar: BarSize;
      readonly minutes: number;
    }
  | {
      readonly endpoint: 'hedge-flow';
      readonly symbol: string;
      readonly side: Side;
      readonly bar: BarSize;
      readonly minutes: number;
    }
  | { readonly endpoint: 'account' };

export type PollPlan =
  /** Send these requests at `at`. */
  | { readonly kind: 'poll'; readonly at: number; readonly requests: readonly PlannedRequest[] }
  /** Nothing to do until `until` (market closed, quota spent, paused...). */
  | { readonly kind: 'idle'; readonly until: number; readonly reason: IdleReason };

export type IdleReason = 'market-closed' | 'no-0dte' | 'quota' | 'backoff' | 'auth' | 'tier';

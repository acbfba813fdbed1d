import type { BarSize, Side } from '../model/flow.js';

/**
 * A request the planner decided to send. Its window (`minutes`) is not part of the decision: it
 * is sized at send time from the state and the server's clock as known then (window-sizer.ts),
 * because a window sized at plan time may no longer reach back far enough when it is served.
 */
export type PlannedRequest =
  | { readonly endpoint: 'series'; readonly symbol: string; readonly bar: BarSize }
  | {
      readonly endpoint: 'hedge-flow';
      readonly symbol: string;
      readonly side: Side;
      readonly bar: BarSize;
    }
  | { readonly endpoint: 'account' };

export type PollPlan =
  /**
   * Send these requests now. `catchUp` lists the symbols whose window is a backfill (their first
   * poll of the session, the first after a failure or a resume from sleep): their next
   * evaluation must not alert on anything but the newest state.
   */
  | {
      readonly kind: 'poll';
      readonly requests: readonly PlannedRequest[];
      readonly catchUp: readonly string[];
    }
  /** Nothing to send until `until` (market time); `reason` says why. */
  | { readonly kind: 'idle'; readonly until: number; readonly reason: IdleReason };

type IdleReason =
  /** Waiting for the next bar close (the normal case while the market is open). */
  'cadence' | 'market-closed' | 'no-0dte' | 'quota' | 'rate-limit' | 'backoff' | 'auth' | 'tier';

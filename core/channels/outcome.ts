// What one attempt to deliver came to. Only an answer from the service, or a connection that
// was never made, tells us the message did not arrive; anything else (no answer in time, a
// connection dropped mid-request) may have delivered it, and is never sent again.
export type SendOutcome =
  | {
      readonly type: 'delivered';
      /** The service said its bucket is spent: nothing more before this many ms. */
      readonly pauseMs: number | null;
    }
  | {
      readonly type: 'retry';
      readonly reason: string;
      /** What the service asked for (Retry-After); null: our own backoff. */
      readonly afterMs: number | null;
      /** The service answered (5xx, 429): counts towards the attempt limit. */
      readonly counted: boolean;
      /** No connection could be made: waits for the network, counts nothing. */
      readonly network: boolean;
    }
  /** The service refused the channel's settings: 4xx other than 408 and 429. */
  | { readonly type: 'refused'; readonly reason: string }
  /** It may have arrived: at most once means it is never sent again. */
  | { readonly type: 'unknown'; readonly reason: string };

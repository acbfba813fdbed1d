// What a delivery carries: the alert (or a test), where it came from and when it was queued.
// The outbox stores exactly this plus the channel's id; the request, with its secrets, is built
// only at send time.
import type { AlertRecord } from '../contract/detector.js';
import type { SourceKind } from '../contract/views.js';

export type DeliveryPayload =
  | { readonly type: 'alert'; readonly alert: AlertRecord; readonly source: SourceKind }
  | { readonly type: 'test' };

/** A delivery sent this long after its alert fired is marked late in the message. */
const LATE_AFTER_MS = 2 * 60_000;

export interface DeliveryContext {
  /** Stable across retries: receivers may drop a copy they already have. */
  readonly deliveryId: string;
  /** The channel's name, for the test message. */
  readonly channelName: string;
  /** App clock (ms) when the alert fired and was queued. */
  readonly queuedAt: number;
  /** App clock (ms) of this attempt. */
  readonly sentAt: number;
}

/** How long after its alert this attempt goes out, and whether that counts as late. */
export function lateness(context: DeliveryContext): {
  readonly late: boolean;
  readonly delayMs: number;
} {
  const delayMs = Math.max(0, context.sentAt - context.queuedAt);
  return { late: delayMs > LATE_AFTER_MS, delayMs };
}

import type { ChannelSecrets } from '../../contract/alert-channels.js';
import type { ChannelConfig, ChannelKind } from '../../contract/settings.js';
import type { DeliveryContext, DeliveryPayload } from '../delivery.js';
import type { ChannelEndpoints } from '../endpoints.js';

/** What every service's request builder gets: one channel, its secrets, one delivery. */
export interface RequestInput<K extends ChannelKind> {
  readonly config: Extract<ChannelConfig, { kind: K }>;
  readonly secrets: Extract<ChannelSecrets, { kind: K }>;
  readonly payload: DeliveryPayload;
  readonly context: DeliveryContext;
  readonly endpoints: ChannelEndpoints;
}

/** A request ready for the HttpTransport port (its timeout is the sender's). */
export interface OutgoingRequest {
  readonly method: 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** Cuts text to a service's limit on a character boundary, marking the cut. */
export function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

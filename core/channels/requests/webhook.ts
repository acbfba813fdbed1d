// The generic JSON webhook (docs/channels.md): the alert record as JSON, POSTed to the user's
// URL. A receiver can check an optional shared-secret header, and verify the HMAC-SHA256
// signature of the exact body; the body carries the timestamp that the signature covers, so a
// replayed request is recognisable by its age and its delivery id.
import { lateness } from '../delivery.js';
import { hmacSha256Hex } from '../hmac.js';
import type { OutgoingRequest, RequestInput } from './request-input.js';

const WEBHOOK_HEADERS = {
  event: 'X-HedgeFlow-Event',
  delivery: 'X-HedgeFlow-Delivery',
  timestamp: 'X-HedgeFlow-Timestamp',
  signature: 'X-HedgeFlow-Signature',
} as const;

/** The body's schema version: receivers can switch on it if the shape ever changes. */
const WEBHOOK_VERSION = 1;

export async function webhookRequest(input: RequestInput<'webhook'>): Promise<OutgoingRequest> {
  const { config, secrets, payload, context } = input;
  const timestamp = Math.floor(context.sentAt / 1000);
  const { late, delayMs } = lateness(context);
  const body = JSON.stringify({
    version: WEBHOOK_VERSION,
    type: payload.type,
    deliveryId: context.deliveryId,
    timestamp,
    channel: config.name,
    ...(payload.type === 'alert'
      ? {
          source: payload.source,
          late,
          delaySeconds: Math.round(delayMs / 1000),
          alert: payload.alert,
        }
      : { message: `Test from HedgeFlow: the channel "${context.channelName}" works.` }),
  });
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    [WEBHOOK_HEADERS.event]: payload.type,
    [WEBHOOK_HEADERS.delivery]: context.deliveryId,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
  };
  if (secrets.signingSecret) {
    headers[WEBHOOK_HEADERS.signature] =
      `sha256=${await hmacSha256Hex(secrets.signingSecret, body)}`;
  }
  if (secrets.sharedSecret) headers[config.secretHeader] = secrets.sharedSecret;
  return { method: 'POST', url: secrets.url, headers, body };
}

// One attempt at one delivery: build the request (secrets go in here, at send time), send it
// through the HttpTransport port with a timeout, and read the answer. Never throws.
import type { ChannelSecrets } from '../contract/alert-channels.js';
import type { ChannelConfig } from '../contract/settings.js';
import type { HttpTransport } from '../ports/http.js';
import { classifyError, classifyResponse, type ClassifyContext } from './classify.js';
import type { DeliveryContext, DeliveryPayload } from './delivery.js';
import type { ChannelEndpoints } from './endpoints.js';
import type { SendOutcome } from './outcome.js';
import { buildRequest } from './requests/index.js';

/** A service that has not answered in this long may never answer. */
export const SEND_TIMEOUT_MS = 10_000;

export interface SenderDeps {
  readonly http: HttpTransport;
  readonly endpoints: ChannelEndpoints;
  readonly timeoutMs: number;
  readonly now: () => number;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'the server';
  }
}

/** How reasons name the receiving end: the service, or the host of the user's own URL. */
function serviceName(secrets: ChannelSecrets): string {
  switch (secrets.kind) {
    case 'discord':
      return 'Discord';
    case 'slack':
      return 'Slack';
    case 'telegram':
      return 'Telegram';
    case 'ntfy':
      return hostOf(secrets.topicUrl);
    case 'webhook':
      return hostOf(secrets.url);
    default:
      return secrets satisfies never;
  }
}

export async function sendOnce(
  deps: SenderDeps,
  channel: ChannelConfig,
  secrets: ChannelSecrets,
  secretTexts: readonly string[],
  payload: DeliveryPayload,
  context: DeliveryContext,
): Promise<SendOutcome> {
  const ctx: ClassifyContext = {
    kind: channel.kind,
    service: serviceName(secrets),
    secrets: secretTexts,
    now: deps.now(),
    timeoutMs: deps.timeoutMs,
  };
  try {
    const built = buildRequest(channel, secrets, payload, context, deps.endpoints);
    if (built === null) {
      return { type: 'refused', reason: 'Its stored secrets are for another kind of channel' };
    }
    const request = await built;
    const response = await deps.http({ ...request, timeoutMs: deps.timeoutMs });
    return await classifyResponse(response, ctx);
  } catch (error) {
    return classifyError(error, ctx);
  }
}

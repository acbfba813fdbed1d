// One request builder per service, chosen by the channel's kind.
import type { ChannelSecrets } from '../../contract/alert-channels.js';
import type { ChannelConfig } from '../../contract/settings.js';
import type { DeliveryContext, DeliveryPayload } from '../delivery.js';
import type { ChannelEndpoints } from '../endpoints.js';
import { discordRequest } from './discord.js';
import { ntfyRequest } from './ntfy.js';
import type { OutgoingRequest } from './request-input.js';
import { slackRequest } from './slack.js';
import { telegramRequest } from './telegram.js';
import { webhookRequest } from './webhook.js';

export type { OutgoingRequest };

/** The request for one delivery; null when the secrets are for another kind (never sent). */
export function buildRequest(
  config: ChannelConfig,
  secrets: ChannelSecrets,
  payload: DeliveryPayload,
  context: DeliveryContext,
  endpoints: ChannelEndpoints,
): Promise<OutgoingRequest> | null {
  const common = { payload, context, endpoints };
  switch (config.kind) {
    case 'webhook':
      return secrets.kind === 'webhook' ? webhookRequest({ config, secrets, ...common }) : null;
    case 'discord':
      return secrets.kind === 'discord' ? discordRequest({ config, secrets, ...common }) : null;
    case 'slack':
      return secrets.kind === 'slack' ? slackRequest({ config, secrets, ...common }) : null;
    case 'telegram':
      return secrets.kind === 'telegram' ? telegramRequest({ config, secrets, ...common }) : null;
    case 'ntfy':
      return secrets.kind === 'ntfy' ? ntfyRequest({ config, secrets, ...common }) : null;
    default:
      return config satisfies never;
  }
}

// Where each service lives. Users paste the full webhook URL for the webhook kinds; the host of a
// Discord or Slack URL must be that service's. Only tests point these at loopback receivers
// (HedgeFlowApp's `channelEndpoints`); nothing a user can set reaches them.
import type { ChannelSecrets } from '../contract/alert-channels.js';

export interface ChannelEndpoints {
  /** The Telegram Bot API's origin; requests go to `${telegramApi}/bot<token>/sendMessage`. */
  readonly telegramApi: string;
  /** Hosts (host[:port]) a Discord webhook URL may name. */
  readonly discordHosts: readonly string[];
  /** Hosts a Slack incoming-webhook URL may name. */
  readonly slackHosts: readonly string[];
}

export const SERVICE_ENDPOINTS: ChannelEndpoints = {
  telegramApi: 'https://api.telegram.org',
  discordHosts: ['discord.com', 'discordapp.com', 'ptb.discord.com', 'canary.discord.com'],
  slackHosts: ['hooks.slack.com'],
};

/** Discord: /api[/v10]/webhooks/{webhook.id}/{webhook.token} */
const DISCORD_PATH = /^\/api(\/v\d+)?\/webhooks\/\d{5,25}\/[A-Za-z0-9_-]{20,100}\/?$/;
/** Slack: /services/T…/B…/{secret} */
const SLACK_PATH = /^\/services\/[A-Z0-9]{5,20}\/[A-Z0-9]{5,20}\/[A-Za-z0-9]{10,40}\/?$/;

/** What is wrong with a kind's secrets for its service (for the form), or null when nothing. */
export function secretsProblem(
  secrets: ChannelSecrets,
  endpoints: ChannelEndpoints,
): string | null {
  switch (secrets.kind) {
    case 'discord': {
      const url = new URL(secrets.url);
      if (!endpoints.discordHosts.includes(url.host) || !DISCORD_PATH.test(url.pathname))
        return 'Paste the webhook URL Discord shows (Server Settings → Integrations → Webhooks → Copy Webhook URL): https://discord.com/api/webhooks/…';
      return url.search === '' ? null : 'Paste the webhook URL without anything after "?"';
    }
    case 'slack': {
      const url = new URL(secrets.url);
      if (!endpoints.slackHosts.includes(url.host) || !SLACK_PATH.test(url.pathname))
        return 'Paste the incoming-webhook URL Slack shows: https://hooks.slack.com/services/…';
      return null;
    }
    case 'ntfy': {
      const url = new URL(secrets.topicUrl);
      const topic = url.pathname.replace(/^\/|\/$/g, '');
      return /^[-_A-Za-z0-9]{1,64}$/.test(topic) && url.search === ''
        ? null
        : 'Paste the topic URL, e.g. https://ntfy.sh/your-secret-topic (letters, digits, - and _)';
    }
    case 'webhook':
    case 'telegram':
      return null;
    default:
      return secrets satisfies never;
  }
}

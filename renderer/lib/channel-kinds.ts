// How the Settings form names each kind of alert channel and asks for its secrets. Values here,
// not in core/contract: the renderer imports only types from the contract.
import type {
  ChannelConfig,
  ChannelConfigDraft,
  ChannelKind,
  VerdictKind,
} from '../../core/contract/index.js';

export interface SecretField {
  readonly key: 'url' | 'sharedSecret' | 'signingSecret' | 'botToken' | 'topicUrl' | 'accessToken';
  readonly label: string;
  readonly required: boolean;
  readonly placeholder: string;
  /** The name of the hint's extra when it is stored (optional secrets only). */
  readonly extra?: string;
}

export interface KindInfo {
  readonly label: string;
  readonly help: string;
  readonly secrets: readonly SecretField[];
}

export const KIND_ORDER: readonly ChannelKind[] = [
  'discord',
  'slack',
  'telegram',
  'ntfy',
  'webhook',
];

export const KINDS: Readonly<Record<ChannelKind, KindInfo>> = {
  discord: {
    label: 'Discord',
    help: 'Server Settings → Integrations → Webhooks → New Webhook → Copy Webhook URL.',
    secrets: [
      {
        key: 'url',
        label: 'Webhook URL',
        required: true,
        placeholder: 'https://discord.com/api/webhooks/…',
      },
    ],
  },
  slack: {
    label: 'Slack',
    help: 'Create an app with Incoming Webhooks on, add one to a channel, copy its URL.',
    secrets: [
      {
        key: 'url',
        label: 'Webhook URL',
        required: true,
        placeholder: 'https://hooks.slack.com/services/…',
      },
    ],
  },
  telegram: {
    label: 'Telegram',
    help: 'Make a bot with @BotFather, send it a message, and give its token and your chat id.',
    secrets: [
      { key: 'botToken', label: 'Bot token', required: true, placeholder: '123456789:AAE…' },
    ],
  },
  ntfy: {
    label: 'ntfy',
    help: 'A topic on ntfy.sh or your own server; pick a hard-to-guess topic name.',
    secrets: [
      {
        key: 'topicUrl',
        label: 'Topic URL',
        required: true,
        placeholder: 'https://ntfy.sh/your-secret-topic',
      },
      {
        key: 'accessToken',
        label: 'Access token (optional)',
        required: false,
        placeholder: 'tk_…',
        extra: 'access token',
      },
    ],
  },
  webhook: {
    label: 'Webhook (JSON)',
    help: 'POSTs each alert as JSON; sign it to let your server verify it (docs/channels.md).',
    secrets: [
      { key: 'url', label: 'URL', required: true, placeholder: 'https://example.com/hedgeflow' },
      {
        key: 'sharedSecret',
        label: 'Shared secret (optional)',
        required: false,
        placeholder: 'sent in the header below',
        extra: 'shared secret',
      },
      {
        key: 'signingSecret',
        label: 'Signing secret (optional, 16+ characters)',
        required: false,
        placeholder: 'HMAC-SHA256 key',
        extra: 'signing secret',
      },
    ],
  },
};

export const ALERT_KINDS: readonly { readonly kind: VerdictKind; readonly label: string }[] = [
  { kind: 'squeeze', label: 'Squeezes' },
  { kind: 'reversal', label: 'Reversals' },
  { kind: 'gamma-flip', label: 'Gamma-flip crosses' },
];

/** A channel's settings as an edit sends them back (everything but its id). */
export function draftOf(config: ChannelConfig): ChannelConfigDraft {
  const { name, enabled, kinds, symbols } = config;
  const base = { name, enabled, kinds: [...kinds], symbols: [...symbols] };
  switch (config.kind) {
    case 'webhook':
      return { ...base, kind: 'webhook', secretHeader: config.secretHeader };
    case 'telegram':
      return { ...base, kind: 'telegram', chatId: config.chatId };
    case 'discord':
    case 'slack':
    case 'ntfy':
      return { ...base, kind: config.kind };
    default:
      return config satisfies never;
  }
}

/** "SPY, qqq spx" -> ['SPY', 'QQQ', 'SPX']; main validates each. */
export function parseSymbols(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((s) => s.trim().toUpperCase())
    .filter((s) => s !== '');
}

// The alert channels' IPC shapes (docs/channels.md): what the Settings form sends when it adds or
// edits a channel, and what it is shown. Secrets travel inward only: the renderer sends them
// once, main stores them in the keychain, and what comes back is a masked hint.
import { z } from 'zod';
import {
  ChannelIdSchema,
  DiscordChannelSchema,
  NtfyChannelSchema,
  SlackChannelSchema,
  TelegramChannelSchema,
  WebhookChannelSchema,
  type ChannelConfig,
} from './settings.js';

const PRIVATE_IPV4 = /^(10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|127\.)/;

/**
 * Where a secret URL may point: https anywhere; plain http only on this machine or the local
 * network (a self-hosted ntfy or a home server), where nothing crosses the internet in clear.
 */
export function isDeliverableUrl(value: string): boolean {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:') return true;
  if (url.protocol !== 'http:') return false;
  const host = url.hostname;
  return (
    host === 'localhost' ||
    host === '[::1]' ||
    host.endsWith('.local') ||
    host.endsWith('.lan') ||
    PRIVATE_IPV4.test(host)
  );
}

const SecretUrlSchema = z
  .string()
  .trim()
  .min(1, 'Paste the URL')
  .max(2048, 'That URL is too long')
  .refine(
    isDeliverableUrl,
    'The URL must start with https:// (http:// only on this machine or your local network), without a user name or password',
  );

/** A token or shared secret: printable ASCII, no spaces (it travels in a header). */
const TokenSchema = z
  .string()
  .trim()
  .min(1, 'Paste the secret')
  .max(512, 'That secret is too long')
  .regex(/^[\x21-\x7e]+$/, 'A secret has no spaces or special characters');

const SigningSecretSchema = TokenSchema.refine(
  (s) => s.length >= 16,
  'A signing secret is at least 16 characters',
);

/** BotFather's token: the bot's numeric id, a colon, then the secret part. */
const BotTokenSchema = z
  .string()
  .trim()
  .regex(/^\d{3,20}:[A-Za-z0-9_-]{30,64}$/, 'A bot token looks like 123456789:AAE…');

/** Each kind's secrets, as stored in its keychain entry (JSON) and as the form sends them. */
export const ChannelSecretsSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('webhook'),
      url: SecretUrlSchema,
      sharedSecret: TokenSchema.optional(),
      signingSecret: SigningSecretSchema.optional(),
    })
    .strict(),
  z.object({ kind: z.literal('discord'), url: SecretUrlSchema }).strict(),
  z.object({ kind: z.literal('slack'), url: SecretUrlSchema }).strict(),
  z.object({ kind: z.literal('telegram'), botToken: BotTokenSchema }).strict(),
  z
    .object({
      kind: z.literal('ntfy'),
      topicUrl: SecretUrlSchema,
      accessToken: TokenSchema.optional(),
    })
    .strict(),
]);
export type ChannelSecrets = z.infer<typeof ChannelSecretsSchema>;

/**
 * An edit's secrets: absent keeps the stored value, a value replaces it, null removes an
 * optional one (the shared secret, the signing secret, ntfy's access token).
 */
const ChannelSecretsPatchSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('webhook'),
      url: SecretUrlSchema.optional(),
      sharedSecret: TokenSchema.nullable().optional(),
      signingSecret: SigningSecretSchema.nullable().optional(),
    })
    .strict(),
  z.object({ kind: z.literal('discord'), url: SecretUrlSchema.optional() }).strict(),
  z.object({ kind: z.literal('slack'), url: SecretUrlSchema.optional() }).strict(),
  z.object({ kind: z.literal('telegram'), botToken: BotTokenSchema.optional() }).strict(),
  z
    .object({
      kind: z.literal('ntfy'),
      topicUrl: SecretUrlSchema.optional(),
      accessToken: TokenSchema.nullable().optional(),
    })
    .strict(),
]);
export type ChannelSecretsPatch = z.infer<typeof ChannelSecretsPatchSchema>;

const noId = { id: true } as const;

/** A channel's non-secret settings as the form sends them; main gives a new channel its id. */
const ChannelConfigDraftSchema = z.discriminatedUnion('kind', [
  WebhookChannelSchema.omit(noId).strict(),
  DiscordChannelSchema.omit(noId).strict(),
  SlackChannelSchema.omit(noId).strict(),
  TelegramChannelSchema.omit(noId).strict(),
  NtfyChannelSchema.omit(noId).strict(),
]);
export type ChannelConfigDraft = z.input<typeof ChannelConfigDraftSchema>;

export const ChannelAddSchema = z
  .object({ config: ChannelConfigDraftSchema, secrets: ChannelSecretsSchema })
  .strict()
  .refine((d) => d.config.kind === d.secrets.kind, {
    message: 'The secrets are for another kind of channel',
    path: ['secrets', 'kind'],
  });
export type ChannelAdd = z.input<typeof ChannelAddSchema>;

/** An edit: the whole non-secret config (same kind), and the secrets that change, if any. */
export const ChannelUpdateSchema = z
  .object({
    id: ChannelIdSchema,
    config: ChannelConfigDraftSchema,
    secrets: ChannelSecretsPatchSchema.optional(),
  })
  .strict()
  .refine((d) => d.secrets === undefined || d.config.kind === d.secrets.kind, {
    message: 'The secrets are for another kind of channel',
    path: ['secrets', 'kind'],
  });
export type ChannelUpdate = z.input<typeof ChannelUpdateSchema>;

/**
 * ready: nothing waiting. delivering: alerts on their way. retrying: the service or the network
 * failed for now; HedgeFlow tries again. warning: an alert was given up (too many failures, or
 * its outcome is unknown and it is never sent twice). failing: the service refused the channel's
 * settings (401/403/404...): nothing is sent until it is edited or a test succeeds. off: switched
 * off. no-secret: its keychain entry is missing or the keychain is unavailable.
 */
type ChannelHealthState =
  'ready' | 'delivering' | 'retrying' | 'warning' | 'failing' | 'off' | 'no-secret';

export interface ChannelHealthView {
  readonly state: ChannelHealthState;
  /** Why it is retrying, warning, failing or has no secret (never contains a secret). */
  readonly reason: string | null;
  /** When the current problem started. */
  readonly since: number | null;
  readonly lastDeliveredAt: number | null;
  /** Alerts waiting in the outbox for this channel. */
  readonly pending: number;
}

/** What the renderer may know of a channel's secrets. */
export interface ChannelSecretHint {
  /** e.g. "discord.com ••••Qz9a", "bot ••••k3Xw": the host and the last four characters. */
  readonly target: string;
  /** Which optional secrets are stored, e.g. ['shared secret', 'signing secret']. */
  readonly extras: readonly string[];
}

export interface ChannelView {
  readonly config: ChannelConfig;
  /** null when its keychain entry cannot be read. */
  readonly hint: ChannelSecretHint | null;
  readonly health: ChannelHealthView;
}

export interface ChannelTestResult {
  readonly ok: boolean;
  /** "Delivered to discord.com." or the service's reason (scrubbed of every secret). */
  readonly message: string;
  readonly at: number;
}

export type { ChannelConfig };

// What counts as a channel secret and what may be shown of it; what the settings file and the
// IPC calls accept. A secret is redacted whole and in its token-sized parts.
import { describe, expect, it } from 'vitest';
import { secretsProblem, SERVICE_ENDPOINTS } from '../../../../core/channels/endpoints.js';
import { scrubSecrets, secretHint, secretStrings } from '../../../../core/channels/secret-parts.js';
import {
  ChannelAddSchema,
  ChannelSecretsSchema,
  isDeliverableUrl,
} from '../../../../core/contract/alert-channels.js';
import { SettingsPatchSchema, SettingsSchema } from '../../../../core/contract/settings.js';

const DISCORD =
  'https://discord.com/api/webhooks/112233445566778899/Xk3vP9qLm2Zt7Rw8Yb4Nc6Hd1Jf5Gs0';

describe('secret strings and hints', () => {
  it('a webhook URL is redacted whole and as its token, never as its host or path words', () => {
    const strings = secretStrings({ kind: 'discord', url: DISCORD });
    const text = [
      `POST ${DISCORD}`,
      'could not reach discord.com/api/webhooks/112233445566778899/Xk3vP9qLm2Zt7Rw8Yb4Nc6Hd1Jf5Gs0: x',
      'token Xk3vP9qLm2Zt7Rw8Yb4Nc6Hd1Jf5Gs0 seen',
    ].join('\n');
    const scrubbed = scrubSecrets(text, strings);
    expect(scrubbed).not.toContain('Xk3vP9qLm2Zt7Rw8Yb4Nc6Hd1Jf5Gs0');
    // The host and the path's words are not secrets (a run of "discord.com" or "127.0.0.1:" in
    // any other message must survive); the token in it is.
    expect(scrubbed).toContain('could not reach discord.com/api/webhooks/[redacted]/[redacted]: x');
    expect(scrubSecrets('could not reach discord.com: x', strings)).toBe(
      'could not reach discord.com: x',
    );
    // Words of the path are not secrets; only token-sized parts are listed alone.
    expect(strings).not.toContain('webhooks');
  });

  it('a loopback webhook does not turn every loopback address into a secret', () => {
    const strings = secretStrings({
      kind: 'webhook',
      url: 'http://127.0.0.1:38485/hooks/Xk3vP9qLm2Zt7Rw8Yb4Nc6',
    });
    const other = 'could not reach 127.0.0.1:38485/v1/flow/zero-dte/series/SPY: ECONNREFUSED';
    expect(scrubSecrets(other, strings)).toBe(other);
  });

  it('a bot token is redacted with and without its bot id', () => {
    const strings = secretStrings({
      kind: 'telegram',
      botToken: '123456789:AAHf3kX9pLm2Zt7Rw8Yb4Nc6Hd1Jf5Gs0A',
    });
    expect(
      scrubSecrets('/bot123456789:AAHf3kX9pLm2Zt7Rw8Yb4Nc6Hd1Jf5Gs0A/sendMessage', strings),
    ).toBe('/[redacted]/sendMessage');
    expect(scrubSecrets('AAHf3kX9pLm2Zt7Rw8Yb4Nc6Hd1Jf5Gs0A', strings)).toBe('[redacted]');
  });

  it('the hint is the host and the last four characters, like the API key’s', () => {
    expect(secretHint({ kind: 'discord', url: DISCORD })).toEqual({
      target: 'discord.com ••••5Gs0',
      extras: [],
    });
    expect(
      secretHint({
        kind: 'webhook',
        url: 'https://example.com/in/abcdef/',
        sharedSecret: 'shh-secret',
        signingSecret: '0123456789abcdef',
      }),
    ).toEqual({ target: 'example.com ••••cdef', extras: ['shared secret', 'signing secret'] });
    expect(
      secretHint({ kind: 'telegram', botToken: '1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAzyxw' }).target,
    ).toBe('bot ••••zyxw');
  });
});

describe('secret inputs', () => {
  it('https anywhere; http only on this machine or the local network; no credentials in a URL', () => {
    expect(isDeliverableUrl('https://ntfy.sh/abc')).toBe(true);
    expect(isDeliverableUrl('http://192.168.1.20/alerts')).toBe(true);
    expect(isDeliverableUrl('http://homeassistant.local:8123/api/webhook/x')).toBe(true);
    expect(isDeliverableUrl('http://127.0.0.1:8080/x')).toBe(true);
    expect(isDeliverableUrl('http://example.com/hook')).toBe(false);
    expect(isDeliverableUrl('https://user:pw@example.com/hook')).toBe(false);
    expect(isDeliverableUrl('ftp://example.com')).toBe(false);
    expect(isDeliverableUrl('not a url')).toBe(false);
  });

  it('refuses a short signing secret, a bot token that is not one, and secrets of another kind', () => {
    expect(
      ChannelSecretsSchema.safeParse({
        kind: 'webhook',
        url: 'https://x.io/h',
        signingSecret: 'short',
      }).success,
    ).toBe(false);
    expect(ChannelSecretsSchema.safeParse({ kind: 'telegram', botToken: 'abc' }).success).toBe(
      false,
    );
    const mixed = ChannelAddSchema.safeParse({
      config: { kind: 'slack', name: 'x' },
      secrets: { kind: 'discord', url: DISCORD },
    });
    expect(mixed.success).toBe(false);
  });

  it('Discord and Slack URLs must be theirs; an ntfy URL names one topic', () => {
    const e = SERVICE_ENDPOINTS;
    expect(secretsProblem({ kind: 'discord', url: DISCORD }, e)).toBeNull();
    expect(secretsProblem({ kind: 'discord', url: `${DISCORD}?wait=true` }, e)).toMatch(/without/);
    expect(
      secretsProblem({ kind: 'discord', url: 'https://hooks.slack.com/services/T1/B1/x' }, e),
    ).not.toBeNull();
    expect(
      secretsProblem(
        {
          kind: 'slack',
          url: 'https://hooks.slack.com/services/T024BE7LD/B08QZ4RL9FJ/pQ7rX2mK9vLs3Nd8',
        },
        e,
      ),
    ).toBeNull();
    expect(secretsProblem({ kind: 'ntfy', topicUrl: 'https://ntfy.sh/a/b' }, e)).not.toBeNull();
    expect(
      secretsProblem({ kind: 'ntfy', topicUrl: 'https://ntfy.example.org/desk_alerts' }, e),
    ).toBeNull();
  });
});

describe('channel settings', () => {
  const channel = { id: 'ch-0123456789abcdef', kind: 'discord', name: 'Desk' };

  it('fills defaults: on, every alert kind, every symbol', () => {
    const settings = SettingsSchema.parse({ channels: [channel] });
    expect(settings.channels[0]).toEqual({
      ...channel,
      enabled: true,
      kinds: ['squeeze', 'reversal', 'gamma-flip'],
      symbols: [],
    });
  });

  it('refuses a nameless channel, no alert kinds, a bad symbol, duplicates, a bad chat id', () => {
    const bad = (c: object) =>
      SettingsSchema.safeParse({ channels: [{ ...channel, ...c }] }).success;
    expect(bad({ name: ' ' })).toBe(false);
    expect(bad({ kinds: [] })).toBe(false);
    expect(bad({ symbols: ['1X'] })).toBe(false);
    expect(bad({ kind: 'telegram', chatId: 'chat' })).toBe(false);
    expect(bad({ kind: 'webhook', secretHeader: 'X-HedgeFlow-Signature' })).toBe(false);
    expect(SettingsSchema.safeParse({ channels: [channel, channel] }).success).toBe(false);
  });

  it('a settings update may not touch the channels: their keychain entries change with them', () => {
    expect(SettingsPatchSchema.safeParse({ channels: [] }).success).toBe(false);
    expect(SettingsPatchSchema.safeParse({ launchAtLogin: true }).success).toBe(true);
  });
});

// What each service is sent, beyond the loopback tests: escaping, limits with oversized text,
// header-safe ntfy titles, and the test and late markings.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { DeliveryContext, DeliveryPayload } from '../../../../core/channels/delivery.js';
import { SERVICE_ENDPOINTS } from '../../../../core/channels/endpoints.js';
import { hmacSha256Hex } from '../../../../core/channels/hmac.js';
import { discordRequest, escapeDiscord } from '../../../../core/channels/requests/discord.js';
import { ntfyRequest, rfc2047 } from '../../../../core/channels/requests/ntfy.js';
import { slackRequest } from '../../../../core/channels/requests/slack.js';
import { telegramRequest } from '../../../../core/channels/requests/telegram.js';
import { webhookRequest } from '../../../../core/channels/requests/webhook.js';
import { sampleAlert } from '../../../support/channels/sample-alert.js';

const NOW = Date.parse('2026-06-05T14:17:03Z');
const base = { id: 'ch-test0001', name: 'Desk', enabled: true, symbols: [] as string[] };
const context = (delayMs = 0): DeliveryContext => ({
  deliveryId: '2f0c0b7e-0000-4000-8000-000000000001',
  channelName: 'Desk',
  queuedAt: NOW - delayMs,
  sentAt: NOW,
});
const alert = (overrides = {}): DeliveryPayload => ({
  type: 'alert',
  alert: sampleAlert(overrides),
  source: 'flashalpha',
});
const common = { endpoints: SERVICE_ENDPOINTS };
const discord = (payload: DeliveryPayload, ctx = context()) =>
  discordRequest({
    config: { ...base, kinds: ['squeeze'], kind: 'discord' },
    secrets: { kind: 'discord', url: 'https://discord.com/api/webhooks/1/t' },
    payload,
    context: ctx,
    ...common,
  });

describe('HMAC', () => {
  it('is the hex HMAC-SHA256 of the exact text, as node:crypto computes it', async () => {
    const text = '{"a":"ü ▲ —"}';
    expect(await hmacSha256Hex('k3y-with-ünïcode', text)).toBe(
      createHmac('sha256', 'k3y-with-ünïcode').update(text, 'utf8').digest('hex'),
    );
  });
});

describe('Discord', () => {
  it('shows alert text as written: markdown characters escaped', () => {
    expect(escapeDiscord('*bold* _x_ `c` ~s~ |sp| > q [l](u) \\')).toBe(
      '\\*bold\\* \\_x\\_ \\`c\\` \\~s\\~ \\|sp\\| \\> q \\[l\\](u) \\\\',
    );
  });

  it('stays within its limits whatever the alert says', async () => {
    const huge = 'x'.repeat(10_000);
    const body = JSON.parse((await discord(alert({ title: huge, body: huge }))).body) as {
      content: string;
      embeds: { title: string; description: string }[];
    };
    expect(Array.from(body.content).length).toBeLessThanOrEqual(2000);
    expect(Array.from(body.embeds[0]!.title).length).toBeLessThanOrEqual(256);
    expect(Array.from(body.embeds[0]!.description).length).toBeLessThanOrEqual(4096);
  });

  it('marks a test and a late delivery', async () => {
    const test = JSON.parse((await discord({ type: 'test' })).body) as { content: string };
    expect(test.content).toBe('🧪 **HedgeFlow test alert**');
    const late = JSON.parse((await discord(alert(), context(19 * 60_000))).body) as {
      content: string;
      embeds: { description: string }[];
    };
    expect(late.content.startsWith('⏱ **')).toBe(true);
    expect(late.embeds[0]!.description).toContain('*Late: sent 19 min after the alert fired.*');
  });
});

describe('Slack, Telegram', () => {
  it('Slack says demo data and lateness in the context line', async () => {
    const request = await slackRequest({
      config: { ...base, kinds: ['squeeze'], kind: 'slack' },
      secrets: { kind: 'slack', url: 'https://hooks.slack.com/services/T1/B1/x' },
      payload: { ...alert(), source: 'demo' } as DeliveryPayload,
      context: context(5 * 60_000),
      ...common,
    });
    const blocks = (
      JSON.parse(request.body) as { blocks: { type: string; elements?: { text: string }[] }[] }
    ).blocks;
    expect(blocks.at(-1)!.elements!.map((e) => e.text)).toEqual([
      'Demo data: a simulated market, not FlashAlpha data.',
      'Late: sent 5 min after the alert fired.',
      'HedgeFlow · demo data · bar 10:16 ET',
    ]);
  });

  it('Telegram keeps its 4096 characters and well-formed HTML with oversized text', async () => {
    const request = await telegramRequest({
      config: { ...base, kinds: ['squeeze'], kind: 'telegram', chatId: '@desk_alerts' },
      secrets: { kind: 'telegram', botToken: '123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' },
      payload: alert({ title: '<'.repeat(5_000), body: '&'.repeat(5_000) }),
      context: context(),
      ...common,
    });
    expect(request.url).toBe(
      'https://api.telegram.org/bot123456:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/sendMessage',
    );
    const text = (JSON.parse(request.body) as { text: string; chat_id: string }).text;
    expect(text.length).toBeLessThanOrEqual(4096);
    expect(text).not.toMatch(/<(?!\/?[bi]>)/); // every '<' opens or closes <b> or <i>
  });
});

describe('ntfy headers', () => {
  it('encodes a non-ASCII title as RFC 2047 words of at most 75 characters that decode back', () => {
    const title = 'SPY: dealers selling into weakness — downside squeeze building ▼ ünïcode';
    const encoded = rfc2047(title);
    expect(encoded).toMatch(/^[\x20-\x7e]+$/);
    const words = encoded.split(' ');
    for (const w of words) expect(w.length).toBeLessThanOrEqual(75);
    const decoded = Buffer.concat(
      words.map((w) => Buffer.from(/^=\?UTF-8\?B\?(.*)\?=$/.exec(w)![1]!, 'base64')),
    ).toString('utf8');
    expect(decoded).toBe(title);
    expect(rfc2047('plain title')).toBe('plain title');
  });

  it('a test goes at default priority with a test tag and no token when there is none', async () => {
    const request = await ntfyRequest({
      config: { ...base, kinds: ['squeeze'], kind: 'ntfy' },
      secrets: { kind: 'ntfy', topicUrl: 'https://ntfy.sh/abc' },
      payload: { type: 'test' },
      context: context(),
      ...common,
    });
    expect(request.headers).toEqual({
      'Content-Type': 'text/plain; charset=utf-8',
      Title: 'HedgeFlow test alert',
      Priority: '3',
      Tags: 'test_tube,hedgeflow',
    });
  });
});

describe('webhook', () => {
  it('a test carries no alert and says so in the event header', async () => {
    const request = await webhookRequest({
      config: { ...base, kinds: ['squeeze'], kind: 'webhook', secretHeader: 'Authorization' },
      secrets: { kind: 'webhook', url: 'https://example.com/h', sharedSecret: 'Bearer-abc' },
      payload: { type: 'test' },
      context: context(),
      ...common,
    });
    expect(request.headers).toMatchObject({
      'X-HedgeFlow-Event': 'test',
      Authorization: 'Bearer-abc',
    });
    expect(JSON.parse(request.body)).toEqual({
      version: 1,
      type: 'test',
      deliveryId: context().deliveryId,
      timestamp: Math.floor(NOW / 1000),
      channel: 'Desk',
      message: 'Test from HedgeFlow: the channel "Desk" works.',
    });
  });
});

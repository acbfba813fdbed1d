// Discord's execute-webhook over loopback: `content` plus an embed with the evidence as fields
// and mentions disabled; the 429 `retry_after` in the JSON body (more precise than the header)
// and the X-RateLimit bucket headers honoured; a deleted webhook (404) marks the channel failing.
import { afterEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { startReceiver, type Receiver } from '../../../support/channels/loopback-receiver.js';
import { sampleAlert } from '../../../support/channels/sample-alert.js';
import {
  eventually,
  openChannelWorld,
  type ChannelWorld,
} from '../../../support/channels/channel-world.js';

const NOW = Date.parse('2026-06-05T14:17:03Z');
const HOOK = '/api/webhooks/112233445566778899/Xk3vP9qLm2Zt7Rw8Yb4Nc6Hd1Jf5Gs0Ae-Tu_Oi';

let receiver: Receiver | null = null;
let world: ChannelWorld | null = null;

afterEach(async () => {
  await world?.stop();
  await receiver?.close();
  world = null;
  receiver = null;
});

async function setUp(): Promise<{ w: ChannelWorld; r: Receiver; clock: ManualClock }> {
  const clock = new ManualClock(NOW);
  receiver = await startReceiver({ status: 204 });
  const host = new URL(receiver.origin).host;
  world = await openChannelWorld({ clock, endpoints: { discordHosts: [host] } });
  await world.service.add({
    config: { kind: 'discord', name: 'Trading room', kinds: ['squeeze'], symbols: ['SPY'] },
    secrets: { kind: 'discord', url: `${receiver.origin}${HOOK}` },
  });
  return { w: world, r: receiver, clock };
}

describe('Discord webhook over loopback', () => {
  it('POSTs content and one embed with the evidence, mentions disabled', async () => {
    const { w, r } = await setUp();
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await r.waitFor(1);
    const req = r.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(HOOK);
    expect(req.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req.body) as {
      content: string;
      embeds: {
        title: string;
        description: string;
        color: number;
        timestamp: string;
        fields: { name: string; value: string; inline: boolean }[];
        footer: { text: string };
      }[];
      allowed_mentions: unknown;
    };
    expect(body.content).toBe('**SPY: dealers buying into strength — upside squeeze building**');
    expect(body.allowed_mentions).toEqual({ parse: [] });
    expect(body.embeds).toHaveLength(1);
    const embed = body.embeds[0]!;
    expect(embed.title).toBe('SPY: dealers buying into strength — upside squeeze building');
    expect(embed.description).toContain('5 bars of growing dealer buying since 10:12 ET');
    expect(embed.color).toBe(0x16a34a);
    expect(embed.timestamp).toBe(new Date(NOW).toISOString());
    expect(embed.fields).toEqual([
      { name: 'Bars', value: '5 since 10:12 ET', inline: true },
      { name: 'Flow over the run', value: '+$25M', inline: true },
      { name: 'Session cumulative', value: '+$52M', inline: true },
      { name: 'Calls / puts', value: '80% / 20% (calls-driven)', inline: true },
      { name: 'Price', value: '590.00 → 590.48 (+0.48, chasing)', inline: true },
    ]);
    expect(embed.footer.text).toBe('HedgeFlow · FlashAlpha · bar 10:16 ET');
  });

  it('receives only the kinds and symbols it asked for', async () => {
    const { w, r, clock } = await setUp();
    await w.service.deliver(sampleAlert({ id: 'a', symbol: 'QQQ' }), 'flashalpha');
    await w.service.deliver(sampleAlert({ id: 'b', kind: 'reversal' }), 'flashalpha');
    await w.service.deliver(sampleAlert({ id: 'c' }), 'flashalpha');
    await eventually(() => w.service.views()[0]!.health.lastDeliveredAt !== null, 'delivered');
    clock.advance(60_000);
    expect(r.requests).toHaveLength(1);
    expect(w.service.views()[0]!.health.pending).toBe(0);
  });

  it("waits a 429's retry_after from the JSON body, then Discord's spent-bucket reset", async () => {
    const { w, r, clock } = await setUp();
    r.script(
      {
        status: 429,
        headers: { 'Retry-After': '2', 'Content-Type': 'application/json' },
        body: JSON.stringify({
          message: 'You are being rate limited.',
          retry_after: 1.25,
          global: false,
        }),
      },
      { status: 204, headers: { 'X-RateLimit-Remaining': '0', 'X-RateLimit-Reset-After': '3.5' } },
    );
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(() => clock.pendingTimers === 1, 'retry armed');
    expect(clock.nextTimerAt()).toBe(NOW + 1_250);
    expect(w.service.views()[0]!.health.reason).toBe(
      'Discord answered 429 Too Many Requests (You are being rate limited.)',
    );
    clock.advance(1_250);
    await r.waitFor(2);
    await eventually(() => w.service.views()[0]!.health.state === 'ready', 'delivered');
    // The bucket is spent: the next alert waits for its reset, not a moment less.
    await w.service.deliver(sampleAlert({ id: 'next' }), 'flashalpha');
    await eventually(() => clock.pendingTimers === 1, 'bucket wait armed');
    expect(clock.nextTimerAt()).toBe(NOW + 1_250 + 3_500);
    clock.advance(3_500);
    await r.waitFor(3);
  });

  it('a deleted webhook (404 Unknown Webhook) marks the channel failing with that reason', async () => {
    const { w, r } = await setUp();
    r.script({ status: 404, body: JSON.stringify({ message: 'Unknown Webhook', code: 10015 }) });
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(() => w.service.views()[0]!.health.state === 'failing', 'failing');
    expect(w.service.views()[0]!.health.reason).toBe(
      'Discord answered 404 Not Found (Unknown Webhook)',
    );
  });

  it('refuses a URL that is not a Discord webhook', async () => {
    const { w, r } = await setUp();
    await expect(
      w.service.add({
        config: { kind: 'discord', name: 'Wrong' },
        secrets: { kind: 'discord', url: `${r.origin}/not/a/webhook` },
      }),
    ).rejects.toThrow(/Paste the webhook URL Discord shows/);
    await expect(
      w.service.add({
        config: { kind: 'discord', name: 'Elsewhere' },
        secrets: { kind: 'discord', url: `https://example.com${HOOK}` },
      }),
    ).rejects.toThrow(/Paste the webhook URL Discord shows/);
    expect(w.service.views()).toHaveLength(1);
  });
});

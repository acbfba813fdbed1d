// Telegram's Bot API over loopback (the API origin pointed at the receiver, as only tests can):
// sendMessage to the chat with HTML text escaped; a 429 waits `parameters.retry_after`; a bad
// token (401) marks the channel failing. The token is in the URL path, and never in a log line
// or a reason, even where the transport's errors name that path.
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
const TOKEN = '7012345678:AAHf3kX9pLm2Zt7Rw8Yb4Nc6Hd1Jf5Gs0Ae';

let receiver: Receiver | null = null;
let world: ChannelWorld | null = null;

afterEach(async () => {
  await world?.stop();
  await receiver?.close();
  world = null;
  receiver = null;
});

async function setUp(): Promise<{ w: ChannelWorld; r: Receiver; clock: ManualClock; id: string }> {
  const clock = new ManualClock(NOW);
  receiver = await startReceiver({
    status: 200,
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ok: true, result: { message_id: 17 } }),
  });
  world = await openChannelWorld({ clock, endpoints: { telegramApi: receiver.origin } });
  const view = await world.service.add({
    config: { kind: 'telegram', name: 'Phone', chatId: '-1001234567890' },
    secrets: { kind: 'telegram', botToken: TOKEN },
  });
  return { w: world, r: receiver, clock, id: view.config.id };
}

describe('Telegram bot over loopback', () => {
  it('POSTs sendMessage to the chat with the alert as escaped HTML, no link preview', async () => {
    const { w, r } = await setUp();
    await w.service.deliver(sampleAlert({ title: 'SPY <b>& squeeze</b>' }), 'flashalpha');
    await r.waitFor(1);
    const req = r.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/bot${TOKEN}/sendMessage`);
    expect(req.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req.body) as Record<string, unknown>;
    expect(body['chat_id']).toBe('-1001234567890');
    expect(body['parse_mode']).toBe('HTML');
    expect(body['link_preview_options']).toEqual({ is_disabled: true });
    const text = body['text'] as string;
    expect(text.split('\n')[0]).toBe('<b>SPY &lt;b&gt;&amp; squeeze&lt;/b&gt;</b>');
    expect(text).toContain('Flow over the run: <b>+$25M</b>');
    expect(text).toContain('Price: <b>590.00 → 590.48 (+0.48, chasing)</b>');
    expect(text.length).toBeLessThanOrEqual(4096);
  });

  it('a 429 waits parameters.retry_after, then delivers', async () => {
    const { w, r, clock } = await setUp();
    r.script({
      status: 429,
      body: JSON.stringify({
        ok: false,
        error_code: 429,
        description: 'Too Many Requests: retry after 3',
        parameters: { retry_after: 3 },
      }),
    });
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(() => clock.pendingTimers === 1, 'retry armed');
    expect(clock.nextTimerAt()).toBe(NOW + 3_000);
    clock.advance(3_000);
    await r.waitFor(2);
    await eventually(() => w.service.views()[0]!.health.state === 'ready', 'delivered');
  });

  it('a bad token (401) marks the channel failing; a token the service echoes is scrubbed', async () => {
    const { w, r } = await setUp();
    r.fallback = {
      status: 401,
      body: JSON.stringify({ ok: false, error_code: 401, description: `Unauthorized bot${TOKEN}` }),
    };
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(() => w.service.views()[0]!.health.state === 'failing', 'failing');
    expect(w.service.views()[0]!.health.reason).toBe(
      'Telegram answered 401 Unauthorized (Unauthorized [redacted])',
    );
    expect(w.logs.join('\n')).toContain('alert channel failing');
    expect(w.logs.join('\n')).not.toContain(TOKEN.split(':')[1]!);
  });

  it('no connection: retried for the network, and neither the reason nor any log names the token', async () => {
    const { w, r, clock } = await setUp();
    await r.close();
    receiver = null;
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(() => clock.pendingTimers === 1, 'network retry armed');
    expect(clock.nextTimerAt()).toBe(NOW + 5_000);
    expect(w.service.views()[0]!.health).toMatchObject({
      state: 'retrying',
      reason: 'Could not reach Telegram (connection refused)',
    });
    // Whatever prints the request's URL (as the transport's own errors do) is scrubbed too.
    w.logger.warn(`${r.origin}/bot${TOKEN}/sendMessage`, { path: `/bot${TOKEN}/sendMessage` });
    const secret = TOKEN.split(':')[1]!;
    expect(w.logs.length).toBeGreaterThan(2);
    for (const line of w.logs) expect(line).not.toContain(secret);
    expect(JSON.stringify(w.service.views())).not.toContain(secret);
  });
});

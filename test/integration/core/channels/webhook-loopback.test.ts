// The generic JSON webhook against a real HTTP receiver on loopback: the exact request (method,
// path, headers, body), the HMAC-SHA256 signature of the exact body, retries after a 5xx and a
// 429 with Retry-After, and a permanent failure that marks the channel failing until a test
// succeeds, after which what it held back goes out, marked late.
import { createHmac } from 'node:crypto';
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
const TOKEN = 'wh_9f3c1a77e2b84d05a6c1';
const SHARED = 'shared-7c2e9a41f0';
const SIGNING = 'signing-secret-5d8e2b7a91c4';

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
  receiver = await startReceiver({ status: 204 });
  world = await openChannelWorld({ clock });
  const view = await world.service.add({
    config: { kind: 'webhook', name: 'Desk bot', secretHeader: 'X-Desk-Token' },
    secrets: {
      kind: 'webhook',
      url: `${receiver.origin}/hooks/${TOKEN}?team=desk`,
      sharedSecret: SHARED,
      signingSecret: SIGNING,
    },
  });
  return { w: world, r: receiver, clock, id: view.config.id };
}

describe('generic webhook over loopback', () => {
  it('POSTs the alert record as JSON with the shared secret, a timestamp and the HMAC of the exact body', async () => {
    const { w, r } = await setUp();
    const alert = sampleAlert();
    await w.service.deliver(alert, 'flashalpha');
    await r.waitFor(1);
    const req = r.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/hooks/${TOKEN}?team=desk`);
    expect(req.headers['content-type']).toBe('application/json');
    expect(req.headers['x-desk-token']).toBe(SHARED);
    expect(req.headers['x-hedgeflow-event']).toBe('alert');
    const expected = createHmac('sha256', SIGNING).update(req.body, 'utf8').digest('hex');
    expect(req.headers['x-hedgeflow-signature']).toBe(`sha256=${expected}`);
    const body = JSON.parse(req.body) as Record<string, unknown>;
    expect(body).toEqual({
      version: 1,
      type: 'alert',
      deliveryId: req.headers['x-hedgeflow-delivery'],
      timestamp: Math.floor(NOW / 1000),
      channel: 'Desk bot',
      source: 'flashalpha',
      late: false,
      delaySeconds: 0,
      alert,
    });
    expect(req.headers['x-hedgeflow-timestamp']).toBe(String(Math.floor(NOW / 1000)));
    expect(req.headers['x-hedgeflow-delivery']).toMatch(/^[0-9a-f-]{36}$/);
    await eventually(() => w.service.views()[0]!.health.state === 'ready', 'delivered');
    expect(w.service.views()[0]!.health.lastDeliveredAt).toBe(NOW);
  });

  it('without secrets, sends neither the secret header nor a signature', async () => {
    const clock = new ManualClock(NOW);
    receiver = await startReceiver({ status: 200 });
    world = await openChannelWorld({ clock });
    await world.service.add({
      config: { kind: 'webhook', name: 'Plain' },
      secrets: { kind: 'webhook', url: `${receiver.origin}/in` },
    });
    await world.service.deliver(sampleAlert(), 'demo');
    await receiver.waitFor(1);
    const req = receiver.requests[0]!;
    expect(req.headers['x-hedgeflow-signature']).toBeUndefined();
    expect(req.headers['x-hedgeflow-secret']).toBeUndefined();
    expect(JSON.parse(req.body)).toMatchObject({ source: 'demo', type: 'alert' });
  });

  it('retries a 503 after its backoff with the same delivery id, and a 429 exactly after its Retry-After', async () => {
    const { w, r, clock } = await setUp();
    r.script(
      { status: 503, body: 'down for maintenance' },
      { status: 429, headers: { 'Retry-After': '7' } },
    );
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await r.waitFor(1);
    // The first retry waits the backoff's first step (2 s, jitter off) and not a moment less.
    await eventually(() => clock.pendingTimers === 1, 'retry timer armed');
    expect(clock.nextTimerAt()).toBe(NOW + 2_000);
    expect(w.service.views()[0]!.health).toMatchObject({
      state: 'retrying',
      reason: `${new URL(r.origin).host} answered 503 Service Unavailable (down for maintenance)`,
      pending: 1,
    });
    clock.advance(2_000);
    await r.waitFor(2);
    await eventually(() => clock.pendingTimers === 1, 'Retry-After timer armed');
    expect(clock.nextTimerAt()).toBe(NOW + 2_000 + 7_000);
    clock.advance(6_999);
    expect(r.requests).toHaveLength(2);
    clock.advance(1);
    await r.waitFor(3);
    const ids = r.requests.map((q) => q.headers['x-hedgeflow-delivery']);
    expect(new Set(ids).size).toBe(1);
    await eventually(() => w.service.views()[0]!.health.state === 'ready', 'delivered');
    expect(r.requests).toHaveLength(3);
  });

  it('a 401 marks the channel failing with the reason; alerts wait; a successful test sends them, marked late', async () => {
    const { w, r, clock, id } = await setUp();
    r.script({ status: 401, body: 'bad token' });
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(() => w.service.views()[0]!.health.state === 'failing', 'failing');
    const health = w.service.views()[0]!.health;
    expect(health.reason).toBe(`${new URL(r.origin).host} answered 401 Unauthorized (bad token)`);
    expect(health.since).toBe(NOW);
    expect(w.service.problems()).toEqual([{ name: 'Desk bot', reason: health.reason }]);

    // Nothing more goes to a failing channel, whatever the clock does.
    await w.service.deliver(
      sampleAlert({ id: 'QQQ:squeeze:down:1:building', symbol: 'QQQ' }),
      'flashalpha',
    );
    clock.advance(10 * 60_000);
    expect(r.requests).toHaveLength(1);
    expect(w.service.views()[0]!.health.pending).toBe(2);

    const result = await w.service.test(id);
    expect(result).toEqual({ ok: true, message: 'Test alert delivered.', at: NOW + 10 * 60_000 });
    expect(JSON.parse(r.requests[1]!.body)).toMatchObject({ type: 'test' });
    expect(r.requests[1]!.headers['x-hedgeflow-event']).toBe('test');
    await r.waitFor(4);
    const late = r.requests.slice(2).map((q) => JSON.parse(q.body) as Record<string, unknown>);
    expect(late.map((b) => (b['alert'] as { symbol: string }).symbol)).toEqual(['SPY', 'QQQ']);
    expect(late.every((b) => b['late'] === true && b['delaySeconds'] === 600)).toBe(true);
    await eventually(() => w.service.views()[0]!.health.state === 'ready', 'ready again');
  });
});

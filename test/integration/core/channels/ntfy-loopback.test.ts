// ntfy over loopback: a POST of the text to the topic URL with Title (RFC 2047 when it is not
// ASCII), Priority and Tags headers and the access token as a Bearer; a 429 without Retry-After
// backs off; a 403 marks the channel failing.
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
const TOPIC = 'hedgeflow-x8k2m9q4v7';
const ACCESS = 'tk_a8d2f9c4b7e1m3q6r0s5t2u8v4';

let receiver: Receiver | null = null;
let world: ChannelWorld | null = null;

afterEach(async () => {
  await world?.stop();
  await receiver?.close();
  world = null;
  receiver = null;
});

/** RFC 2047 B encoded-words back to text, as ntfy's server decodes them. */
function decodeRfc2047(value: string): string {
  const words = [...value.matchAll(/=\?UTF-8\?B\?([A-Za-z0-9+/=]+)\?=/g)];
  if (words.length === 0) return value;
  return Buffer.concat(words.map((m) => Buffer.from(m[1]!, 'base64'))).toString('utf8');
}

async function setUp(): Promise<{ w: ChannelWorld; r: Receiver; clock: ManualClock }> {
  const clock = new ManualClock(NOW);
  receiver = await startReceiver({ status: 200, body: '{"id":"x","event":"message"}' });
  world = await openChannelWorld({ clock });
  await world.service.add({
    config: { kind: 'ntfy', name: 'ntfy phone' },
    secrets: { kind: 'ntfy', topicUrl: `${receiver.origin}/${TOPIC}`, accessToken: ACCESS },
  });
  return { w: world, r: receiver, clock };
}

describe('ntfy over loopback', () => {
  it('POSTs the text to the topic with Title, Priority, Tags and the Bearer token', async () => {
    const { w, r } = await setUp();
    await w.service.deliver(sampleAlert({ severity: 'escalated' }), 'demo');
    await r.waitFor(1);
    const req = r.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(`/${TOPIC}`);
    expect(req.headers['authorization']).toBe(`Bearer ${ACCESS}`);
    expect(req.headers['priority']).toBe('5');
    expect(req.headers['tags']).toBe('chart_with_upwards_trend,SPY,squeeze,demo');
    expect(req.headers['title']).toMatch(/^(=\?UTF-8\?B\?[A-Za-z0-9+/=]+\?= ?)+$/);
    for (const word of req.headers['title']!.split(' '))
      expect(word.length).toBeLessThanOrEqual(75);
    expect(decodeRfc2047(req.headers['title']!)).toBe(
      'SPY: dealers buying into strength — upside squeeze building',
    );
    expect(req.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(req.body.split('\n')[0]).toBe(sampleAlert().body);
    expect(req.body).toContain('Session cumulative: +$52M');
    expect(req.body).toContain('Demo data: a simulated market, not FlashAlpha data.');
  });

  it('a plain ASCII title goes as is; a building squeeze is high priority', async () => {
    const { w, r } = await setUp();
    await w.service.deliver(sampleAlert({ title: 'SPY squeeze up' }), 'flashalpha');
    await r.waitFor(1);
    expect(r.requests[0]!.headers['title']).toBe('SPY squeeze up');
    expect(r.requests[0]!.headers['priority']).toBe('4');
  });

  it('a 429 without Retry-After backs off; a 403 then marks it failing', async () => {
    const { w, r, clock } = await setUp();
    r.script(
      { status: 429, body: '{"code":42901,"http":429,"error":"limit reached: too many requests"}' },
      { status: 403, body: '{"code":40301,"http":403,"error":"forbidden"}' },
    );
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(() => clock.pendingTimers === 1, 'backoff armed');
    expect(clock.nextTimerAt()).toBe(NOW + 2_000);
    clock.advance(2_000);
    await eventually(() => w.service.views()[0]!.health.state === 'failing', 'failing');
    expect(w.service.views()[0]!.health.reason).toBe(
      `${new URL(r.origin).host} answered 403 Forbidden (forbidden)`,
    );
  });
});

// A Slack incoming webhook over loopback: `text` plus Block Kit blocks; Slack answers 200 "ok"
// and its errors as plain text ("invalid_token", "no_service"); a 500 is retried, a 403 marks
// the channel failing with Slack's word for it.
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
const HOOK = '/services/T024BE7LD/B08QZ4RL9FJ/pQ7rX2mK9vLs3Nd8Yb4Wc1Zt';

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
  receiver = await startReceiver({ status: 200, body: 'ok' });
  world = await openChannelWorld({
    clock,
    endpoints: { slackHosts: [new URL(receiver.origin).host] },
  });
  const view = await world.service.add({
    config: { kind: 'slack', name: '#flow' },
    secrets: { kind: 'slack', url: `${receiver.origin}${HOOK}` },
  });
  return { w: world, r: receiver, clock, id: view.config.id };
}

describe('Slack incoming webhook over loopback', () => {
  it('POSTs text and blocks: header, body, evidence fields, context', async () => {
    const { w, r } = await setUp();
    await w.service.deliver(sampleAlert({ body: 'Flow <up> & away' }), 'demo');
    await r.waitFor(1);
    const req = r.requests[0]!;
    expect(req.method).toBe('POST');
    expect(req.path).toBe(HOOK);
    expect(req.headers['content-type']).toBe('application/json');
    const body = JSON.parse(req.body) as { text: string; blocks: Record<string, unknown>[] };
    expect(body.text).toBe('SPY: dealers buying into strength — upside squeeze building');
    expect(body.blocks.map((b) => b['type'])).toEqual(['header', 'section', 'section', 'context']);
    expect(body.blocks[0]).toEqual({
      type: 'header',
      text: {
        type: 'plain_text',
        text: 'SPY: dealers buying into strength — upside squeeze building',
      },
    });
    // mrkdwn's control characters are escaped, so the text reads as written.
    expect(body.blocks[1]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: 'Flow &lt;up&gt; &amp; away' },
    });
    expect(body.blocks[2]!['fields']).toContainEqual({
      type: 'mrkdwn',
      text: '*Flow over the run*\n+$25M',
    });
    expect(body.blocks[3]).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'Demo data: a simulated market, not FlashAlpha data.' },
        { type: 'mrkdwn', text: 'HedgeFlow · demo data · bar 10:16 ET' },
      ],
    });
  });

  it('retries a 500 after the backoff, then delivers', async () => {
    const { w, r, clock } = await setUp();
    r.script({ status: 500, body: 'rollup_error' });
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(() => clock.pendingTimers === 1, 'retry armed');
    expect(clock.nextTimerAt()).toBe(NOW + 2_000);
    expect(w.service.views()[0]!.health.reason).toBe(
      'Slack answered 500 Internal Server Error (rollup_error)',
    );
    clock.advance(2_000);
    await r.waitFor(2);
    await eventually(() => w.service.views()[0]!.health.state === 'ready', 'delivered');
  });

  it('a 403 invalid_token marks it failing; the test button shows the same reason', async () => {
    const { w, r, id } = await setUp();
    r.fallback = { status: 403, body: 'invalid_token' };
    const result = await w.service.test(id);
    expect(result.ok).toBe(false);
    expect(result.message).toBe('Slack answered 403 Forbidden (invalid_token)');
    expect(w.service.views()[0]!.health).toMatchObject({
      state: 'failing',
      reason: 'Slack answered 403 Forbidden (invalid_token)',
    });
    const blocks = (JSON.parse(r.requests[0]!.body) as { blocks: { text?: { text: string } }[] })
      .blocks;
    expect(blocks[0]!.text!.text).toBe('🧪 HedgeFlow test alert');
  });
});

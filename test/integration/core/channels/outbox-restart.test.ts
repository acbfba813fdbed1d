// The durable outbox across restarts, on real files: an alert fired while the receiver is down
// waits, survives a restart, goes once the network is back (marked late) and never again; a
// crash between "sending" and the answer loses that one delivery rather than doubling it; and
// timing holds at several clock speeds under real latency, one channel never holding up another.
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fsStorage } from '../../../../core/adapters/fs-storage.js';
import { OUTBOX_FILE } from '../../../../core/channels/outbox.js';
import { scaledClock } from '../../../../core/clock/scaled-clock.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import type { HttpTransport } from '../../../../core/ports/http.js';
import { startReceiver, type Receiver } from '../../../support/channels/loopback-receiver.js';
import { sampleAlert } from '../../../support/channels/sample-alert.js';
import {
  eventually,
  openChannelWorld,
  type ChannelWorld,
} from '../../../support/channels/channel-world.js';

const NOW = Date.parse('2026-06-05T14:17:03Z');
const cleanups: (() => Promise<unknown>)[] = [];

afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-outbox-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

async function receiverAt(port = 0): Promise<Receiver> {
  const r = await startReceiver({ status: 204 }, port);
  cleanups.push(() => r.close());
  return r;
}

async function webhook(w: ChannelWorld, origin: string, name = 'Hook'): Promise<string> {
  const view = await w.service.add({
    config: { kind: 'webhook', name },
    secrets: { kind: 'webhook', url: `${origin}/in/${name}` },
  });
  return view.config.id;
}

describe('outbox across restarts', () => {
  it('an alert fired while the receiver is down survives a restart and is delivered once, late', async () => {
    const dir = await tempDir();
    const clock = new ManualClock(NOW);
    const down = await receiverAt();
    const port = Number(new URL(down.origin).port);
    await down.close();
    const w = await openChannelWorld({ clock, storage: fsStorage(dir) });
    cleanups.push(() => w.stop());
    await webhook(w, `http://127.0.0.1:${port}`);

    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(
      () => w.service.views()[0]!.health.state === 'retrying',
      'waiting for the network',
    );
    await expect
      .poll(async () => {
        const onDisk = JSON.parse(await readFile(path.join(dir, OUTBOX_FILE), 'utf8')) as {
          entries: { state: string; alert: { id: string } }[];
        };
        return onDisk.entries.map((e) => [e.state, e.alert.id]);
      })
      .toEqual([['queued', sampleAlert().id]]);

    // The app quits while offline; 20 minutes later it starts again and the receiver is back.
    await w.restart();
    clock.jump(20 * 60_000);
    const up = await receiverAt(port);
    clock.advance(0);
    await up.waitFor(1);
    const body = JSON.parse(up.requests[0]!.body) as Record<string, unknown>;
    expect(body).toMatchObject({ late: true, delaySeconds: 20 * 60, alert: sampleAlert() });
    await eventually(() => w.service.views()[0]!.health.state === 'ready', 'delivered');

    // Neither another restart nor the same alert offered again sends it a second time.
    await w.restart();
    await w.service.deliver(sampleAlert(), 'flashalpha');
    clock.advance(60 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(up.requests).toHaveLength(1);
    expect(w.service.views()[0]!.health.pending).toBe(0);
  });

  it('a crash while a request is in flight drops that delivery at the next start: lost, never doubled', async () => {
    const dir = await tempDir();
    const clock = new ManualClock(NOW);
    const r = await receiverAt();
    let hung = 0;
    // The first request never answers: the process dies waiting for it.
    const transport: HttpTransport = async (request) => {
      if (hung++ === 0) return new Promise(() => undefined);
      const { fetchTransport } = await import('../../../../core/adapters/fetch-transport.js');
      return fetchTransport(request);
    };
    const w = await openChannelWorld({ clock, storage: fsStorage(dir), transport });
    await webhook(w, r.origin);
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(() => hung === 1, 'request in flight');
    // The mark was on disk before the request went out.
    const marked = JSON.parse(await readFile(path.join(dir, OUTBOX_FILE), 'utf8')) as {
      entries: { state: string }[];
    };
    expect(marked.entries.map((e) => e.state)).toEqual(['sending']);

    await w.crash();
    cleanups.push(() => w.stop());
    clock.advance(60 * 60_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(r.requests).toHaveLength(0);
    expect(w.service.views()[0]!.health).toMatchObject({
      state: 'warning',
      reason:
        'HedgeFlow stopped while an alert was being sent; it may have arrived, so it is not sent again',
      pending: 0,
    });
    // The next alert goes normally.
    await w.service.deliver(sampleAlert({ id: 'next' }), 'flashalpha');
    await r.waitFor(1);
    expect(JSON.parse(r.requests[0]!.body)).toMatchObject({ alert: { id: 'next' } });
  });

  it('a slow service never holds up another channel', async () => {
    const clock = new ManualClock(NOW);
    const slow = await receiverAt();
    slow.fallback = { status: 204, delayMs: 1_500 };
    const fast = await receiverAt();
    const w = await openChannelWorld({ clock });
    cleanups.push(() => w.stop());
    await webhook(w, slow.origin, 'Slow');
    await webhook(w, fast.origin, 'Fast');
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await fast.waitFor(1);
    await eventually(
      () => w.service.views().find((v) => v.config.name === 'Fast')!.health.state === 'ready',
      'fast delivered',
    );
    expect(w.service.views().find((v) => v.config.name === 'Slow')!.health.state).toBe(
      'delivering',
    );
    await eventually(
      () => w.service.views().find((v) => v.config.name === 'Slow')!.health.state === 'ready',
      'slow delivered',
    );
  });

  it.each([1, 60, 600])(
    'at %dx clock speed with real latency: backoff and Retry-After are waited in clock time, delivered once',
    async (speed) => {
      const clock = scaledClock(NOW, speed);
      const r = await receiverAt();
      r.script(
        { status: 503, delayMs: 40 },
        { status: 429, headers: { 'Retry-After': '2' }, delayMs: 40 },
      );
      r.fallback = { status: 204, delayMs: 40 };
      const w = await openChannelWorld({ clock });
      cleanups.push(() => w.stop());
      await webhook(w, r.origin);
      await w.service.deliver(sampleAlert(), 'flashalpha');
      await r.waitFor(3, 20_000);
      await eventually(() => w.service.views()[0]!.health.state === 'ready', 'delivered', 20_000);
      expect(r.requests).toHaveLength(3);
      const at = w.sent.map((s) => s.at);
      // Each wait starts when the answer arrived, after the request went: both are lower bounds.
      expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(2_000);
      expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(2_000);
      const ids = new Set(r.requests.map((q) => JSON.parse(q.body).deliveryId as string));
      expect(ids.size).toBe(1);
    },
  );
});

// The channel service's bookkeeping, with a scripted transport: editing and removing channels
// and their keychain entries, giving up after too many failures or too long, a corrupt outbox
// file, a locked keychain, and switching a channel off.
import { describe, expect, it } from 'vitest';
import { ChannelError } from '../../../../core/channels/channel-service.js';
import { MAX_ATTEMPTS, MAX_AGE_MS } from '../../../../core/channels/delivery-worker.js';
import { OUTBOX_FILE } from '../../../../core/channels/outbox.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import {
  TransportError,
  type HttpRequest,
  type HttpResponse,
} from '../../../../core/ports/http.js';
import { SecretStoreUnavailableError } from '../../../../core/ports/secret-store.js';
import { eventually, openChannelWorld } from '../../../support/channels/channel-world.js';
import { sampleAlert } from '../../../support/channels/sample-alert.js';

const NOW = Date.parse('2026-06-05T14:17:03Z');

function answer(status: number, body = ''): HttpResponse {
  return { status, header: () => null, text: async () => body };
}

/** A transport that answers from a script (then 200), recording what it was sent. */
function scripted(...script: (number | TransportError)[]) {
  const seen: HttpRequest[] = [];
  const transport = async (request: HttpRequest): Promise<HttpResponse> => {
    seen.push(request);
    const next = script.shift() ?? 200;
    if (next instanceof TransportError) throw next;
    return answer(next);
  };
  return { seen, transport };
}

async function world(script: (number | TransportError)[] = [], storage = new MemoryStorage()) {
  const clock = new ManualClock(NOW);
  const net = scripted(...script);
  const w = await openChannelWorld({ clock, storage, transport: net.transport });
  const view = await w.service.add({
    config: { kind: 'webhook', name: 'Hook' },
    secrets: { kind: 'webhook', url: 'https://hooks.example.com/in/abc', sharedSecret: 'shh-1234' },
  });
  return { w, clock, net, id: view.config.id, storage };
}

/** Fires every timer due within `ms`, letting the worker answer each. */
async function runFor(clock: ManualClock, ms: number): Promise<void> {
  const end = clock.now() + ms;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const next = clock.nextTimerAt();
    if (next === null || next > end) break;
    clock.advanceTo(next);
  }
  clock.advanceTo(end);
}

describe('the channel service', () => {
  it(`gives an alert up after ${MAX_ATTEMPTS} failed answers, with a warning, and goes on`, async () => {
    const { w, clock, net } = await world(Array(MAX_ATTEMPTS).fill(503));
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await runFor(clock, 60 * 60_000);
    await eventually(() => w.service.views()[0]!.health.state === 'warning', 'given up');
    expect(net.seen).toHaveLength(MAX_ATTEMPTS);
    expect(w.service.views()[0]!.health).toMatchObject({
      pending: 0,
      reason: `Gave up after ${MAX_ATTEMPTS} attempts: hooks.example.com answered 503 Service Unavailable`,
    });
    await w.service.deliver(sampleAlert({ id: 'next' }), 'flashalpha');
    await eventually(() => w.service.views()[0]!.health.state === 'ready', 'next delivered');
    expect(net.seen).toHaveLength(MAX_ATTEMPTS + 1);
    await w.stop();
  });

  it('keeps trying while the network is down without counting, until the alert is too old', async () => {
    const down = new TransportError(
      'network',
      'could not reach x: connect ECONNREFUSED 1.2.3.4:443',
    );
    const { w, clock, net } = await world(Array(2_000).fill(down));
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await runFor(clock, MAX_AGE_MS + 120_000);
    await eventually(() => w.service.views()[0]!.health.state === 'warning', 'expired');
    expect(net.seen.length).toBeGreaterThan(MAX_ATTEMPTS);
    expect(w.service.views()[0]!.health.reason).toBe(
      'An alert expired unsent: Could not reach hooks.example.com (connection refused)',
    );
    await w.stop();
  });

  it('online again: what waited for the network goes at once', async () => {
    const down = new TransportError('network', 'could not reach x: net::ERR_INTERNET_DISCONNECTED');
    const { w, clock, net } = await world([down]);
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(() => clock.pendingTimers === 1, 'network retry armed');
    w.service.setOnline(false);
    w.service.setOnline(true);
    await eventually(() => net.seen.length === 2, 'sent when back online');
    expect(clock.now()).toBe(NOW);
    await w.stop();
  });

  it('switched off, nothing waits for it and nothing goes', async () => {
    const { w, id, net } = await world([503]);
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(() => w.service.views()[0]!.health.state === 'retrying', 'retrying');
    await w.service.update({ id, config: { kind: 'webhook', name: 'Hook', enabled: false } });
    expect(w.service.views()[0]!.health).toMatchObject({ state: 'off', pending: 0 });
    await w.service.deliver(sampleAlert({ id: 'later' }), 'flashalpha');
    expect(w.service.views()[0]!.health.pending).toBe(0);
    expect(net.seen).toHaveLength(1);
    await w.stop();
  });

  it('edits keep what is not retyped, replace what is, drop an optional secret given null', async () => {
    const { w, id } = await world();
    await w.service.update({
      id,
      config: { kind: 'webhook', name: 'Renamed', secretHeader: 'X-Token' },
      secrets: { kind: 'webhook', sharedSecret: null, signingSecret: 'a-new-signing-secret' },
    });
    const stored = JSON.parse((await w.keychain.get(`channel:${id}`))!) as Record<string, string>;
    expect(stored).toEqual({
      kind: 'webhook',
      url: 'https://hooks.example.com/in/abc',
      signingSecret: 'a-new-signing-secret',
    });
    expect(w.service.views()[0]).toMatchObject({
      config: { name: 'Renamed', secretHeader: 'X-Token' },
      hint: { target: 'hooks.example.com ••••/abc', extras: ['signing secret'] },
    });
    await expect(w.service.update({ id, config: { kind: 'discord', name: 'x' } })).rejects.toThrow(
      ChannelError,
    );
    await w.stop();
  });

  it('remove drops its settings, its outbox entries and its keychain entry', async () => {
    const { w, id, storage } = await world([503]);
    await w.service.deliver(sampleAlert(), 'flashalpha');
    await eventually(() => w.service.views()[0]!.health.state === 'retrying', 'retrying');
    expect(await w.service.remove(id)).toEqual([]);
    expect(await w.keychain.get(`channel:${id}`)).toBeNull();
    expect(w.settings.current.channels).toEqual([]);
    await expect
      .poll(() => {
        const file = JSON.parse(storage.files.get(OUTBOX_FILE)!) as {
          entries: { channelId: string }[];
          channels: Record<string, unknown>;
        };
        return [file.entries.filter((e) => e.channelId === id).length, file.channels[id]];
      })
      .toEqual([0, undefined]);
    await expect(w.service.test(id)).rejects.toThrow('That channel no longer exists.');
    await w.stop();
  });

  it('a locked keychain refuses a new channel and stores nothing', async () => {
    const clock = new ManualClock(NOW);
    const w = await openChannelWorld({ clock, transport: scripted().transport });
    w.keychain.unavailable = 'The system keychain is not available (locked).';
    await expect(
      w.service.add({
        config: { kind: 'ntfy', name: 'Phone' },
        secrets: { kind: 'ntfy', topicUrl: 'https://ntfy.sh/my-topic-123' },
      }),
    ).rejects.toThrow(SecretStoreUnavailableError);
    expect(w.settings.current.channels).toEqual([]);
    await w.stop();
  });

  it('a channel whose keychain entry is gone says so, and sends nothing', async () => {
    const { w, id, net } = await world();
    await w.keychain.delete(`channel:${id}`);
    await w.restart();
    expect(w.service.views()[0]).toMatchObject({
      hint: null,
      health: { state: 'no-secret', reason: 'Its secrets are missing from the keychain; edit it' },
    });
    expect(await w.service.test(id)).toMatchObject({ ok: false });
    expect(net.seen).toHaveLength(0);
    await w.stop();
  });

  it('a corrupt outbox file is kept aside and the service starts empty', async () => {
    const storage = new MemoryStorage();
    await storage.writeAtomic(OUTBOX_FILE, '{"version":1,"entries":[{"broken":');
    const { w } = await world([], storage);
    expect(storage.files.has(OUTBOX_FILE)).toBe(false);
    expect([...storage.files.keys()].some((k) => k.startsWith('channel-outbox.corrupt-'))).toBe(
      true,
    );
    expect(w.logs.join('\n')).toMatch(/channel outbox unreadable; starting empty/);
    await w.stop();
  });
});

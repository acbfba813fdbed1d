// The channels:* calls through the real router and the app's handlers: payloads validated as
// unknown (secrets included) with the field named, refusals as values, the keychain's own
// error code, and answers that carry a masked hint but never a secret.
import { describe, expect, it } from 'vitest';
import { appHandlers } from '../../../../core/app/app-handlers.js';
import { HedgeFlowApp } from '../../../../core/app/hedgeflow-app.js';
import { createIpcRouter } from '../../../../core/app/ipc-router.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { MemoryKeyedSecretStore } from '../../../../core/fakes/memory-keyed-secret-store.js';
import { MemorySecretStore } from '../../../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../../core/fakes/recording-notifier.js';
import { silentLogger } from '../../../../core/log/logger.js';
import { createSimulator } from '../../../../sim/engine/simulator.js';

const URL_WITH_TOKEN = 'https://ntfy.sh/hedgeflow-7r2k9x4m1q';

async function open() {
  const keychain = new MemoryKeyedSecretStore();
  const app = await HedgeFlowApp.create({
    clock: new ManualClock(Date.parse('2026-06-05T14:30:00Z')),
    http: async () => ({ status: 200, header: () => null, text: async () => '{}' }),
    secrets: new MemorySecretStore(),
    channelSecrets: keychain,
    notifier: new RecordingNotifier(),
    storage: new MemoryStorage(),
    logger: silentLogger,
    createSimulator: () => createSimulator({ seed: 1 }),
  });
  const router = createIpcRouter(appHandlers(app), {
    isTrustedSender: () => true,
    logger: silentLogger,
    now: () => 0,
  });
  return { app, router, keychain };
}

const ntfy = {
  config: { kind: 'ntfy', name: 'Phone' },
  secrets: { kind: 'ntfy', topicUrl: URL_WITH_TOKEN },
};

describe('channels:* calls', () => {
  it('add answers with the channel and a masked hint; the secret is only in the keychain', async () => {
    const { router, keychain } = await open();
    const added = await router.invoke('channels:add', ntfy, {});
    expect(added).toMatchObject({
      ok: true,
      value: {
        config: { kind: 'ntfy', name: 'Phone', enabled: true },
        hint: { target: 'ntfy.sh ••••4m1q' },
      },
    });
    expect(JSON.stringify(added)).not.toContain('hedgeflow-7r2k9x4m1q');
    expect([...keychain.entries.values()].join()).toContain(URL_WITH_TOKEN);
    const list = await router.invoke('channels:list', undefined, {});
    expect(JSON.stringify(list)).not.toContain('hedgeflow-7r2k9x4m1q');
  });

  it('refuses a bad payload before any handler, naming the field', async () => {
    const { router, app } = await open();
    const http = await router.invoke(
      'channels:add',
      { ...ntfy, secrets: { kind: 'ntfy', topicUrl: 'http://example.com/t' } },
      {},
    );
    expect(http).toMatchObject({
      ok: false,
      error: {
        code: 'bad-request',
        message: expect.stringMatching(/^secrets\.topicUrl: The URL must start with https:\/\//),
      },
    });
    const extra = await router.invoke('channels:add', { ...ntfy, id: 'ch-abcdefgh1' }, {});
    expect(extra).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    const mixed = await router.invoke(
      'channels:add',
      { config: { kind: 'slack', name: 'x' }, secrets: ntfy.secrets },
      {},
    );
    expect(mixed).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/another kind/) },
    });
    expect(app.channels.views()).toEqual([]);
  });

  it("a refusal of the app's (a wrong service URL, an unknown channel) is a value with its reason", async () => {
    const { router } = await open();
    const wrong = await router.invoke(
      'channels:add',
      { config: { kind: 'discord', name: 'D' }, secrets: { kind: 'discord', url: URL_WITH_TOKEN } },
      {},
    );
    expect(wrong).toMatchObject({
      ok: false,
      error: {
        code: 'bad-request',
        message: expect.stringMatching(/^Paste the webhook URL Discord shows/),
      },
    });
    expect(await router.invoke('channels:test', { id: 'ch-00000000' }, {})).toEqual({
      ok: false,
      error: { code: 'bad-request', message: 'That channel no longer exists.', action: 'none' },
    });
  });

  it("a locked keychain is the keychain's error", async () => {
    const { router, keychain } = await open();
    keychain.unavailable = 'The system keychain is not available (locked).';
    expect(await router.invoke('channels:add', ntfy, {})).toMatchObject({
      ok: false,
      error: { code: 'keychain', message: 'The system keychain is not available (locked).' },
    });
  });

  it('settings:update cannot touch the channels', async () => {
    const { router } = await open();
    expect(await router.invoke('settings:update', { channels: [] }, {})).toMatchObject({
      ok: false,
      error: { code: 'bad-request' },
    });
  });
});

// The keychain adapter against a real Secret Service (GNOME Keyring on a private D-Bus, which
// `npm test` starts through scripts/with-secret-service.sh), or on macOS and Windows the OS
// keychain itself: store, read back, replace and delete a key under a service name of its own.
// (No Secret Service at all: test/integration/keychain/no-secret-service.test.ts.)
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import {
  keyringKeyedSecretStore,
  keyringSecretStore,
} from '../../../core/adapters/keyring-secret-store.js';

const inSecretService = Boolean(process.env.HEDGEFLOW_SECRET_SERVICE);
// A service name of its own, so a run never touches the app's real entry.
const service = `HedgeFlow-test-${randomBytes(4).toString('hex')}`;

if (!inSecretService) {
  console.warn(
    '[keychain] SKIPPED keyringSecretStore: not inside scripts/with-secret-service.sh (npm test runs it there)',
  );
}

describe.skipIf(!inSecretService)('keyringSecretStore on a real Secret Service', () => {
  const store = keyringSecretStore(service, 'flashalpha-api-key');
  afterEach(async () => {
    await store.delete().catch(() => undefined);
  });

  it('stores, reads back, replaces and deletes the key', async () => {
    expect(await store.get()).toBeNull();
    await store.set('fa_live_first_0001');
    expect(await store.get()).toBe('fa_live_first_0001');
    await store.set('fa_live_second_0002');
    expect(await keyringSecretStore(service, 'flashalpha-api-key').get()).toBe(
      'fa_live_second_0002',
    );
    expect(await store.delete()).toBe(true);
    expect(await store.get()).toBeNull();
    expect(await store.delete()).toBe(false);
  });

  it('keeps entries of different accounts apart', async () => {
    const other = keyringSecretStore(service, 'another-account');
    try {
      await store.set('fa_live_mine_0003');
      expect(await other.get()).toBeNull();
    } finally {
      await other.delete().catch(() => undefined);
    }
  });

  it("keeps each alert channel's secrets in an entry of its own, beside the API key's", async () => {
    const channels = keyringKeyedSecretStore(service);
    try {
      await store.set('fa_live_key_0004');
      await channels.set('channel:ch-aaaaaaaa', '{"kind":"discord","url":"https://discord.com/x"}');
      await channels.set('channel:ch-bbbbbbbb', '{"kind":"telegram","botToken":"1:x"}');
      expect(await channels.get('channel:ch-aaaaaaaa')).toContain('discord');
      expect(await channels.delete('channel:ch-aaaaaaaa')).toBe(true);
      expect(await channels.get('channel:ch-aaaaaaaa')).toBeNull();
      expect(await channels.get('channel:ch-bbbbbbbb')).toContain('telegram');
      expect(await store.get()).toBe('fa_live_key_0004');
    } finally {
      await channels.delete('channel:ch-aaaaaaaa').catch(() => undefined);
      await channels.delete('channel:ch-bbbbbbbb').catch(() => undefined);
    }
  });
});

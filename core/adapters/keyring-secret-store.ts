// The OS keychain through @napi-rs/keyring (N-API: one prebuilt binary serves Node and every
// Electron version; keytar is archived and needs a compiler or a GitHub download). macOS
// Keychain, Windows Credential Manager, Secret Service (GNOME Keyring, KWallet) on Linux.
// The async entry runs each call off the main thread: a Secret Service round trip over D-Bus,
// or a keychain waiting to be unlocked, must not freeze the tray's event loop.
import { AsyncEntry } from '@napi-rs/keyring';
import { messageOf } from '../base/error-message.js';
import {
  SecretStoreUnavailableError,
  type KeyedSecretStore,
  type SecretStore,
} from '../ports/secret-store.js';

const KEYCHAIN_SERVICE = 'HedgeFlow';
export const KEYCHAIN_ACCOUNT = 'flashalpha-api-key';

function unavailable(error: unknown): SecretStoreUnavailableError {
  const detail = messageOf(error);
  // Never echo the secret: the library's messages carry only platform errors.
  return new SecretStoreUnavailableError(`The system keychain is not available (${detail}).`);
}

export function keyringSecretStore(
  service: string = KEYCHAIN_SERVICE,
  account: string = KEYCHAIN_ACCOUNT,
): SecretStore {
  const keyed = keyringKeyedSecretStore(service);
  return {
    get: () => keyed.get(account),
    set: (secret) => keyed.set(account, secret),
    delete: () => keyed.delete(account),
  };
}

/** One keychain entry per account name under `service` (the alert channels' secrets). */
export function keyringKeyedSecretStore(service: string = KEYCHAIN_SERVICE): KeyedSecretStore {
  // On Linux the library would silently fall back to the kernel keyring (memory only, gone at
  // reboot) when no Secret Service answers; pinned, it throws and the app says the keychain is
  // unavailable instead of pretending the key is stored.
  const entry = (account: string): AsyncEntry =>
    new AsyncEntry(service, account, { linux: { store: 'secret-service' } });
  return {
    async get(account) {
      try {
        return (await entry(account).getPassword()) ?? null;
      } catch (error) {
        throw unavailable(error);
      }
    },
    async set(account, secret) {
      try {
        await entry(account).setPassword(secret);
      } catch (error) {
        throw unavailable(error);
      }
    },
    async delete(account) {
      try {
        return await entry(account).deletePassword();
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}

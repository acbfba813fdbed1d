// The OS keychain through @napi-rs/keyring (N-API: one prebuilt binary serves Node and every
// Electron version; keytar is archived and needs a compiler or a GitHub download). macOS
// Keychain, Windows Credential Manager, Secret Service (GNOME Keyring, KWallet) on Linux.
import { Entry } from '@napi-rs/keyring';
import { SecretStoreUnavailableError, type SecretStore } from '../ports/secret-store.js';

export const KEYCHAIN_SERVICE = 'HedgeFlow';
export const KEYCHAIN_ACCOUNT = 'flashalpha-api-key';

function unavailable(error: unknown): SecretStoreUnavailableError {
  const detail = error instanceof Error ? error.message : String(error);
  // Never echo the secret: the library's messages carry only platform errors.
  return new SecretStoreUnavailableError(`The system keychain is not available (${detail}).`);
}

export function keyringSecretStore(
  service: string = KEYCHAIN_SERVICE,
  account: string = KEYCHAIN_ACCOUNT,
): SecretStore {
  const entry = (): Entry => new Entry(service, account);
  return {
    async get() {
      try {
        return entry().getPassword() ?? null;
      } catch (error) {
        throw unavailable(error);
      }
    },
    async set(secret) {
      try {
        entry().setPassword(secret);
      } catch (error) {
        throw unavailable(error);
      }
    },
    async delete() {
      try {
        return entry().deletePassword();
      } catch (error) {
        throw unavailable(error);
      }
    },
  };
}

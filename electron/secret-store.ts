// The keychain for the tray app. The binding is a native addon: if its binary cannot load (a
// platform the package has no build for, a damaged install), the app must still start, on demo
// data, with a message that says why, rather than die on an import.
import { messageOf } from '../core/base/error-message.js';
import {
  SecretStoreUnavailableError,
  type KeyedSecretStore,
  type SecretStore,
} from '../core/ports/secret-store.js';

/** A keychain that refuses every call (get, set, delete; with or without an account name). */
function unavailableSecretStore(message: string): SecretStore & KeyedSecretStore {
  const fail = async (): Promise<never> => {
    throw new SecretStoreUnavailableError(message);
  };
  return { get: fail, set: fail, delete: fail };
}

function loadFailure(error: unknown): string {
  const detail = messageOf(error).split('\n')[0];
  return `The keychain library could not be loaded (${detail})`;
}

export async function loadSecretStore(): Promise<SecretStore> {
  try {
    const { keyringSecretStore } = await import('../core/adapters/keyring-secret-store.js');
    return keyringSecretStore();
  } catch (error) {
    return unavailableSecretStore(loadFailure(error));
  }
}

/** The alert channels' keychain entries, with the same fallback when the binding cannot load. */
export async function loadKeyedSecretStore(): Promise<KeyedSecretStore> {
  try {
    const { keyringKeyedSecretStore } = await import('../core/adapters/keyring-secret-store.js');
    return keyringKeyedSecretStore();
  } catch (error) {
    return unavailableSecretStore(loadFailure(error));
  }
}

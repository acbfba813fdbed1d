// The keychain for the tray app. The binding is a native addon: if its binary cannot load (a
// platform the package has no build for, a damaged install), the app must still start, on demo
// data, with a message that says why, rather than die on an import.
import { SecretStoreUnavailableError, type SecretStore } from '../core/ports/secret-store.js';

export function unavailableSecretStore(message: string): SecretStore {
  const fail = async (): Promise<never> => {
    throw new SecretStoreUnavailableError(message);
  };
  return { get: fail, set: fail, delete: fail };
}

export async function loadSecretStore(): Promise<SecretStore> {
  try {
    const { keyringSecretStore } = await import('../core/adapters/keyring-secret-store.js');
    return keyringSecretStore();
  } catch (error) {
    const detail = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return unavailableSecretStore(`The keychain library could not be loaded (${detail})`);
  }
}

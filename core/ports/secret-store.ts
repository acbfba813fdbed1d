/** Where the FlashAlpha key lives: the OS keychain in the app, memory in tests. */
export interface SecretStore {
  get(): Promise<string | null>;
  set(secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(): Promise<boolean>;
}

/** The keychain is missing, locked or refused access; the app keeps running on demo data. */
export class SecretStoreUnavailableError extends Error {
  override readonly name = 'SecretStoreUnavailableError';
}

/**
 * Secrets stored under an account name each (one per alert channel), in the same keychain
 * service as the API key. The API key keeps its own `SecretStore` entry, unchanged.
 */
export interface KeyedSecretStore {
  get(account: string): Promise<string | null>;
  set(account: string, secret: string): Promise<void>;
  /** True when something was deleted. */
  delete(account: string): Promise<boolean>;
}

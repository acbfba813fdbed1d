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

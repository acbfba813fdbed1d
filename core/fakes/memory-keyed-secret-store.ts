import { SecretStoreUnavailableError, type KeyedSecretStore } from '../ports/secret-store.js';

/** An in-memory keychain of named entries; `unavailable` fails every call like a locked one. */
export class MemoryKeyedSecretStore implements KeyedSecretStore {
  readonly entries = new Map<string, string>();
  unavailable: string | null = null;

  #check(): void {
    if (this.unavailable !== null) throw new SecretStoreUnavailableError(this.unavailable);
  }

  async get(account: string): Promise<string | null> {
    this.#check();
    return this.entries.get(account) ?? null;
  }

  async set(account: string, secret: string): Promise<void> {
    this.#check();
    this.entries.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    this.#check();
    return this.entries.delete(account);
  }
}

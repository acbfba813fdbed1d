import { SecretStoreUnavailableError, type SecretStore } from '../ports/secret-store.js';

/** An in-memory keychain; `unavailable` makes every call fail the way a locked keychain does. */
export class MemorySecretStore implements SecretStore {
  #secret: string | null;
  unavailable: string | null = null;

  constructor(initial: string | null = null) {
    this.#secret = initial;
  }

  #check(): void {
    if (this.unavailable !== null) throw new SecretStoreUnavailableError(this.unavailable);
  }

  async get(): Promise<string | null> {
    this.#check();
    return this.#secret;
  }

  async set(secret: string): Promise<void> {
    this.#check();
    this.#secret = secret;
  }

  async delete(): Promise<boolean> {
    this.#check();
    const had = this.#secret !== null;
    this.#secret = null;
    return had;
  }
}

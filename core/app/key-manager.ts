// The API key's only home in the process: read from the secret store, held here, handed to the
// HTTP client through a getter. What leaves this module is `hasKey` and a masked hint.
import { messageOf } from '../base/error-message.js';
import type { KeyStatus } from '../contract/views.js';
import { SecretStoreUnavailableError, type SecretStore } from '../ports/secret-store.js';

export interface KeychainState {
  readonly available: boolean;
  readonly message: string | null;
}

function maskKey(key: string): string {
  return `••••${key.slice(-4)}`;
}

export class KeyManager {
  readonly #store: SecretStore;
  readonly #onSecret: (secret: string) => void;
  #key: string | null = null;
  #keychain: KeychainState = { available: true, message: null };
  #keychainError: string | null = null;

  /** `onSecret` sees every key loaded or stored, so loggers can redact it. */
  constructor(store: SecretStore, onSecret: (secret: string) => void) {
    this.#store = store;
    this.#onSecret = onSecret;
  }

  get key(): string | null {
    return this.#key;
  }

  get status(): KeyStatus {
    return { hasKey: this.#key !== null, hint: this.#key === null ? null : maskKey(this.#key) };
  }

  get keychain(): KeychainState {
    return this.#keychain;
  }

  /** The keychain's own words when it failed (the terminal adds its own advice to them). */
  get keychainError(): string | null {
    return this.#keychainError;
  }

  async load(): Promise<void> {
    try {
      const key = await this.#store.get();
      this.#key = key && key.trim() ? key.trim() : null;
      if (this.#key) this.#onSecret(this.#key);
      this.#keychain = { available: true, message: null };
      this.#keychainError = null;
    } catch (error) {
      this.#key = null;
      this.#unavailable(error);
    }
  }

  /** Stores a key; throws a SecretStoreUnavailableError with a user-facing message. */
  async set(key: string): Promise<void> {
    this.#onSecret(key);
    try {
      await this.#store.set(key);
    } catch (error) {
      this.#unavailable(error);
      throw new SecretStoreUnavailableError(
        this.#keychain.message ?? 'The keychain is not available.',
      );
    }
    this.#key = key;
    this.#keychain = { available: true, message: null };
    this.#keychainError = null;
  }

  #unavailable(error: unknown): void {
    this.#keychainError = messageOf(error);
    this.#keychain = { available: false, message: keychainMessage(error) };
  }

  async delete(): Promise<void> {
    try {
      await this.#store.delete();
    } catch (error) {
      this.#unavailable(error);
      throw new SecretStoreUnavailableError(
        this.#keychain.message ?? 'The keychain is not available.',
      );
    }
    this.#key = null;
  }
}

function keychainMessage(error: unknown): string {
  const detail = messageOf(error);
  return `${detail.replace(/\.$/, '')}. HedgeFlow keeps running on demo data; unlock or set up the system keychain to use your FlashAlpha key.`;
}

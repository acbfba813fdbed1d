// Each channel's secrets in the OS keychain: one entry per channel ("channel:<id>", beside the
// API key's entry), holding the kind's secrets as JSON. Read once and kept in memory for the
// requests; every value is registered with the logger's redaction the moment it is seen.
import { messageOf } from '../base/error-message.js';
import { err, ok, type Result } from '../base/result.js';
import { ChannelSecretsSchema, type ChannelSecrets } from '../contract/alert-channels.js';
import { SecretStoreUnavailableError, type KeyedSecretStore } from '../ports/secret-store.js';
import { secretStrings } from './secret-parts.js';

/** A keychain that failed is asked again at most this often. */
const RETRY_READ_MS = 60_000;

export function channelAccount(id: string): string {
  return `channel:${id}`;
}

/** A read that worked: the secrets, and every string of them that must be scrubbed. */
interface Known {
  readonly secrets: ChannelSecrets;
  readonly strings: readonly string[];
}

/** A read that failed: why (for the channel's view), and when (to retry it later). */
interface Failed {
  readonly problem: string;
  readonly at: number;
}

type Cached = Result<Known, Failed>;

export class ChannelSecretsCache {
  readonly #store: KeyedSecretStore | null;
  readonly #redact: (secret: string) => void;
  readonly #now: () => number;
  readonly #cache = new Map<string, Cached>();

  constructor(store: KeyedSecretStore | null, redact: (secret: string) => void, now: () => number) {
    this.#store = store;
    this.#redact = redact;
    this.#now = now;
  }

  /** The secrets in memory, or null (never read, missing or unreadable). */
  peek(id: string): ChannelSecrets | null {
    const c = this.#cache.get(id);
    return c?.ok ? c.value.secrets : null;
  }

  /** Every string of this channel's secrets that must be scrubbed from text. */
  strings(id: string): readonly string[] {
    const c = this.#cache.get(id);
    return c?.ok ? c.value.strings : [];
  }

  /** Why a channel has no secrets in memory, or null. */
  problem(id: string): string | null {
    const c = this.#cache.get(id);
    return c === undefined || c.ok ? null : c.error.problem;
  }

  /** The secrets, read from the keychain when not in memory (a failed read is retried later). */
  async get(id: string): Promise<ChannelSecrets | null> {
    const c = this.#cache.get(id);
    if (c?.ok) return c.value.secrets;
    if (c && this.#now() - c.error.at < RETRY_READ_MS) return null;
    return this.#read(id);
  }

  async #read(id: string): Promise<ChannelSecrets | null> {
    if (this.#store === null) return this.#fail(id, 'No keychain is available to this program');
    let text: string | null;
    try {
      text = await this.#store.get(channelAccount(id));
    } catch (error) {
      const detail = messageOf(error);
      return this.#fail(id, detail);
    }
    if (text === null) return this.#fail(id, 'Its secrets are missing from the keychain; edit it');
    let parsed: ReturnType<typeof ChannelSecretsSchema.safeParse>;
    try {
      parsed = ChannelSecretsSchema.safeParse(JSON.parse(text));
    } catch {
      return this.#fail(id, 'Its keychain entry is unreadable; edit it');
    }
    if (!parsed.success) return this.#fail(id, 'Its keychain entry is unreadable; edit it');
    this.#remember(id, parsed.data);
    return parsed.data;
  }

  /** Stores (or replaces) a channel's secrets; throws SecretStoreUnavailableError when it can't. */
  async put(id: string, secrets: ChannelSecrets): Promise<void> {
    // Registered first: an error on the way must not be able to print them.
    for (const s of secretStrings(secrets)) this.#redact(s);
    if (this.#store === null) {
      throw new SecretStoreUnavailableError('No keychain is available to store the secrets in.');
    }
    await this.#store.set(channelAccount(id), JSON.stringify(secrets));
    this.#remember(id, secrets);
  }

  async remove(id: string): Promise<void> {
    this.#cache.delete(id);
    await this.#store?.delete(channelAccount(id));
  }

  #remember(id: string, secrets: ChannelSecrets): void {
    const strings = secretStrings(secrets);
    for (const s of strings) this.#redact(s);
    this.#cache.set(id, ok({ secrets, strings }));
  }

  #fail(id: string, problem: string): null {
    this.#cache.set(id, err({ problem, at: this.#now() }));
    return null;
  }
}

// The secrets this process knows (the FlashAlpha key, channel tokens and webhook URLs), and the
// one function every path uses to turn text into a message: errors, their details, log lines,
// the views the UI shows, `watch --json`, stderr. One registry per process: a secret that is
// known anywhere is scrubbed everywhere, without threading it through every module.
import {
  MIN_SECRET_LENGTH,
  SecretMatcher,
  stripUrlCredentials,
  type SecretPattern,
} from './redact.js';

/**
 * A URL component this long, with letters and digits, is a token (a webhook's secret path
 * segment, a bot token, an `?access_token=`); shorter ones are names (`services`, `api`).
 */
const TOKEN_COMPONENT = 16;

function isUrl(text: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\/\S+$/i.test(text);
}

function tokenLike(part: string): boolean {
  return part.length >= TOKEN_COMPONENT && /[a-z]/i.test(part) && /\d/.test(part);
}

export class SecretRegistry {
  readonly #patterns = new Map<string, SecretPattern>();
  /** Compiled matchers by the extra secrets they add (usually none, or the key in use). */
  readonly #matchers = new Map<string, SecretMatcher>();

  /**
   * Registers a secret; false when it is too short to be matched without redacting ordinary
   * words. A URL (a webhook) is registered whole, with its credentials and token-like parts
   * as secrets of their own: a run of six characters of `https://hooks.` is not a secret.
   */
  add(secret: string): boolean {
    const s = secret.trim();
    if (s.length < MIN_SECRET_LENGTH) return false;
    if (isUrl(s)) return this.#addUrl(s);
    this.#put({ text: s });
    return true;
  }

  get size(): number {
    return this.#patterns.size;
  }

  /** `text` without URL credentials and without any registered secret (or one of `extra`). */
  scrub(text: string, ...extra: readonly (string | null | undefined)[]): string {
    const more = extra.flatMap((s) => (typeof s === 'string' && s.trim() !== '' ? [s.trim()] : []));
    const matcher = this.#compiled(more);
    // Secrets first: a registered webhook URL with credentials is matched whole, as written.
    return stripUrlCredentials(matcher.redact(text));
  }

  #addUrl(url: string): boolean {
    this.#put({ text: url, whole: true });
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      this.#put({ text: url });
      return true;
    }
    const decode = (part: string): string => {
      try {
        return decodeURIComponent(part);
      } catch {
        return part;
      }
    };
    if (parsed.password) this.#put({ text: decode(parsed.password) });
    const parts = [
      ...parsed.pathname.split('/'),
      ...[...parsed.searchParams.values()],
      parsed.hash.slice(1),
    ].map(decode);
    for (const part of parts) if (tokenLike(part)) this.#put({ text: part });
    return true;
  }

  #put(pattern: SecretPattern): void {
    if (pattern.text.length < MIN_SECRET_LENGTH) return;
    const id = `${pattern.whole ? 'whole' : 'runs'}:${pattern.text}`;
    if (this.#patterns.has(id)) return;
    this.#patterns.set(id, pattern);
    this.#matchers.clear();
  }

  #compiled(extra: readonly string[]): SecretMatcher {
    const id = extra.join('\n');
    let matcher = this.#matchers.get(id);
    if (!matcher) {
      // A handful of combinations occur (the key in use, an old one); keep the cache small.
      if (this.#matchers.size >= 8) this.#matchers.clear();
      matcher = new SecretMatcher([...this.#patterns.values(), ...extra.map((text) => ({ text }))]);
      this.#matchers.set(id, matcher);
    }
    return matcher;
  }
}

/** The process's registry: the logger, the API client and the error views all share it. */
export const processSecrets = new SecretRegistry();

/** A message fit to show or log: no URL credentials, no registered secret (nor `extra`). */
export function scrubMessage(text: string, ...extra: readonly (string | null | undefined)[]) {
  return processSecrets.scrub(text, ...extra);
}

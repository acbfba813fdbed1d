// Every error that leaves the client goes through here: its message and every string detail
// are scrubbed of the key in use and of every secret the process knows (any case, encoded, or a
// run of six of its characters), and of URL credentials. Server text is scrubbed before it is
// cut (response-errors.ts, client.ts), so a cut can never keep a piece of a secret.
import { processSecrets, type SecretRegistry } from '../log/secret-registry.js';
import { ApiError, type ApiErrorDetails } from './errors.js';

/** Scrubs a text of the registry's secrets and of `key`. */
export type Scrub = (text: string) => string;

export function scrubberFor(key: string | null, secrets: SecretRegistry = processSecrets): Scrub {
  return (text) => secrets.scrub(text, key);
}

/** The same error with its message and every string detail scrubbed. */
export function scrubError(error: ApiError, scrub: Scrub): ApiError {
  const details: Record<string, unknown> = {};
  let changed = false;
  for (const [k, v] of Object.entries(error.details)) {
    const clean = typeof v === 'string' ? scrub(v) : v;
    if (clean !== v) changed = true;
    details[k] = clean;
  }
  const message = scrub(error.message);
  if (!changed && message === error.message) return error;
  return new ApiError(error.kind, message, details as unknown as ApiErrorDetails);
}

// Errors as FlashAlpha's official SDKs classify them (401 authentication, 403 tier restricted,
// 404 not found, 429 rate limited, >=500 server), plus what an SDK leaves to the caller:
// network, timeout, cancelled, and a response that is not what the contract says.
import type { RateLimit } from './rate-limit.js';

export type ApiErrorKind =
  | 'auth'
  | 'tier'
  | 'not-found'
  | 'rate-limit'
  | 'bad-request'
  | 'server'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'invalid-response'
  | 'http';

export interface ApiErrorDetails {
  readonly status?: number;
  /** From Retry-After (429), in ms. */
  readonly retryAfterMs?: number;
  /** When the daily quota resets (429 body `reset_at`, else X-RateLimit-Reset). */
  readonly resetAt?: number;
  readonly currentPlan?: string;
  readonly requiredPlan?: string;
  /** The plan's daily request limit (429 body `limit`). */
  readonly limit?: number;
  /** The body's `error` code, e.g. `tier_restricted`, `invalid_bar`. */
  readonly code?: string;
  /** The server's own words (`message`, else `detail`, else a plain-text body), scrubbed. */
  readonly serverMessage?: string;
  /** The X-RateLimit-* headers of the error response, when it carried them. */
  readonly rateLimit?: RateLimit;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly details: ApiErrorDetails = {},
  ) {
    super(message);
  }

  /** Whether trying again later can succeed without the user doing anything. */
  get transient(): boolean {
    return isTransient(this.kind);
  }
}

function isTransient(kind: ApiErrorKind): boolean {
  switch (kind) {
    case 'server':
    case 'network':
    case 'timeout':
    case 'invalid-response':
    case 'rate-limit':
      return true;
    case 'auth':
    case 'tier':
    case 'not-found':
    case 'bad-request':
    case 'aborted':
    case 'http':
      return false;
  }
}

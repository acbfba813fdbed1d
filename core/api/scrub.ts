import { ApiError, type ApiErrorDetails } from './errors.js';

export const REDACTED = '[redacted]';

/** `text` with every occurrence of `secret` replaced. */
export function scrubText(text: string, secret: string | null): string {
  if (!secret) return text;
  return text.split(secret).join(REDACTED);
}

/**
 * The same error with the key removed from its message and every string detail: a server (or a
 * proxy) that echoes the request back must not get the key into a log line or the UI.
 */
export function scrubError(error: ApiError, secret: string | null): ApiError {
  if (!secret) return error;
  const details: Record<string, unknown> = {};
  let changed = error.message.includes(secret);
  for (const [k, v] of Object.entries(error.details)) {
    if (typeof v === 'string' && v.includes(secret)) {
      details[k] = scrubText(v, secret);
      changed = true;
    } else {
      details[k] = v;
    }
  }
  if (!changed) return error;
  return new ApiError(
    error.kind,
    scrubText(error.message, secret),
    details as unknown as ApiErrorDetails,
  );
}

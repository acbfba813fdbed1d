import { ApiError, type ApiErrorKind } from './errors.js';
import { parseRetryAfter, type RateLimit } from './rate-limit.js';
import { ErrorBodyWire, type ErrorBody } from './wire-schemas.js';

function parseBody(text: string): ErrorBody | null {
  try {
    const parsed = ErrorBodyWire.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function kindOf(status: number): ApiErrorKind {
  if (status === 400) return 'bad-request';
  if (status === 401) return 'auth';
  if (status === 403) return 'tier';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limit';
  if (status >= 500) return 'server';
  return 'http';
}

const plan = (p: string | undefined): string | undefined =>
  p === undefined ? undefined : p.charAt(0).toUpperCase() + p.slice(1).toLowerCase();

/** Maps a non-2xx response to an ApiError with a message a trader can act on. */
export function errorFromResponse(
  status: number,
  text: string,
  header: (name: string) => string | null,
  now: number,
  rateLimit: RateLimit | null,
): ApiError {
  const body = parseBody(text);
  const serverMessage = body?.message ?? body?.detail ?? (body ? undefined : text.trim().slice(0, 200) || undefined);
  const kind = kindOf(status);
  switch (kind) {
    case 'auth':
      return new ApiError(kind, 'FlashAlpha rejected the API key. Check or replace it in Settings.', {
        status,
        ...(body?.error ? { code: body.error } : {}),
      });
    case 'tier': {
      const currentPlan = plan(body?.current_plan);
      const requiredPlan = plan(body?.required_plan) ?? 'Growth';
      return new ApiError(
        kind,
        `Hedge flow needs the ${requiredPlan} plan or higher${currentPlan ? `; this key is on ${currentPlan}` : ''}.`,
        { status, requiredPlan, ...(currentPlan ? { currentPlan } : {}), code: body?.error ?? 'tier_restricted' },
      );
    }
    case 'rate-limit': {
      const retryAfterMs = parseRetryAfter(header('retry-after'), now) ?? undefined;
      const bodyReset = body?.reset_at ? Date.parse(body.reset_at) : NaN;
      const resetAt = Number.isFinite(bodyReset) ? bodyReset : (rateLimit?.resetAt ?? undefined);
      return new ApiError(kind, serverMessage ?? 'The daily request quota is spent.', {
        status,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(resetAt !== undefined ? { resetAt } : {}),
        ...(body?.limit !== undefined ? { limit: body.limit } : {}),
        ...(body?.current_plan ? { currentPlan: plan(body.current_plan)! } : {}),
        ...(body?.error ? { code: body.error } : {}),
      });
    }
    case 'not-found':
    case 'bad-request':
    case 'server':
    case 'http':
      return new ApiError(kind, serverMessage ?? `The server answered ${status}.`, {
        status,
        ...(body?.error ? { code: body.error } : {}),
      });
    default:
      return new ApiError(kind, serverMessage ?? `The server answered ${status}.`, { status });
  }
}

// A non-2xx response as an ApiError. Both error body shapes occur (`{"error","message",...}` and
// the problem-details `{"title","status","detail"}`), and a 5xx may be plain text or HTML from a
// proxy; the message shown is ours, the server's own words go into `details.serverMessage`.
import { ApiError, type ApiErrorDetails, type ApiErrorKind } from './errors.js';
import { parseRetryAfter, type RateLimit } from './rate-limit.js';
import type { Scrub } from './scrub.js';
import { ErrorBodyWire, type ErrorBody } from './wire-schemas.js';

/** The longest piece of a server's text carried into a message. */
const MAX_SERVER_TEXT = 200;
/** The longest plan name or error code taken from a body (FlashAlpha's are one short word). */
const MAX_SERVER_WORD = 40;

function parseBody(text: string): ErrorBody | null {
  try {
    const parsed = ErrorBodyWire.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function kindOfStatus(status: number): ApiErrorKind {
  if (status === 400 || status === 422) return 'bad-request';
  if (status === 401) return 'auth';
  if (status === 403) return 'tier';
  if (status === 404) return 'not-found';
  if (status === 429) return 'rate-limit';
  if (status >= 500) return 'server';
  return 'http';
}

/** A short word from the body (a plan, an error code): scrubbed, then cut. */
function serverWord(word: string | undefined, scrub: Scrub): string | undefined {
  const t = word === undefined ? '' : scrub(word).trim();
  if (!t) return undefined;
  return t.length > MAX_SERVER_WORD ? `${t.slice(0, MAX_SERVER_WORD)}…` : t;
}

/** "growth" -> "Growth", as the plans are named in FlashAlpha's pricing. */
function planName(p: string | undefined, scrub: Scrub): string | undefined {
  const t = serverWord(p, scrub);
  return t ? t.charAt(0).toUpperCase() + t.slice(1).toLowerCase() : undefined;
}

/**
 * The server's words: `message`, else `detail`, else `title`, else a plain-text body. Scrubbed
 * before it is cut: a cut through an echoed key would otherwise keep the part before the cut.
 */
function serverText(body: ErrorBody | null, text: string, scrub: Scrub): string | undefined {
  const raw = body
    ? (body.message ?? body.detail ?? body.title)
    : /^\s*</.test(text)
      ? undefined // an HTML error page from a proxy says nothing a trader can use
      : text;
  if (raw === undefined) return undefined;
  const clean = scrub(scrub(raw).replace(/\s+/g, ' ').trim());
  if (!clean) return undefined;
  return clean.length > MAX_SERVER_TEXT ? `${clean.slice(0, MAX_SERVER_TEXT)}…` : clean;
}

/**
 * Maps a non-2xx response to an ApiError with a message a trader can act on. Every piece of the
 * server's text in it has been through `scrub`.
 */
export function errorFromResponse(
  status: number,
  text: string,
  header: (name: string) => string | null,
  now: number,
  rateLimit: RateLimit | null,
  scrub: Scrub,
): ApiError {
  const body = parseBody(text);
  const said = serverText(body, text, scrub);
  const code = serverWord(body?.error, scrub);
  const kind = kindOfStatus(status);
  const base: ApiErrorDetails = {
    status,
    ...(code ? { code } : {}),
    ...(said ? { serverMessage: said } : {}),
    ...(rateLimit ? { rateLimit } : {}),
  };
  switch (kind) {
    case 'auth':
      return new ApiError(
        kind,
        'FlashAlpha rejected the API key. Check or replace it in Settings.',
        base,
      );
    case 'tier': {
      const currentPlan = planName(body?.current_plan, scrub);
      const requiredPlan = planName(body?.required_plan, scrub) ?? 'Growth';
      return new ApiError(
        kind,
        `Hedge flow needs the ${requiredPlan} plan or higher${currentPlan ? `; this key is on ${currentPlan}` : ''}.`,
        {
          ...base,
          requiredPlan,
          ...(currentPlan ? { currentPlan } : {}),
          code: code ?? 'tier_restricted',
        },
      );
    }
    case 'rate-limit': {
      const retryAfterMs = parseRetryAfter(header('retry-after'), now) ?? undefined;
      const bodyReset = body?.reset_at ? Date.parse(body.reset_at) : NaN;
      const resetAt = Number.isFinite(bodyReset) ? bodyReset : (rateLimit?.resetAt ?? undefined);
      const currentPlan = planName(body?.current_plan, scrub);
      return new ApiError(kind, said ?? 'FlashAlpha is limiting requests from this key.', {
        ...base,
        ...(retryAfterMs !== undefined ? { retryAfterMs } : {}),
        ...(resetAt !== undefined ? { resetAt } : {}),
        ...(body?.limit !== undefined ? { limit: body.limit } : {}),
        ...(currentPlan ? { currentPlan } : {}),
      });
    }
    case 'bad-request':
      return new ApiError(
        kind,
        `FlashAlpha refused the request: ${said ?? `status ${status}`}.`,
        base,
      );
    case 'not-found':
      return new ApiError(kind, said ?? 'FlashAlpha has no data for that symbol.', base);
    case 'server':
      return new ApiError(
        kind,
        `FlashAlpha had a server problem (${status}${said ? `: ${said}` : ''}).`,
        base,
      );
    case 'http':
      return new ApiError(kind, `FlashAlpha answered ${status}${said ? `: ${said}` : ''}.`, base);
    case 'network':
    case 'timeout':
    case 'aborted':
    case 'invalid-response':
      // kindOfStatus never yields these for a status code.
      return new ApiError(kind, said ?? `The server answered ${status}.`, base);
  }
}

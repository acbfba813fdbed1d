// Reads a service's answer (or the lack of one) as a SendOutcome, with a reason a trader can
// act on. Every reason is scrubbed of the channel's secrets before it is cut or shown: a
// service may echo the URL or the token back, and transport errors name the URL's path.
import { messageOf } from '../base/error-message.js';
import type { ChannelKind } from '../contract/settings.js';
import { TransportError, type HttpResponse } from '../ports/http.js';
import type { SendOutcome } from './outcome.js';
import { bodyRetryAfter, parseRetryAfter } from './retry-after.js';
import { scrubSecrets } from './secret-parts.js';

const STATUS_TEXT: Readonly<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  410: 'Gone',
  413: 'Payload Too Large',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** Errors that happen before a request is on the wire: it cannot have been delivered. */
const NOT_SENT =
  /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH|ENETDOWN|EADDRNOTAVAIL|UND_ERR_CONNECT|Connect Timeout|ERR_INTERNET_DISCONNECTED|ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED|ERR_CONNECTION_REFUSED|ERR_ADDRESS_UNREACHABLE|ERR_CONNECTION_TIMED_OUT|ERR_PROXY_CONNECTION_FAILED|ERR_NETWORK_CHANGED|ERR_CERT_|certificate|self.signed|TLS|SSL/i;

const FRIENDLY: readonly (readonly [RegExp, string])[] = [
  [/ECONNREFUSED|ERR_CONNECTION_REFUSED/i, 'connection refused'],
  [/ENOTFOUND|EAI_AGAIN|ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/i, 'host not found'],
  [/ERR_INTERNET_DISCONNECTED|ENETDOWN|ENETUNREACH/i, 'no network'],
  [/certificate|self.signed|ERR_CERT_|TLS|SSL/i, 'TLS certificate problem'],
  [/UND_ERR_CONNECT|Connect Timeout|ERR_CONNECTION_TIMED_OUT/i, 'connection timed out'],
];

export interface ClassifyContext {
  readonly kind: ChannelKind;
  /** "Discord", "Slack", "Telegram", or the host of a webhook or ntfy URL. */
  readonly service: string;
  readonly secrets: readonly string[];
  readonly now: number;
  readonly timeoutMs: number;
}

/** Printable, one line, secrets out, then cut: safe for Settings, the tray and logs. */
export function cleanDetail(text: string, secrets: readonly string[], max = 160): string {
  const clean = scrubSecrets(text, secrets)
    // Control characters (a body may hold anything) become spaces; \p{Cc} says it without any.
    .replace(/\p{Cc}+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return clean.length <= max ? clean : `${clean.slice(0, max - 1)}…`;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** The service's own words for an error: Discord `message`, Telegram `description`, ntfy `error`. */
function detailOf(kind: ChannelKind, text: string, json: unknown): string {
  const field = (name: string): string | null => {
    const v =
      typeof json === 'object' && json !== null
        ? (json as Record<string, unknown>)[name]
        : undefined;
    return typeof v === 'string' ? v : null;
  };
  switch (kind) {
    case 'discord':
      return field('message') ?? '';
    case 'telegram':
      return field('description') ?? '';
    case 'ntfy':
      return field('error') ?? '';
    case 'slack':
    case 'webhook':
      return text.split('\n')[0] ?? '';
    default:
      return kind satisfies never;
  }
}

export async function classifyResponse(
  response: HttpResponse,
  ctx: ClassifyContext,
): Promise<SendOutcome> {
  const status = response.status;
  if (status >= 200 && status < 300) {
    // Discord says when a webhook's bucket is spent; waiting then avoids the 429 altogether.
    const remaining = response.header('x-ratelimit-remaining');
    const resetAfter = parseRetryAfter(response.header('x-ratelimit-reset-after'), ctx.now);
    return { type: 'delivered', pauseMs: remaining === '0' ? resetAfter : null };
  }
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The status alone decides; the body only adds words.
  }
  const json = parseJson(text);
  const detail = cleanDetail(detailOf(ctx.kind, text, json), ctx.secrets);
  const reason = `${ctx.service} answered ${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}${detail ? ` (${detail})` : ''}`;
  if (status === 429 || status === 408 || status >= 500) {
    const afterMs =
      bodyRetryAfter(json) ?? parseRetryAfter(response.header('retry-after'), ctx.now);
    return { type: 'retry', reason, afterMs, counted: true, network: false };
  }
  return { type: 'refused', reason };
}

export function classifyError(error: unknown, ctx: ClassifyContext): SendOutcome {
  const message = messageOf(error);
  if (error instanceof TransportError && error.kind === 'timeout') {
    return {
      type: 'unknown',
      reason: `No answer from ${ctx.service} within ${Math.round(ctx.timeoutMs / 1000)} s; the alert may have arrived, so it is not sent again`,
    };
  }
  if (/redirect/i.test(message)) {
    return {
      type: 'refused',
      reason: `${ctx.service} redirected the request elsewhere; paste the final URL`,
    };
  }
  if (error instanceof TransportError && error.kind === 'network' && NOT_SENT.test(message)) {
    const what = FRIENDLY.find(([re]) => re.test(message))?.[1] ?? 'network error';
    return {
      type: 'retry',
      reason: `Could not reach ${ctx.service} (${what})`,
      afterMs: null,
      counted: false,
      network: true,
    };
  }
  return {
    type: 'unknown',
    reason: `The connection to ${ctx.service} failed mid-request (${cleanDetail(message.replace(/^.*?: /, ''), ctx.secrets, 80)}); the alert may have arrived, so it is not sent again`,
  };
}

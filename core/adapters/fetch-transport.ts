import { messageOf } from '../base/error-message.js';
import { stripUrlCredentials } from '../log/redact.js';
import { TransportError, type HttpTransport } from '../ports/http.js';

/** The part of the WHATWG fetch this transport uses: Node's fetch and Electron's net.fetch. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * HTTP over any WHATWG fetch: GET (or POST with a body), a timeout, the caller's abort signal,
 * redirects refused. The key only ever travels in a header; errors name the host and path, never
 * the headers or the body.
 */
export function createFetchTransport(fetchImpl: FetchLike): HttpTransport {
  return async (request) => {
    const timeout = AbortSignal.timeout(request.timeoutMs);
    const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await fetchImpl(request.url, {
        method: request.method ?? 'GET',
        headers: request.headers,
        ...(request.body !== undefined ? { body: request.body } : {}),
        signal,
        redirect: 'error',
        // The key is the only credential the API takes; no cookies ride along.
        credentials: 'omit',
      });
    } catch (error) {
      throw classify(error, request.url, timeout, request.signal);
    }
    return {
      status: response.status,
      header: (name) => response.headers.get(name),
      text: async () => {
        try {
          return await response.text();
        } catch (error) {
          throw classify(error, request.url, timeout, request.signal);
        }
      },
    };
  };
}

/** The platform's fetch (undici in Node). */
export const fetchTransport: HttpTransport = createFetchTransport((url, init) => fetch(url, init));

function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'the server';
  }
}

function classify(
  error: unknown,
  url: string,
  timeout: AbortSignal,
  user?: AbortSignal,
): TransportError {
  if (user?.aborted) return new TransportError('aborted', `request to ${where(url)} was cancelled`);
  if (timeout.aborted) return new TransportError('timeout', `no answer from ${where(url)} in time`);
  // undici puts the useful part (ECONNREFUSED, ECONNRESET...) in `cause`. Its own messages may
  // quote the URL whole ("...a URL that includes credentials: http://user:pass@..."): no
  // userinfo ever reaches an error text.
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  const detail = cause || messageOf(error);
  return new TransportError(
    'network',
    stripUrlCredentials(`could not reach ${where(url)}: ${detail}`),
  );
}

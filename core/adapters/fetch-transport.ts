import { TransportError, type HttpTransport } from '../ports/http.js';

/**
 * HTTP through the platform's fetch (undici in Node and Electron's main process). The key only
 * ever travels in a header; errors carry the host and path, never the headers.
 */
export const fetchTransport: HttpTransport = async (request) => {
  const timeout = AbortSignal.timeout(request.timeoutMs);
  const signal = request.signal ? AbortSignal.any([request.signal, timeout]) : timeout;
  let response: Response;
  try {
    response = await fetch(request.url, { method: 'GET', headers: request.headers, signal, redirect: 'error' });
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

function where(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return 'the server';
  }
}

function classify(error: unknown, url: string, timeout: AbortSignal, user?: AbortSignal): TransportError {
  if (user?.aborted) return new TransportError('aborted', `request to ${where(url)} was cancelled`);
  if (timeout.aborted) return new TransportError('timeout', `no answer from ${where(url)} in time`);
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : '';
  const detail = cause || (error instanceof Error ? error.message : String(error));
  return new TransportError('network', `could not reach ${where(url)}: ${detail}`);
}

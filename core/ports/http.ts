/**
 * The one way core reaches a network: a request with headers, a timeout and an abort signal.
 * GET unless `method` says otherwise (the alert channels POST a body).
 */
export interface HttpRequest {
  readonly method?: 'GET' | 'POST';
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  /** The exact bytes to send (UTF-8), for POST. */
  readonly body?: string;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}

export interface HttpResponse {
  readonly status: number;
  /** Case-insensitive header lookup; null when absent. */
  header(name: string): string | null;
  text(): Promise<string>;
}

export type HttpTransport = (request: HttpRequest) => Promise<HttpResponse>;

/** A request that produced no HTTP response. The message never contains headers or the key. */
export class TransportError extends Error {
  override readonly name = 'TransportError';
  constructor(
    readonly kind: 'network' | 'timeout' | 'aborted',
    message: string,
  ) {
    super(message);
  }
}

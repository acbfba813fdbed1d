// A real HTTP receiver on 127.0.0.1, port 0, standing in for Discord, Slack, Telegram, ntfy or
// someone's webhook: it records every request exactly as it arrived (method, path, headers, raw
// body) and answers from a script, so a test can check the wire and drive retries and failures.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface ReceivedRequest {
  readonly method: string;
  /** Path and query, exactly as sent. */
  readonly path: string;
  /** Lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export type Reply =
  | {
      readonly status: number;
      readonly headers?: Readonly<Record<string, string>>;
      readonly body?: string;
      /** Answer only after this many real ms (latency). */
      readonly delayMs?: number;
    }
  /** Read the request, then drop the connection without an answer. */
  | 'reset';

export interface Receiver {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  readonly requests: ReceivedRequest[];
  /** Answers the next requests in order; after the script, `fallback`. */
  script(...replies: Reply[]): void;
  fallback: Reply;
  /** Resolves once `count` requests have arrived (fails after `ms` real ms). */
  waitFor(count: number, ms?: number): Promise<void>;
  close(): Promise<void>;
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

/** `port`: listen on a port a closed receiver had (the service coming back); 0 by default. */
export async function startReceiver(
  fallback: Reply = { status: 200, body: 'ok' },
  port = 0,
): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const queue: Reply[] = [];
  const waiters = new Set<() => void>();
  const state = { fallback };

  const answer = (res: ServerResponse, reply: Reply): void => {
    if (reply === 'reset') {
      res.socket?.destroy();
      return;
    }
    const send = (): void => {
      res.writeHead(reply.status, { 'content-type': 'text/plain', ...reply.headers });
      res.end(reply.body ?? '');
    };
    if (reply.delayMs) setTimeout(send, reply.delayMs);
    else send();
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: headersOf(req),
        body: Buffer.concat(chunks).toString('utf8'),
      });
      for (const w of waiters) w();
      answer(res, queue.shift() ?? state.fallback);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;

  return {
    origin: `http://127.0.0.1:${bound}`,
    requests,
    script: (...replies) => void queue.push(...replies),
    get fallback() {
      return state.fallback;
    },
    set fallback(reply: Reply) {
      state.fallback = reply;
    },
    waitFor(count, ms = 10_000) {
      if (requests.length >= count) return Promise.resolve();
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`receiver: ${requests.length} of ${count} requests after ${ms} ms`));
        }, ms);
        const check = (): void => {
          if (requests.length < count) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve();
        };
        waiters.add(check);
      });
    },
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

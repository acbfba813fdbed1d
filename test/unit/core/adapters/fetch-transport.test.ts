// The fetch transport's errors name where the request went (host and path) and why it failed,
// never the headers (the key) nor URL credentials, even when the platform's own message quotes
// the whole URL (undici: "...a URL that includes credentials: http://user:pass@host/...").
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createFetchTransport, fetchTransport } from '../../../../core/adapters/fetch-transport.js';
import { FlashAlphaClient } from '../../../../core/api/client.js';
import { ApiError } from '../../../../core/api/errors.js';
import { TransportError } from '../../../../core/ports/http.js';

const PASSWORD = 'hunter2-pa55word';

async function failure(run: () => Promise<unknown>): Promise<Error> {
  try {
    await run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('fetch transport errors', () => {
  it('never carry URL credentials, though the platform quotes the URL whole', async () => {
    const url = `http://me:${PASSWORD}@127.0.0.1:9/v1/flow/zero-dte/series/SPY?bar=1m`;
    const error = await failure(() =>
      fetchTransport({ url, headers: { 'X-Api-Key': 'k' }, timeoutMs: 5_000 }),
    );
    expect(error).toBeInstanceOf(TransportError);
    expect(error.message).toContain('127.0.0.1:9/v1/flow/zero-dte/series/SPY');
    expect(error.message).not.toContain(PASSWORD);
    expect(error.message).not.toContain('me:');
  });

  it('nor do the client errors built from them', async () => {
    const client = new FlashAlphaClient({
      baseUrl: `http://me:${PASSWORD}@127.0.0.1:9`,
      apiKey: () => 'gk_live_0123456789',
      transport: fetchTransport,
      now: () => 0,
    });
    const error = await failure(() => client.series('SPY', { bar: '1m', minutes: 5 }));
    expect(error).toBeInstanceOf(ApiError);
    expect(`${error.message} ${String(error.stack)}`).not.toContain(PASSWORD);
  });

  it('say what failed and where, for a refused connection', async () => {
    const port = await closedPort();
    const error = await failure(() =>
      fetchTransport({ url: `http://127.0.0.1:${port}/health`, headers: {}, timeoutMs: 5_000 }),
    );
    expect(error.message).toMatch(
      new RegExp(`could not reach 127\\.0\\.0\\.1:${port}/health: .*ECONNREFUSED`),
    );
  });

  it('strip credentials from a message a custom fetch throws', async () => {
    const transport = createFetchTransport(async (url) => {
      throw new Error(`proxy refused ${url} and http://other:${PASSWORD}@proxy.local/`);
    });
    const error = await failure(() =>
      transport({ url: `https://u:${PASSWORD}@lab.example/v1`, headers: {}, timeoutMs: 1_000 }),
    );
    expect(error.message).not.toContain(PASSWORD);
    expect(error.message).toContain('https://lab.example/v1');
  });
});

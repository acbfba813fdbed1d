// A fault proxy on loopback in front of `hedgeflow sim`, as a flaky network and a misbehaving
// gateway would be: every request is held a random time before it is forwarded (the server
// serves it later than the client planned) and its answer a random time before it is returned
// (the answer is older than it looks), and a seeded share of requests get a fault instead: a
// 5xx, a reset connection, a malformed or truncated body, a burst of 429s. The faults are the
// simulator's own kinds and spec (`5xx=0.1,reset=0.1,...`, sim/server/faults.ts). It also
// checks that the key travels only in the X-Api-Key header and never in a URL.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { streamFor } from '../../sim/engine/random/prng.js';
import { FaultInjector, parseFaultSpec } from '../../sim/server/faults.js';

export interface FaultProxyOptions {
  /** Where to forward (the simulator's URL). */
  readonly upstream: string;
  /** A `hedgeflow sim --faults` spec; its `latency` holds requests before they are forwarded. */
  readonly faults?: string;
  /** Each way (to the server, back to the client) is delayed uniformly in [0, max] ms. */
  readonly latencyMaxMs?: number;
  readonly seed?: number;
  /** The key the client must send in its header, and nowhere else. */
  readonly key: string;
}

interface ProxyRecord {
  readonly path: string;
  /** 0: no HTTP answer reached the client (reset, truncated). */
  readonly status: number;
  readonly fault: string;
}

export interface FaultProxy {
  readonly url: string;
  readonly log: ProxyRecord[];
  /** URLs that carried the key, or requests without it in their header. */
  readonly keyViolations: string[];
  close(): Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function startFaultProxy(o: FaultProxyOptions): Promise<FaultProxy> {
  const injector = new FaultInjector(parseFaultSpec(o.faults ?? ''), o.seed ?? 1);
  const rng = streamFor(o.seed ?? 1, 'proxy-latency', 'x');
  const latency = (): number => Math.round(rng.uniform() * (o.latencyMaxMs ?? 0));
  const log: ProxyRecord[] = [];
  const keyViolations: string[] = [];
  const sockets = new Set<Socket>();

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = req.url ?? '/';
    const header = req.headers['x-api-key'];
    if (path.includes(o.key) || (path !== '/health' && header !== o.key)) keyViolations.push(path);
    const d = injector.active ? injector.next() : null;
    const there = latency();
    const back = latency();
    await wait(there + (d?.delayMs ?? 0));
    const action = d?.action ?? 'none';
    const done = (status: number) => log.push({ path: path.split('?')[0]!, status, fault: action });
    if (action === 'reset') {
      done(0);
      req.socket.destroy();
      return;
    }
    if (action === '5xx' || action === '429') {
      await wait(back);
      const status = action === '5xx' ? d!.detail : 429;
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (action === '429') headers['retry-after'] = String(d!.detail);
      res.writeHead(status, headers);
      res.end(JSON.stringify({ detail: `Injected ${action} (fault proxy).` }));
      done(status);
      return;
    }
    const upstream = await fetch(`${o.upstream}${path}`, {
      headers: typeof header === 'string' ? { 'X-Api-Key': header } : {},
    });
    const body = await upstream.text();
    await wait(back);
    const headers: Record<string, string> = {};
    upstream.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection') {
        headers[name] = value;
      }
    });
    let bytes = Buffer.from(action === 'malformed' ? `${body.slice(0, -1)}]` : body, 'utf8');
    res.writeHead(upstream.status, { ...headers, 'content-length': String(bytes.length) });
    if (action === 'truncated') {
      bytes = bytes.subarray(0, Math.floor(bytes.length / 2));
      res.write(bytes, () => res.destroy());
      done(0);
      return;
    }
    res.end(bytes);
    done(upstream.status);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      // The upstream went away (the test is ending): the client sees a reset.
      req.socket.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    log,
    keyViolations,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

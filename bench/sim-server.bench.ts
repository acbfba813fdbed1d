// The HTTP server on loopback: single-client latency of a whole-session poll, and throughput
// with concurrent keep-alive clients. Baseline: a bare node:http server answering every request
// with a constant body of the same size (the ceiling of the transport and the client).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Agent, request } from 'node:http';
import { describe, it } from 'vitest';
import { startSimServer } from '../sim/server/index.js';
import { percentile, report } from './report.js';

const PATH = '/v1/flow/zero-dte/hedge-flow/SPY?bar=30s&minutes=390';
const CLIENTS = 16;
const DURATION_MS = 2000;

function get(agent: Agent, url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: { 'X-Api-Key': 'alpha-key' } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

async function latencies(url: string, n: number): Promise<number[]> {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  for (let i = 0; i < 30; i++) await get(agent, url);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await get(agent, url);
    out.push(performance.now() - t0);
  }
  agent.destroy();
  return out.sort((a, b) => a - b);
}

async function throughput(url: string): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  let done = 0;
  const end = performance.now() + DURATION_MS;
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (performance.now() < end) {
        await get(agent, url);
        done++;
      }
    }),
  );
  agent.destroy();
  return done / (DURATION_MS / 1000);
}

async function constantServer(body: string): Promise<{ url: string; server: Server }> {
  const server = createServer((_, res) => {
    res.writeHead(200, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('sim server', () => {
  it('loopback latency and throughput', async () => {
    const sim = await startSimServer({
      clock: { start: Date.parse('2026-06-05T19:59:59Z'), speed: 0 },
    });
    const body = await (
      await fetch(`${sim.url}${PATH}`, { headers: { 'X-Api-Key': 'alpha-key' } })
    ).text();
    const base = await constantServer(body);
    try {
      const simLat = await latencies(`${sim.url}${PATH}`, 300);
      const baseLat = await latencies(`${base.url}${PATH}`, 300);
      const simRps = await throughput(`${sim.url}${PATH}`);
      const baseRps = await throughput(`${base.url}${PATH}`);
      const smallPath = '/v1/flow/zero-dte/hedge-flow/SPY?bar=1m&minutes=5';
      const small = await (
        await fetch(`${sim.url}${smallPath}`, { headers: { 'X-Api-Key': 'alpha-key' } })
      ).text();
      const smallBase = await constantServer(small);
      const smallRps = await throughput(`${sim.url}${smallPath}`);
      const smallBaseRps = await throughput(`${smallBase.url}${smallPath}`);
      smallBase.server.close();
      report(`sim server: loopback, ${body.length} B body (baseline: constant-body node:http)`, [
        {
          name: 'minutes=390 at 30s, p50',
          value: percentile(simLat, 50),
          unit: 'ms',
          baseline: percentile(baseLat, 50),
        },
        {
          name: 'minutes=390 at 30s, p99',
          value: percentile(simLat, 99),
          unit: 'ms',
          baseline: percentile(baseLat, 99),
        },
        {
          name: `minutes=390 at 30s, ${CLIENTS} clients`,
          value: simRps,
          unit: 'req/s',
          baseline: baseRps,
          higherIsBetter: true,
        },
        {
          name: `minutes=5 at 1m, ${CLIENTS} clients`,
          value: smallRps,
          unit: 'req/s',
          baseline: smallBaseRps,
          higherIsBetter: true,
        },
      ]);
    } finally {
      base.server.close();
      await sim.close();
    }
  });
});

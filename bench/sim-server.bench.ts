// The HTTP server on loopback: single-client latency of a whole-session poll (hedge-flow and
// series), and throughput with concurrent keep-alive clients. Baseline: a bare node:http server
// answering every request with a constant body of the same size (the ceiling of the transport
// and the client), measured in alternating rounds with the simulator.
import { createServer, type Server, Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'vitest';
import { startSimServer } from '../sim/server/http-server.js';
import { percentile, report } from './report.js';

const PATH = '/v1/flow/zero-dte/hedge-flow/SPY?bar=30s&minutes=390';
const SERIES_PATH = '/v1/flow/zero-dte/series/SPY?bar=30s&minutes=390';
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

/** Latencies of `n` requests to each URL, one after the other, sorted per URL. */
async function latencies(urls: readonly string[], n: number): Promise<number[][]> {
  const agents = urls.map(() => new Agent({ keepAlive: true, maxSockets: 1 }));
  for (let i = 0; i < 30; i++) for (const [k, url] of urls.entries()) await get(agents[k]!, url);
  const out = urls.map((): number[] => []);
  for (let i = 0; i < n; i++) {
    for (const [k, url] of urls.entries()) {
      const t0 = performance.now();
      await get(agents[k]!, url);
      out[k]!.push(performance.now() - t0);
    }
  }
  for (const agent of agents) agent.destroy();
  return out.map((l) => l.sort((a, b) => a - b));
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
    const seriesBody = await (
      await fetch(`${sim.url}${SERIES_PATH}`, { headers: { 'X-Api-Key': 'alpha-key' } })
    ).text();
    const seriesBase = await constantServer(seriesBody);
    try {
      const [simLat, baseLat, simSeries, baseSeries] = await latencies(
        [
          `${sim.url}${PATH}`,
          `${base.url}${PATH}`,
          `${sim.url}${SERIES_PATH}`,
          `${seriesBase.url}${SERIES_PATH}`,
        ],
        300,
      );
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
      const latency = (name: string, ours: number[], theirs: number[], p: number) => ({
        name: `${name}, p${p}`,
        value: percentile(ours, p),
        unit: 'ms',
        baseline: percentile(theirs, p),
      });
      report(
        `sim server: loopback, ${body.length} B hedge-flow and ${seriesBody.length} B series bodies (baseline: constant-body node:http)`,
        [
          latency('hedge-flow minutes=390 at 30s', simLat!, baseLat!, 50),
          latency('hedge-flow minutes=390 at 30s', simLat!, baseLat!, 99),
          latency('series minutes=390 at 30s', simSeries!, baseSeries!, 50),
          latency('series minutes=390 at 30s', simSeries!, baseSeries!, 99),
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
        ],
      );
    } finally {
      base.server.close();
      seriesBase.server.close();
      await sim.close();
    }
  });
});

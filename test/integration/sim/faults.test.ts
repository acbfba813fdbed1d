// Fault injection over loopback: each kind reaches a real HTTP client the way it would in
// production, and the same seed replays the same faults in the same order.
import { afterEach, describe, expect, it } from 'vitest';
import type { SimServer } from '../../../sim/server/http-server.js';
import { FLOW, manualServer } from './sim-http.js';

const NOW = '2026-06-05T18:45:12Z';

async function attempt(server: SimServer, path = `${FLOW}/SPY?bar=1m&minutes=5`): Promise<string> {
  try {
    const res = await fetch(`${server.url}${path}`, { headers: { 'X-Api-Key': 'growth-key' } });
    const text = await res.text();
    try {
      JSON.parse(text);
    } catch {
      return `${res.status} unparseable`;
    }
    return String(res.status);
  } catch {
    return 'network error';
  }
}

describe('fault injection', () => {
  let server: SimServer | undefined;
  afterEach(() => server?.close());

  it('resets connections', async () => {
    server = await manualServer(NOW, { faults: 'reset=1' });
    expect(await attempt(server)).toBe('network error');
  });

  it('answers 500, 502 or 503', async () => {
    server = await manualServer(NOW, { faults: '5xx=1' });
    const seen = new Set<string>();
    for (let i = 0; i < 12; i++) seen.add(await attempt(server));
    expect([...seen].every((s) => ['500', '502 unparseable', '503'].includes(s))).toBe(true);
    expect(seen.size).toBeGreaterThan(1);
  });

  it('sends 200s whose JSON does not parse', async () => {
    server = await manualServer(NOW, { faults: 'malformed=1' });
    expect(await attempt(server)).toBe('200 unparseable');
  });

  it('cuts bodies short after a full Content-Length', async () => {
    server = await manualServer(NOW, { faults: 'truncated=1' });
    expect(await attempt(server)).toBe('network error');
  });

  it('answers bursts of 429 with Retry-After and rate-limit headers, then recovers', async () => {
    server = await manualServer(NOW, { faults: '429burst=3:1' });
    const res = await fetch(`${server.url}${FLOW}/SPY`, { headers: { 'X-Api-Key': 'growth-key' } });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(res.headers.get('x-ratelimit-limit')).toBe('2500');
    expect(await res.json()).toHaveProperty('detail');
  });

  it('delays responses by the configured latency', async () => {
    server = await manualServer(NOW, { faults: 'latency=250ms:1' });
    const t0 = performance.now();
    expect(await attempt(server)).toBe('200');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(240);
  });

  it('leaves /health alone', async () => {
    server = await manualServer(NOW, { faults: 'reset=1' });
    expect(await attempt(server, '/health')).toBe('200');
  });

  it('replays the same faults for the same seed and logs each with its request number', async () => {
    const spec = '5xx=0.2,malformed=0.2,reset=0.1,seed=42';
    const run = async (): Promise<{ outcomes: string[]; log: string[] }> => {
      const log: string[] = [];
      const s = await manualServer(NOW, { faults: spec, log: (l) => log.push(l) });
      const outcomes: string[] = [];
      for (let i = 0; i < 25; i++) outcomes.push(await attempt(s));
      await s.close();
      return { outcomes, log };
    };
    const a = await run();
    const b = await run();
    expect(a.outcomes).toEqual(b.outcomes);
    expect(a.log).toEqual(b.log);
    expect(a.log.length).toBeGreaterThan(3);
    expect(a.log[0]).toMatch(/^fault #\d+ (5xx|malformed|reset) GET \/v1\/flow/);
  });
});

// The built `hedgeflow` binary on virtual clocks years past the last calendar NYSE has
// published: `sim --clock` in 2031 serves the session's bars (and none on Good Friday), and
// `watch --demo --clock` shows 2035's session while it runs and, on a 2040 weekend after Good
// Friday, replays the latest session (the Thursday).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, spawnCli } from '../../support/built-cli.js';
import type { WireHedgeFlow } from '../sim/sim-http.js';

beforeAll(() => assertBuilt());

interface Lines {
  /** Resolves with the first stdout line `pick` accepts (rejects after 15 s or on exit). */
  first<T>(pick: (line: string) => T | undefined): Promise<T>;
  /** Ctrl-C; resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

function run(args: string[], env: NodeJS.ProcessEnv = process.env): Lines {
  const child = spawnCli(args, env);
  let stdout = '';
  let stderr = '';
  const waiting = new Set<() => void>();
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString('utf8');
    for (const check of waiting) check();
  });
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return {
    first: (pick) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`nothing in 15 s: ${stderr}`)), 15_000);
        const check = (): void => {
          for (const line of stdout.split('\n').slice(0, -1)) {
            const got = pick(line);
            if (got === undefined) continue;
            clearTimeout(timer);
            waiting.delete(check);
            return resolve(got);
          }
        };
        waiting.add(check);
        check();
        void exited.then((code) => reject(new Error(`exited (${code}) early: ${stderr}`)));
      }),
    interrupt: () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

async function flow(url: string, symbol: string): Promise<WireHedgeFlow> {
  const res = await fetch(`${url}/v1/flow/zero-dte/hedge-flow/${symbol}?bar=1m&minutes=390`, {
    headers: { 'X-Api-Key': 'growth-key' },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as WireHedgeFlow;
}

const listening = (line: string): string | undefined =>
  /^listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(line)?.[1];

describe('hedgeflow sim after 2027, the built binary', () => {
  it('--clock 2031-03-10T09:30:00-04:00@60 serves that Monday session, the day after the DST change', async () => {
    const sim = run(['sim', '--port', '0', '--clock', '2031-03-10T09:30:00-04:00@60']);
    try {
      const url = await sim.first(listening);
      let body = await flow(url, 'SPY');
      // 60x: two closed minute bars within about two seconds.
      for (let i = 0; i < 100 && body.bars.length < 3; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        body = await flow(url, 'SPY');
      }
      expect(body.expiration).toBe('2031-03-10');
      expect(body.as_of.startsWith('2031-03-10T13:3')).toBe(true);
      expect(body.bars.length).toBeGreaterThanOrEqual(3);
      expect(body.bars[0]!.t).toBe('2031-03-10T13:30:00Z'); // 09:30 EDT
      expect(body.bars.every((b) => Number.isFinite(b.bar) && Number.isFinite(b.cumulative))).toBe(
        true,
      );
    } finally {
      expect(await sim.interrupt()).toBe(0);
    }
  }, 30_000);

  it('serves no bars on Good Friday 2031 (2031-04-11), a weekday', async () => {
    const sim = run(['sim', '--port', '0', '--clock', '2031-04-11T11:00:00-04:00@0']);
    try {
      const url = await sim.first(listening);
      const body = await flow(url, 'SPY');
      expect(body.bars).toEqual([]);
      expect(body.as_of.startsWith('2031-04-11T15:00:00')).toBe(true);
    } finally {
      expect(await sim.interrupt()).toBe(0);
    }
  }, 30_000);
});

describe('hedgeflow watch --demo --clock after 2027, the built binary', () => {
  let home = '';
  beforeAll(() => {
    home = mkdtempSync(path.join(tmpdir(), 'hedgeflow-watch-2035-'));
  });
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  interface BarsEvent {
    type: 'bars';
    symbol: string;
    bars: { t: number }[];
  }

  async function firstBars(clock: string, dir: string): Promise<BarsEvent> {
    const watch = run(['watch', '--demo', '--symbols', 'SPY', '--json', '--clock', clock], {
      ...process.env,
      HOME: path.join(home, dir),
      XDG_DATA_HOME: path.join(home, dir, 'data'),
    });
    try {
      return await watch.first((line) => {
        const event = JSON.parse(line) as { type: string };
        return event.type === 'bars' ? (event as BarsEvent) : undefined;
      });
    } finally {
      expect(await watch.interrupt()).toBe(0);
    }
  }

  it('in session on 2035-06-15 it shows that session from its open', async () => {
    const bars = await firstBars('2035-06-15T10:00:00-04:00@60', 'open');
    expect(bars.symbol).toBe('SPY');
    expect(new Date(bars.bars[0]!.t).toISOString()).toBe('2035-06-15T13:30:00.000Z');
    expect(bars.bars.length).toBeGreaterThanOrEqual(29);
    for (const b of bars.bars) expect(b.t).toBeLessThan(Date.parse('2035-06-15T14:05:00Z'));
  }, 30_000);

  it('on Saturday 2040-03-31, after Good Friday, it replays Thursday 2040-03-29', async () => {
    const bars = await firstBars('2040-03-31T12:00:00-04:00@60', 'weekend');
    expect(new Date(bars.bars[0]!.t).toISOString()).toBe('2040-03-29T13:30:00.000Z');
    // The replay starts an hour after that open.
    expect(bars.bars.length).toBeGreaterThanOrEqual(59);
    for (const b of bars.bars) expect(b.t).toBeLessThan(Date.parse('2040-03-29T14:35:00Z'));
  }, 30_000);
});

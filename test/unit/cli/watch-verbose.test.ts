// Issue 15, item 5: `hedgeflow watch --verbose` logs one debug line per request to stderr:
// endpoint, symbol, window, status, remaining quota and latency; never the key. Without
// --verbose there are none.
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { watchCommand } from '../../../cli/watch-command.js';
import { ManualClock } from '../../../core/fakes/manual-clock.js';
import { FakeFlowServer } from '../core/app/fake-flow-server.js';

const KEY = 'gk_live_0123456789';
const OPEN = Date.parse('2026-06-05T14:30:00Z');

async function watch(args: string[], server: (clock: ManualClock) => FakeFlowServer) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readInput: async () => '',
    env: { HEDGEFLOW_API_KEY: KEY },
    isTty: false,
    interrupted: new Promise<void>(() => {}),
  };
  const clock = new ManualClock(OPEN);
  const fake = server(clock);
  let stop: () => void = () => {};
  const until = new Promise<void>((resolve) => (stop = resolve));
  const done = watchCommand(
    ['--symbols', 'SPY,QQQ', '--base-url', 'http://127.0.0.1:9', '--json', ...args],
    io,
    { clock, until, http: fake.transport },
  );
  for (let cycle = 0; cycle < 4; cycle++) {
    const deadline = Date.now() + 10_000;
    while (clock.pendingTimers === 0 && Date.now() < deadline) {
      await new Promise<void>((resolve) => setTimeout(resolve, 1));
    }
    clock.advanceTo(clock.nextTimerAt()!);
  }
  stop();
  expect(await done).toBe(0);
  return { out, err, server: fake };
}

const growth = (clock: ManualClock) =>
  new FakeFlowServer({ now: () => clock.now(), keys: { [KEY]: 2500 } });

describe('hedgeflow watch --verbose', () => {
  it('logs one debug line per request, with what it asked and what came back', async () => {
    const { err, server } = await watch(['--verbose'], growth);
    const lines = err.filter((l) => / debug request /.test(l));
    expect(server.requests).toBeGreaterThanOrEqual(2);
    expect(lines).toHaveLength(server.requests);
    const data = lines.filter((l) => / request (series|hedge-flow) /.test(l));
    expect(data.length).toBe(server.dataRequests.length);
    for (const line of data) {
      expect(line).toMatch(
        /^\S+Z debug request (series|hedge-flow) symbol=(SPY|QQQ)( side=(calls|puts|all))? bar=1m minutes=\d+ status=200 remaining=\d+ ms=\d+$/,
      );
    }
    // Each symbol's requests are there, and the quota counts down as it is spent.
    expect(data.some((l) => l.includes('symbol=SPY'))).toBe(true);
    expect(data.some((l) => l.includes('symbol=QQQ'))).toBe(true);
    const remaining = data.map((l) => Number(/remaining=(\d+)/.exec(l)![1]));
    expect(remaining.at(-1)).toBeLessThan(remaining[0]!);
    expect(err.join('\n')).not.toContain(KEY);
  });

  it('logs a failed request with its status and the kind of failure', async () => {
    const { err } = await watch(['--verbose'], (clock) => {
      const server = growth(clock);
      server.faults.push({ kind: 'status', status: 503, body: '{"detail":"down"}' });
      server.faults.push({ kind: 'network' });
      return server;
    });
    const lines = err.filter((l) => / debug request /.test(l));
    expect(lines.some((l) => / status=503 .*ms=\d+ error=server$/.test(l))).toBe(true);
    expect(lines.some((l) => / ms=\d+ error=network$/.test(l) && !/status=/.test(l))).toBe(true);
  });

  it('logs no request lines without --verbose', async () => {
    const { err } = await watch([], growth);
    expect(err.filter((l) => / request /.test(l))).toEqual([]);
  });
});

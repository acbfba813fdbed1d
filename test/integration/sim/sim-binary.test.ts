// `npx hedgeflow sim`, the built binary, as a user runs it: `--record FILE` in one process,
// stopped with Ctrl-C (which flushes the file and exits 0), then `--replay FILE` in another,
// read with the app's own client: the replayed closed bars are the model's for that seed.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchTransport } from '../../../core/adapters/fetch-transport.js';
import { FlashAlphaClient } from '../../../core/api/client.js';
import { simTransport } from '../../../core/source/sim-transport.js';
import { createSimulator } from '../../../sim/engine/simulator.js';
import { parseRecording } from '../../../sim/engine/replay/parse-recording.js';
import { assertBuilt, runCli, spawnCli } from '../../support/built-cli.js';

beforeAll(() => assertBuilt());

interface Running {
  readonly url: string;
  stderr(): string;
  /** Ctrl-C; resolves with the exit code. */
  interrupt(): Promise<number | null>;
}

function start(args: string[]): Promise<Running> {
  const child: ChildProcessWithoutNullStreams = spawnCli(['sim', '--port', '0', ...args]);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no URL in 10 s; stderr: ${stderr}`)), 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const first = stdout.split('\n')[0]!;
      if (!stdout.includes('\n')) return;
      clearTimeout(timer);
      expect(first).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
      resolve({
        url: first.replace('listening on ', ''),
        stderr: () => stderr,
        interrupt: async () => {
          child.kill('SIGINT');
          return exited;
        },
      });
    });
    void exited.then((code) => reject(new Error(`sim exited (${code}) early: ${stderr}`)));
  });
}

function client(url: string, now: () => number = Date.now): FlashAlphaClient {
  return new FlashAlphaClient({
    baseUrl: url,
    apiKey: () => 'growth-key',
    transport: fetchTransport,
    now,
  });
}

describe('hedgeflow sim, the built binary', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'hedgeflow-sim-bin-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('records a session with --record, stops on Ctrl-C, and serves it back with --replay', async () => {
    const file = path.join(dir, 'day.ndjson');
    const live = await start([
      '--seed',
      '4',
      '--clock',
      '2026-06-05T09:30:00-04:00@600',
      '--record',
      file,
    ]);
    for (;;) {
      const { data } = await client(live.url).hedgeFlow('SPY', {
        side: 'all',
        bar: '1m',
        minutes: 5,
      });
      if (data.asOf >= Date.parse('2026-06-05T13:36:00Z')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await live.interrupt()).toBe(0);
    expect(live.stderr()).toContain('shutting down');
    expect(parseRecording(readFileSync(file, 'utf8')).days.size).toBe(4);

    const at = Date.parse('2026-06-05T13:35:00Z');
    const replay = await start(['--replay', file, '--clock', '2026-06-05T13:35:00Z@0']);
    try {
      const model = new FlashAlphaClient({
        baseUrl: 'https://model.invalid',
        apiKey: () => 'growth-key',
        transport: simTransport(createSimulator({ seed: 4 }), () => at),
        now: () => at,
      });
      const q = { side: 'puts' as const, bar: '30s' as const, minutes: 390 };
      const got = (await client(replay.url, () => at).hedgeFlow('SPY', q)).data;
      const want = (await model.hedgeFlow('SPY', q)).data;
      const closed = (bars: typeof got.bars) => bars.filter((b) => b.t + 30_000 <= at);
      expect(closed(got.bars)).toHaveLength(10);
      expect(closed(got.bars)).toEqual(closed(want.bars));
    } finally {
      expect(await replay.interrupt()).toBe(0);
    }
  }, 30_000);

  it('exits 2 with a message naming the file for a recording it cannot read', async () => {
    const r = await runCli(['sim', '--port', '0', '--replay', path.join(dir, 'missing.ndjson')]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(
      /^hedgeflow sim: --replay .*missing\.ndjson: cannot be read \(ENOENT\)/,
    );
  });
});

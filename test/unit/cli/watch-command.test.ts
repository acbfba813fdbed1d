import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from '../../../cli/io.js';
import { parseWatchArgs, watchCommand, type WatchDeps } from '../../../cli/watch-command.js';
import { sparkline, statusText, tableLines } from '../../../cli/watch-render.js';
import { ManualClock } from '../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../core/fakes/memory-secret-store.js';
import { FakeFlowServer } from '../core/app/fake-flow-server.js';
import { settle } from '../core/app/loop-harness.js';

const KEY = 'growth-key-from-env-123';
const SATURDAY = Date.parse('2026-06-06T15:00:00Z');
const FRIDAY_1030 = Date.parse('2026-06-05T14:30:00Z');

function testIo(env: Record<string, string> = {}, isTty = false) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readInput: async () => '',
    env,
    isTty,
    interrupted: new Promise<void>(() => {}),
  };
  return { io, out, err };
}

async function run(
  args: string[],
  io: CliIo,
  clock: ManualClock,
  deps: Omit<WatchDeps, 'clock' | 'until'>,
  minutes: number,
) {
  let stop: () => void = () => {};
  const until = new Promise<void>((r) => (stop = r));
  const done = watchCommand(args, io, { ...deps, clock, until });
  const end = clock.now() + minutes * 60_000;
  // Startup (settings, keychain, the simulator's module) takes a few turns of the event loop.
  for (let i = 0; i < 400 && clock.pendingTimers === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  while (clock.nextTimerAt() !== null && clock.nextTimerAt()! <= end) {
    clock.advanceTo(clock.nextTimerAt()!);
    await settle();
    await settle();
  }
  stop();
  return done;
}

/** A TTY frame's lines, without the cursor-up-and-clear (ESC [ n F ESC [ J) that redraws it. */
function frameLines(frame: string): string[] {
  const clear = '\x1b[J';
  const body = frame.startsWith('\x1b[') ? frame.slice(frame.indexOf(clear) + clear.length) : frame;
  return body.split('\n');
}

describe('watch arguments', () => {
  it('reads every flag of DESIGN.md', () => {
    expect(
      parseWatchArgs([
        '--symbols',
        'spy, qqq',
        '--base-url=http://127.0.0.1:8080',
        '--bar',
        '5m',
        '--clock',
        '2026-06-05T09:30:00-04:00@60',
        '--json',
        '--data-dir',
        '/tmp/x',
      ]),
    ).toEqual({
      symbols: ['SPY', 'QQQ'],
      baseUrl: 'http://127.0.0.1:8080',
      demo: false,
      bar: '5m',
      clock: { startMs: Date.parse('2026-06-05T13:30:00Z'), speed: 60 },
      json: true,
      dataDir: '/tmp/x',
      verbose: false,
      help: false,
      channels: null,
    });
  });

  it.each([
    [['--symbols', '$$$']],
    [['--bar', '2m']],
    [['--clock', 'yesterday']],
    [['--clock', '2026-06-05T09:30:00@60']], // no offset: would be the machine's time zone
    [['--clock', '2026-06-05T09:30:00Z@0']], // a terminal clock must run
    [['--demo', '--base-url', 'http://127.0.0.1:1']],
    [['--frobnicate']],
    [['--symbols']],
  ])('rejects %j as a usage error', (args) => {
    expect(() => parseWatchArgs(args)).toThrow(UsageError);
  });
});

describe('hedgeflow watch', () => {
  it('--demo --json prints status and bars events on a weekend (replaying the latest session)', async () => {
    const clock = new ManualClock(SATURDAY);
    const server = new FakeFlowServer({
      now: () => clock.now(),
      keys: { 'demo-key-unlimited': 'unlimited' },
    });
    const { io, out } = testIo();
    const code = await run(
      ['--demo', '--symbols', 'SPY', '--json'],
      io,
      clock,
      { createSimulator: () => server.simulator() },
      3,
    );
    expect(code).toBe(0);
    const events = out.map(
      (l) =>
        JSON.parse(l) as { type: string; symbol?: string; bars?: { t: number; closed: boolean }[] },
    );
    expect(events[0]).toMatchObject({ type: 'status', source: 'demo', demoReason: 'user-choice' });
    const bars = events.filter((e) => e.type === 'bars');
    expect(bars.length).toBeGreaterThanOrEqual(2);
    expect(bars[0]!.symbol).toBe('SPY');
    // The first event carries the backfill from the open of the replayed session.
    expect(bars[0]!.bars![0]!.t).toBe(Date.parse('2026-06-05T13:30:00Z'));
    expect(bars[0]!.bars!.length).toBeGreaterThan(55);
    // Later events carry only what changed.
    expect(bars[1]!.bars!.length).toBeLessThanOrEqual(3);
  });

  it('uses HEDGEFLOW_API_KEY against --base-url and prints plain lines to a pipe', async () => {
    const clock = new ManualClock(FRIDAY_1030);
    const server = new FakeFlowServer({ now: () => clock.now(), keys: { [KEY]: 2500 } });
    const { io, out, err } = testIo({ HEDGEFLOW_API_KEY: KEY });
    await run(
      ['--symbols', 'SPY,QQQ', '--base-url', 'http://127.0.0.1:9'],
      io,
      clock,
      { http: server.transport },
      2,
    );
    expect(server.dataRequests.length).toBeGreaterThanOrEqual(2);
    expect(out.some((l) => /SPY .*cum .*live/.test(l))).toBe(true);
    expect(out.some((l) => /QQQ /.test(l))).toBe(true);
    expect([...out, ...err].join('\n')).not.toContain(KEY);
  });

  it('falls back to demo data with a message when the keychain is unavailable and no key is set', async () => {
    const clock = new ManualClock(SATURDAY);
    const server = new FakeFlowServer({
      now: () => clock.now(),
      keys: { 'demo-key-unlimited': 'unlimited' },
    });
    const secrets = new MemorySecretStore();
    // As the keychain adapter words it.
    secrets.unavailable =
      'The system keychain is not available (no Secret Service on this machine).';
    const { io, out, err } = testIo();
    await run(
      ['--symbols', 'SPY', '--json'],
      io,
      clock,
      { secrets, createSimulator: () => server.simulator() },
      1,
    );
    expect(err.join('\n')).toContain('keychain is not available');
    expect(err.join('\n')).toContain('demo data');
    expect(out.some((l) => l.includes('"type":"bars"'))).toBe(true);
  });

  it('draws a live table in a terminal, redrawn in place', async () => {
    const clock = new ManualClock(FRIDAY_1030);
    const server = new FakeFlowServer({ now: () => clock.now(), keys: { [KEY]: 2500 } });
    const { io, out } = testIo({ HEDGEFLOW_API_KEY: KEY }, true);
    await run(
      ['--symbols', 'SPY', '--base-url', 'http://127.0.0.1:9'],
      io,
      clock,
      { http: server.transport },
      2,
    );
    const frames = out.join('\n');
    expect(frames).toContain('CUMULATIVE');
    expect(frames).toMatch(/[▁▂▃▄▅▆▇█]{10,}/);
    // Each frame after the first moves up over the previous one exactly and clears below it;
    // the watch ends with a newline below the last frame.
    expect(out.at(-1)).toBe('');
    const drawn = out.slice(0, -1);
    expect(drawn.length).toBeGreaterThan(2);
    for (let i = 1; i < drawn.length; i++) {
      expect(drawn[i]!.startsWith(`\x1b[${frameLines(drawn[i - 1]!).length}F\x1b[J`)).toBe(true);
    }
    // Every frame shows the New York time of the watch, from the first one on.
    for (const frame of drawn) expect(frameLines(frame)[0]).toMatch(/ — 10:3\d ET/);
    // The last frame: a header (source, market, New York time, quota), the column heads, and
    // SPY's row with its cumulative, last bar, a sparkline of the session, spot and status.
    const last = frameLines(drawn.at(-1)!);
    expect(last[0]).toMatch(
      /^HedgeFlow watch — FlashAlpha — market open — 10:3\d ET {2}quota \d+\/2500$/,
    );
    expect(last[1]).toMatch(/^SYMBOL +CUMULATIVE +LAST BAR +SESSION +SPOT +STATUS$/);
    expect(last[2]).toMatch(
      /^SPY +[+-]\$[\d.]+[KMB]? +[+-]\$[\d.]+[KMB]? +[▁▂▃▄▅▆▇█]{30,} +590\.00 +live$/,
    );
    expect(last).toHaveLength(3);
  });

  it('says in the table when the market is closed and when it opens', async () => {
    const clock = new ManualClock(SATURDAY);
    const server = new FakeFlowServer({ now: () => clock.now(), keys: { [KEY]: 2500 } });
    const { io, out } = testIo({ HEDGEFLOW_API_KEY: KEY }, true);
    await run(
      ['--symbols', 'SPY', '--base-url', 'http://127.0.0.1:9'],
      io,
      clock,
      { http: server.transport },
      2,
    );
    expect(server.requests).toBe(0);
    const last = frameLines(out.at(-2)!);
    expect(last[0]).toContain(' 11:0'); // Saturday 11:0x New York, not the epoch's 19:00
    expect(last.some((l) => /market closed/.test(l))).toBe(true);
    expect(last.at(-1)).toMatch(/^SPY +— +— +— +closed, opens 09:30 ET$/);
  });
});

describe('hedgeflow watch --data-dir', () => {
  it('keeps the history in DIR/history and never writes a settings file there', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-watch-'));
    try {
      const clock = new ManualClock(FRIDAY_1030);
      const server = new FakeFlowServer({ now: () => clock.now(), keys: { [KEY]: 2500 } });
      const { io } = testIo({ HEDGEFLOW_API_KEY: KEY });
      await run(
        ['--symbols', 'SPY', '--base-url', 'http://127.0.0.1:9', '--data-dir', dir, '--json'],
        io,
        clock,
        { http: server.transport },
        2,
      );
      expect(await readdir(dir)).toEqual(['history']);
      expect(await readdir(path.join(dir, 'history'))).toEqual(['2026-06-05.SPY.1m.bars.ndjson']);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('watch rendering', () => {
  it('draws a sparkline scaled to its own range', () => {
    expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7])).toBe('▁▂▃▄▅▆▇█');
    expect(sparkline([5, 5, 5])).toBe('▄▄▄');
    expect(sparkline([])).toBe('');
    expect(
      sparkline(
        Array.from({ length: 100 }, (_, i) => i),
        10,
      ),
    ).toHaveLength(10);
  });

  it('names every row status, with its time where it has one', () => {
    const now = FRIDAY_1030;
    expect(statusText({ kind: 'loading' }, now)).toBe('loading');
    expect(statusText({ kind: 'live' }, now)).toBe('live');
    expect(statusText({ kind: 'paused' }, now)).toBe('paused');
    expect(statusText({ kind: 'stale', since: now - 125_000 }, now)).toBe('stale (2 min ago)');
    expect(statusText({ kind: 'closed', nextOpen: Date.parse('2026-06-08T13:30:00Z') }, now)).toBe(
      'closed, opens 09:30 ET',
    );
    expect(statusText({ kind: 'no-0dte', nextOpen: now }, now)).toBe('no 0DTE today');
    expect(
      statusText(
        {
          kind: 'error',
          error: { code: 'quota', message: "Today's request quota is spent.", action: 'wait' },
        },
        now,
      ),
    ).toBe("error: Today's request quota is spent.");
  });

  it('formats figures with the shared formatter', () => {
    const lines = tableLines(
      null,
      [
        {
          symbol: 'SPY',
          status: { kind: 'live' },
          barSize: '1m',
          expiration: '2026-06-05',
          asOf: FRIDAY_1030,
          receivedAt: FRIDAY_1030,
          cumulative: 48_200_000,
          lastBar: -340_000,
          spot: 590.42,
          gammaFlip: null,
          points: [],
          bars: [],
          inProgress: false,
          signal: null,
          snoozedUntil: null,
          day: { date: '2026-06-05', state: 'filling', missing: [], missingBars: 0 },
        },
      ],
      [],
      FRIDAY_1030,
    );
    expect(lines[1]).toContain('+$48.2M');
    expect(lines[1]).toContain('-$340K');
    expect(lines[1]).toContain('590.42');
  });
});

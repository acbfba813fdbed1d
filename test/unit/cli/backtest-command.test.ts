// `hedgeflow backtest`: flags (bad ones exit 2 with a reason), recorded sessions read from a data
// folder with outcomes computed by hand, simulated sessions, the three outputs, and the
// progress bar that only a terminal gets.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { backtestCommand } from '../../../cli/backtest-command.js';
import type { CliIo } from '../../../cli/io.js';
import type { StoredBar } from '../../../core/history/history-layout.js';
import { sessionOn } from '../../../calendar/index.js';

const M = 1_000_000;
const MIN = 60_000;
const DAY = sessionOn('2026-06-05')!;
const NOW = Date.parse('2026-06-09T00:00:00Z');

function fakeIo(progress = false) {
  const out: string[] = [];
  const err: string[] = [];
  const drawn: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readInput: async () => '',
    env: {},
    isTty: false,
    ...(progress && { progress: (t: string) => void drawn.push(t) }),
    interrupted: new Promise(() => {}),
  };
  return { io, out, err, drawn };
}

async function backtest(args: string[], progress = false) {
  const f = fakeIo(progress);
  const code = await backtestCommand(args, f.io, { now: () => NOW });
  return { code, ...f };
}

describe('backtest flags', () => {
  it.each([
    [[], 'say which sessions: --demo (simulated) or --data-dir DIR (recorded)'],
    [['--demo', '--data-dir', 'x'], '--demo and --data-dir exclude each other'],
    [['--demo', '--days', '0'], "--days: '0' is not a whole number from 1 to 250"],
    [['--demo', '--days', '2.5'], "--days: '2.5' is not a whole number from 1 to 250"],
    [['--demo', '--bar', '2m'], "--bar: '2m' is not one of 30s, 1m, 5m, 15m"],
    [['--demo', '--json', '--csv'], '--json and --csv exclude each other'],
    [['--data-dir', 'x', '--seed', '3'], '--seed applies to --demo only'],
    [['--demo', '--symbols', 'SPY,9X'], '--symbols: A symbol is 1-6 letters'],
    [['--demo', '--until', '2026-02-30'], "--until: '2026-02-30' is not a date (YYYY-MM-DD)"],
    [['--demo', '--run-length', '1'], '--run-length: Too small'],
    [['--demo', '--min-abs-bar', 'lots'], "--min-abs-bar: 'lots' is not a number"],
    [['--demo', '--frobnicate'], "unknown option '--frobnicate'"],
    [['--demo', '--data-dir'], '--data-dir needs a value'],
  ])('%j exits 2: %s', async (args, message) => {
    const r = await backtest(args);
    expect(r.code).toBe(2);
    expect(r.out).toEqual([]);
    expect(r.err.join('\n')).toContain(message);
    expect(r.err.join('\n')).toContain("Run 'hedgeflow backtest --help'");
  });

  it('prints its help with the detector flags of detect', async () => {
    const r = await backtest(['--help']);
    expect(r.code).toBe(0);
    expect(r.out[0]).toContain('usage: hedgeflow backtest');
    expect(r.out[0]).toContain('--run-length N');
    expect(r.out[0]).toContain('--cooldown-minutes MIN');
  });
});

describe('backtest --data-dir', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = '';
  });

  /** Noise (±$0.3M alternating), a 7-bar buying run from 10:30, spot 500 + i/100, a hole at 11:04. */
  async function recordedDay(): Promise<void> {
    dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-backtest-'));
    await mkdir(path.join(dir, 'history'));
    const lines: StoredBar[] = [];
    let cumulative = 0;
    for (let i = 0; i < 390; i++) {
      const bar = i >= 60 && i < 67 ? (i - 59) * M : (i % 2 ? -0.3 : 0.3) * M;
      cumulative += bar;
      if (i === 94) continue;
      lines.push({
        t: DAY.open + i * MIN,
        all: { bar, cumulative },
        calls: null,
        puts: null,
        spot: 500 + i / 100,
        gammaFlip: null,
      });
    }
    const text = lines.map((l) => JSON.stringify(l)).join('\n') + '\n';
    await writeFile(path.join(dir, 'history', '2026-06-05.SPY.1m.bars.ndjson'), text);
  }

  const spot = (i: number): number => 500 + i / 100;

  it('runs the detector over the recorded bars and prints each alert with hand-checked outcomes', async () => {
    await recordedDay();
    const r = await backtest(['--data-dir', dir, '--json']);
    expect(r.code).toBe(0);
    const lines = r.out.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    const [alert, card] = lines as [Record<string, unknown>, Record<string, unknown>];
    // The run's 5th bar (10:34) is where the seed article's rule first holds.
    expect(alert).toMatchObject({
      type: 'alert',
      symbol: 'SPY',
      t: new Date(DAY.open + 64 * MIN).toISOString(),
      kind: 'squeeze',
      direction: 'up',
      barSize: '1m',
      spot: spot(64),
    });
    const o = alert.outcomes as Record<string, number | null>;
    expect(Object.keys(o)).toEqual(['5m', '15m', '30m', 'close']);
    expect(o['5m']).toBeCloseTo(spot(69) / spot(64) - 1, 14);
    expect(o['15m']).toBeCloseTo(spot(79) / spot(64) - 1, 14);
    expect(o['30m']).toBeNull(); // 11:04 is a hole: unknown, not zero
    expect(o.close).toBeCloseTo(spot(389) / spot(64) - 1, 14);
    expect(card).toMatchObject({
      type: 'scorecard',
      source: 'recorded',
      sessions: ['2026-06-05'],
      symbols: ['SPY'],
      alerts: 1,
    });
    expect(card.seed).toBeUndefined();
    const groups = card.groups as { rule: string; symbol: string | null; count: number }[];
    expect(groups.find((g) => g.rule === 'squeeze-up' && g.symbol === null)?.count).toBe(1);
    // Fewer sessions than asked for is said on stderr, not hidden.
    expect(r.err.join('\n')).toContain('1 of the 20 sessions asked for are recorded at 1m bars');
  });

  it('writes CSV rows and a table, unknown as empty or a dash', async () => {
    await recordedDay();
    const csv = await backtest(['--data-dir', dir, '--csv']);
    const [header, row] = csv.out[0]!.trimEnd().split('\r\n');
    // The app's own alerts CSV (Alerts › Export CSV), outcomes in its last columns.
    expect(header).toBe(
      'id,symbol,kind,direction,severity,bar_time_utc,bar_time_ny,fired_at_utc,catch_up,bar_count,move,cumulative,title,body,bar_size,spot,move_5m,move_15m,move_30m,move_close',
    );
    const cells = row!.split(',');
    expect(cells.slice(1, 7)).toEqual([
      'SPY',
      'squeeze',
      'up',
      'building',
      '2026-06-05T14:34:00.000Z',
      '10:34',
    ]);
    expect(cells.slice(-6, -4)).toEqual(['1m', String(spot(64))]);
    expect(Number(cells.at(-4))).toBeCloseTo(spot(69) / spot(64) - 1, 14);
    expect(cells.at(-2)).toBe(''); // 30m: the hole, unknown
    const table = (await backtest(['--data-dir', dir])).out[0]!;
    expect(table).toContain('HedgeFlow backtest: 1 recorded session, SPY, 1m bars');
    expect(table).toMatch(
      /2026-06-05\s+10:34\s+SPY\s+squeeze ▲\s+500\.64\s+\+0\.01%\s+\+0\.03%\s+—\s+\+0\.65%/,
    );
    expect(table).toContain('squeeze ▲: 1 alert (small sample: fewer than 20)');
  });

  it('says when the folder or its sessions are missing', async () => {
    const missing = await backtest(['--data-dir', '/nonexistent/hedgeflow']);
    expect(missing.code).toBe(1);
    expect(missing.err.join('\n')).toContain('--data-dir /nonexistent/hedgeflow: no such folder');
    await recordedDay();
    const other = await backtest(['--data-dir', dir, '--bar', '5m']);
    expect(other.code).toBe(1);
    expect(other.err.join('\n')).toContain('no recorded sessions at 5m bars');
  });
});

describe('backtest --demo', () => {
  it('simulates the latest sessions of the calendar, seeded, and draws progress only on a terminal', async () => {
    const args = ['--demo', '--days', '2', '--symbols', 'SPY', '--until', '2026-06-05', '--json'];
    const quiet = await backtest(args);
    expect(quiet.code).toBe(0);
    expect(quiet.drawn).toEqual([]);
    expect(quiet.err).toEqual([]);
    const card = JSON.parse(quiet.out.at(-1)!) as { sessions: string[]; seed: number };
    expect(card.sessions).toEqual(['2026-06-04', '2026-06-05']);
    expect(card.seed).toBe(1);

    const shown = await backtest(args, true);
    expect(shown.out).toEqual(quiet.out); // seeded: the same sessions give the same alerts
    expect(shown.drawn.filter((d) => d.startsWith('\r█'))).toHaveLength(2);
    expect(shown.drawn.at(-2)).toContain('2/2 sessions');
    expect(shown.drawn.at(-1)).toBe('\r\x1b[2K');
    const other = await backtest([...args, '--seed', '2']);
    expect(other.out).not.toEqual(quiet.out);
  });
});

import { appendFile, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seriesBar } from '../../../support/series-bar.js';
import { fsStorage } from '../../../../core/adapters/fs-storage.js';
import type { AlertRecord } from '../../../../core/contract/detector.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { BarRecorder } from '../../../../core/history/bar-recorder.js';
import { DayRecorder } from '../../../../core/history/day-recorder.js';
import { alertsToCsv, barsToCsv, csvCell } from '../../../../core/history/csv.js';
import type { StoredBar } from '../../../../core/history/history-layout.js';
import { HistoryStore } from '../../../../core/history/history-store.js';
import { SymbolState } from '../../../../core/state/symbol-state.js';

const OPEN = Date.parse('2026-06-05T13:30:00Z');
const MIN = 60_000;

function bar(m: number, b: number, cum: number): StoredBar {
  return {
    t: OPEN + m * MIN,
    all: { bar: b, cumulative: cum },
    calls: null,
    puts: null,
    spot: null,
    gammaFlip: null,
  };
}

function alert(
  id: string,
  symbol: string,
  firedAt: number,
  title = 'SPY squeeze building',
): AlertRecord {
  return {
    id,
    symbol,
    kind: 'squeeze',
    direction: 'up',
    t: firedAt - MIN,
    firedAt,
    title,
    body: 'Dealers bought $48.2M over 5 bars, "accelerating"',
    severity: 'building',
    catchUp: false,
    evidence: {
      since: firedAt - 6 * MIN,
      barCount: 5,
      move: 48_200_000,
      cumulative: 120_000_000,
      bars: [],
      legs: null,
      price: null,
      gammaFlip: null,
    },
  };
}

describe('HistoryStore', () => {
  it('appends bars per day and symbol and reads them back sorted, the last line winning', async () => {
    const storage = new MemoryStorage();
    const h = new HistoryStore(storage);
    await h.appendBars('2026-06-05', 'SPY', '1m', [bar(0, 5, 5), bar(2, 1, 9)]);
    await h.appendBars('2026-06-05', 'SPY', '1m', [bar(1, 3, 8), bar(2, 1, 9.5)]);
    expect([...storage.files.keys()]).toEqual(['history/2026-06-05.SPY.1m.bars.ndjson']);
    const bars = await h.loadBars('2026-06-05', 'SPY', '1m');
    expect(bars.map((b) => [b.t - OPEN, b.all.cumulative])).toEqual([
      [0, 5],
      [MIN, 8],
      [2 * MIN, 9.5],
    ]);
    expect(await h.loadBars('2026-06-05', 'QQQ', '1m')).toEqual([]);
    expect(await h.barFiles('2026-06-05')).toEqual([{ symbol: 'SPY', barSize: '1m' }]);
  });

  it('tolerates a torn last line and seals it before the next append', async () => {
    const storage = new MemoryStorage();
    const file = 'history/2026-06-05.SPY.1m.bars.ndjson';
    storage.files.set(file, `${JSON.stringify(bar(0, 5, 5))}\n{"t":17806`);
    const h = new HistoryStore(storage);
    expect((await h.loadBars('2026-06-05', 'SPY', '1m')).map((b) => b.all.bar)).toEqual([5]);
    await h.appendBars('2026-06-05', 'SPY', '1m', [bar(1, 2, 7)]);
    expect((await h.loadBars('2026-06-05', 'SPY', '1m')).map((b) => b.all.bar)).toEqual([5, 2]);
    expect(storage.files.get(file)!.split('\n')).toHaveLength(4); // bar, torn, bar, ''
  });

  it('skips lines that are not bars (a hand edit) without losing the rest', async () => {
    const storage = new MemoryStorage();
    storage.files.set(
      'history/2026-06-05.SPY.1m.bars.ndjson',
      [
        JSON.stringify(bar(0, 1, 1)),
        '{"t":"noon"}',
        'garbage',
        JSON.stringify(bar(1, 1, 2)),
        '',
      ].join('\n'),
    );
    expect(await new HistoryStore(storage).loadBars('2026-06-05', 'SPY', '1m')).toHaveLength(2);
  });

  it('keeps alerts per day and symbol, deduplicated by id, newest last, with a limit', async () => {
    const h = new HistoryStore(new MemoryStorage());
    await h.appendAlert('2026-06-04', alert('a1', 'SPY', OPEN - 86_400_000));
    await h.appendAlert('2026-06-05', alert('a2', 'QQQ', OPEN + 5 * MIN));
    await h.appendAlert('2026-06-05', alert('a3', 'SPY', OPEN + 9 * MIN));
    await h.appendAlert('2026-06-05', alert('a3', 'SPY', OPEN + 9 * MIN));
    expect((await h.loadAlerts()).map((a) => a.id)).toEqual(['a1', 'a2', 'a3']);
    expect((await h.loadAlerts({ symbol: 'SPY' })).map((a) => a.id)).toEqual(['a1', 'a3']);
    expect((await h.loadAlerts({ limit: 2 })).map((a) => a.id)).toEqual(['a2', 'a3']);
  });

  it('prunes the days older than the configured number of days', async () => {
    const storage = new MemoryStorage();
    const h = new HistoryStore(storage);
    for (const d of ['2026-05-01', '2026-05-05', '2026-05-06', '2026-06-05']) {
      await h.appendBars(d, 'SPY', '1m', [bar(0, 1, 1)]);
      await h.appendAlert(d, alert(`x${d}`, 'SPY', OPEN));
    }
    const removed = await h.prune('2026-06-05', 30);
    expect(removed).toEqual(['2026-05-01', '2026-05-05']);
    expect(await h.days()).toEqual(['2026-05-06', '2026-06-05']);
    expect([...storage.files.keys()].some((k) => k.includes('2026-05-01'))).toBe(false);
  });

  it("gathers past sessions' |bar| for the detector's reference distribution", async () => {
    const h = new HistoryStore(new MemoryStorage());
    await h.appendBars('2026-06-03', 'SPY', '1m', [bar(0, -4, -4), bar(1, 6, 2)]);
    await h.appendBars('2026-06-04', 'SPY', '1m', [bar(0, 1, 1)]);
    await h.appendBars('2026-06-05', 'SPY', '1m', [bar(0, 100, 100)]);
    expect(await h.pastAbsBars('SPY', '1m', '2026-06-05', 20)).toEqual([4, 6, 1]);
    expect(await h.pastAbsBars('SPY', '1m', '2026-06-05', 1)).toEqual([1]);
  });
});

describe('BarRecorder', () => {
  it('writes each closed, complete bar once, and again only when corrected', async () => {
    const storage = new MemoryStorage();
    const history = new HistoryStore(storage);
    const state = new SymbolState('SPY', '1m', OPEN);
    const rec = new BarRecorder(history);
    const hf = (asOf: number, bars: [number, number, number][]) =>
      state.mergeHedgeFlow({
        symbol: 'SPY',
        expiration: '2026-06-05',
        asOf,
        side: 'all',
        barSize: '1m',
        bars: bars.map(([m, b, c]) => ({ t: OPEN + m * MIN, bar: b, cumulative: c })),
      });
    hf(OPEN + 2 * MIN + 1, [
      [0, 5, 5],
      [1, 2, 7],
      [2, 1, 8],
    ]);
    expect(await rec.record('2026-06-05', state, ['all'])).toBe(2);
    expect(await rec.record('2026-06-05', state, ['all'])).toBe(0);
    hf(OPEN + 3 * MIN + 1, [
      [1, 2, 7],
      [2, 3, 10],
    ]);
    expect(await rec.record('2026-06-05', state, ['all'])).toBe(1);
    // A fresh recorder (a restart) reads what is on disk and writes nothing twice.
    expect(await new BarRecorder(history).record('2026-06-05', state, ['all'])).toBe(0);
    expect((await history.loadBars('2026-06-05', 'SPY', '1m')).map((b) => b.all.bar)).toEqual([
      5, 2, 3,
    ]);
  });

  it('loses nothing to a failed write: the same bars are written by the next call', async () => {
    const storage = new MemoryStorage();
    const history = new HistoryStore(storage);
    const state = new SymbolState('SPY', '1m', OPEN);
    const rec = new BarRecorder(history);
    const hf = (asOf: number, bars: [number, number, number][]) =>
      state.mergeHedgeFlow({
        symbol: 'SPY',
        expiration: '2026-06-05',
        asOf,
        side: 'all',
        barSize: '1m',
        bars: bars.map(([m, b, c]) => ({ t: OPEN + m * MIN, bar: b, cumulative: c })),
      });
    hf(OPEN + MIN + 1, [[0, 5, 5]]);
    expect(await rec.record('2026-06-05', state, ['all'])).toBe(1);
    const append = storage.append.bind(storage);
    storage.append = () => Promise.reject(new Error('ENOSPC: no space left on device'));
    hf(OPEN + 3 * MIN + 1, [
      [1, 2, 7],
      [2, 1, 8],
    ]);
    await expect(rec.record('2026-06-05', state, ['all'])).rejects.toThrow(/ENOSPC/);
    storage.append = append; // space again; no new response in between
    expect(await rec.record('2026-06-05', state, ['all'])).toBe(2);
    expect((await history.loadBars('2026-06-05', 'SPY', '1m')).map((b) => b.all.bar)).toEqual([
      5, 2, 1,
    ]);
  });

  it('writes a final bar whose per-bar value is unknown as null, and rewrites it once known', async () => {
    const history = new HistoryStore(new MemoryStorage());
    const state = new SymbolState('SPY', '1m', OPEN);
    const rec = new BarRecorder(history);
    const series = (asOf: number, rows: [number, number][]) =>
      state.mergeSeries({
        symbol: 'SPY',
        expiration: '2026-06-05',
        asOf,
        barSize: '1m',
        bars: rows.map(([m, cum]) => seriesBar(OPEN + m * MIN, { calls: cum, puts: 0, all: cum })),
      });
    // Buckets 0 and 2 arrive first (a gap at 1): only 0's bar is known; 2 is final with an
    // unknown bar (null, not 0, and not left out).
    series(OPEN + 3 * MIN, [
      [0, 4],
      [2, 9],
    ]);
    expect(await rec.record('2026-06-05', state, ['all', 'calls', 'puts'])).toBe(2);
    expect((await history.loadBars('2026-06-05', 'SPY', '1m')).map((b) => b.all)).toEqual([
      { bar: 4, cumulative: 4 },
      { bar: null, cumulative: 9 },
    ]);
    const before = state.revision;
    expect(state.closedBarsChangedSince(before)).toEqual([]);
    // The gap is filled: bucket 1 and, through it, bucket 2's per-bar value become known.
    series(OPEN + 4 * MIN, [[1, 6]]);
    expect(state.closedBarsChangedSince(before).map((b) => (b.t - OPEN) / MIN)).toEqual([1, 2]);
    expect(await rec.record('2026-06-05', state, ['all', 'calls', 'puts'])).toBe(2);
    expect((await history.loadBars('2026-06-05', 'SPY', '1m')).map((b) => b.all.bar)).toEqual([
      4, 2, 3,
    ]);
  });

  it('waits for a leg the poll fetches before writing the bar', async () => {
    const history = new HistoryStore(new MemoryStorage());
    const state = new SymbolState('SPY', '1m', OPEN);
    state.mergeHedgeFlow({
      symbol: 'SPY',
      expiration: '2026-06-05',
      asOf: OPEN + MIN,
      side: 'all',
      barSize: '1m',
      bars: [{ t: OPEN, bar: 1, cumulative: 1 }],
    });
    const rec = new BarRecorder(history);
    expect(await rec.record('2026-06-05', state, ['all', 'calls'])).toBe(0);
  });
});

describe('CSV export', () => {
  it('quotes commas, quotes and newlines, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(-340_000_000)).toBe('-340000000');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  it('exports alerts with UTC and New York times, raw delta-dollars', () => {
    const csv = alertsToCsv([alert('a1', 'SPY', OPEN + 10 * MIN)]);
    const [header, row] = csv.trimEnd().split('\r\n');
    expect(header).toBe(
      'id,symbol,kind,direction,severity,bar_time_utc,bar_time_ny,fired_at_utc,catch_up,bar_count,move,cumulative,title,body,bar_size,spot,move_5m,move_15m,move_30m,move_close',
    );
    expect(row).toBe(
      'a1,SPY,squeeze,up,building,2026-06-05T13:39:00.000Z,09:39,2026-06-05T13:40:00.000Z,false,5,48200000,120000000,SPY squeeze building,"Dealers bought $48.2M over 5 bars, ""accelerating""",,,,,,',
    );
  });

  it('exports outcomes as signed fractions, empty where not known (never 0)', () => {
    const a = alert('a1', 'SPY', OPEN + 10 * MIN);
    const csv = alertsToCsv([
      {
        ...a,
        outcomes: {
          barSize: '1m',
          spot: 590.5,
          horizons: {
            '5m': { status: 'known', move: 0.0021, spot: 591.74, at: a.t + 5 * MIN },
            '15m': { status: 'pending', at: a.t + 15 * MIN },
            '30m': { status: 'unknown', reason: 'no-bar' },
            close: { status: 'known', move: -0.004, spot: 588.14, at: OPEN + 389 * MIN },
          },
        },
      },
    ]);
    expect(csv.trimEnd().split('\r\n')[1]!.split(',').slice(-6)).toEqual([
      '1m',
      '590.5',
      '0.0021',
      '',
      '',
      '-0.004',
    ]);
  });

  it('exports bars, empty cells where a leg was not fetched', () => {
    const csv = barsToCsv('SPY', [
      { ...bar(0, 5, 5), calls: { bar: 3, cumulative: 3 }, spot: 590.5 },
    ]);
    expect(csv.split('\r\n')[1]).toBe('SPY,2026-06-05T13:30:00.000Z,09:30,5,5,3,3,,,590.5,');
  });
});

describe('HistoryStore on disk', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = '';
  });

  it('survives a crash mid-append: the torn line is skipped, sealed, and nothing else is lost', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-history-'));
    const h = new HistoryStore(fsStorage(dir));
    await h.appendBars('2026-06-05', 'SPY', '1m', [bar(0, 5, 5), bar(1, 2, 7)]);
    const file = path.join(dir, 'history', '2026-06-05.SPY.1m.bars.ndjson');
    await appendFile(file, JSON.stringify(bar(2, 3, 10)).slice(0, 25)); // the crash
    // A new process over the same folder.
    const after = new HistoryStore(fsStorage(dir));
    expect((await after.loadBars('2026-06-05', 'SPY', '1m')).map((b) => b.all.bar)).toEqual([5, 2]);
    await after.appendBars('2026-06-05', 'SPY', '1m', [bar(2, 3, 10), bar(3, -1, 9)]);
    expect((await after.loadBars('2026-06-05', 'SPY', '1m')).map((b) => b.all.bar)).toEqual([
      5, 2, 3, -1,
    ]);
    const lines = (await readFile(file, 'utf8')).split('\n');
    expect(lines).toHaveLength(6); // two bars, the torn line on its own, two bars, ''
    expect(lines[2]).toBe(JSON.stringify(bar(2, 3, 10)).slice(0, 25));
  });

  it('prunes whole days older than historyDays from the disk, bars and alerts alike', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-history-'));
    const h = new HistoryStore(fsStorage(dir));
    for (const d of ['2026-05-28', '2026-05-29', '2026-06-01', '2026-06-04', '2026-06-05']) {
      await h.appendBars(d, 'SPY', '1m', [bar(0, 1, 1)]);
      await h.appendBars(d, 'QQQ', '5m', [bar(0, 1, 1)]);
      await h.appendAlert(d, alert(`a${d}`, 'SPY', OPEN));
    }
    // Not history: left alone whatever its name says.
    await writeFile(path.join(dir, 'history', 'notes.txt'), 'mine');
    expect(await h.prune('2026-06-05', 7)).toEqual(['2026-05-28']); // 05-29 is 7 days back: kept
    expect(await h.days()).toEqual(['2026-05-29', '2026-06-01', '2026-06-04', '2026-06-05']);
    const left = await readdir(path.join(dir, 'history'));
    expect(left.some((f) => f.startsWith('2026-05-28'))).toBe(false);
    expect(left).toContain('notes.txt');
    expect(left.filter((f) => f.startsWith('2026-06-01'))).toHaveLength(3);
    expect(await h.prune('2026-06-05', 1)).toEqual(['2026-05-29', '2026-06-01']);
    expect(await h.days()).toEqual(['2026-06-04', '2026-06-05']);
  });
});

describe('fsStorage', () => {
  let dir = '';
  afterEach(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
    dir = '';
  });

  it('works under a relative data folder (hedgeflow watch --data-dir data)', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-fs-'));
    const relative = path.relative(process.cwd(), dir);
    expect(path.isAbsolute(relative)).toBe(false);
    const storage = fsStorage(`${relative}${path.sep}`);
    await storage.append('history/a.ndjson', 'x\n');
    await storage.writeAtomic('settings.json', '{}');
    expect(await storage.read('history/a.ndjson')).toBe('x\n');
    expect(await storage.list('history')).toEqual(['a.ndjson']);
    await expect(storage.read('../outside.txt')).rejects.toThrow(/escapes the data folder/);
  });

  it('leaves no temp file behind when an atomic write fails, and the old file intact', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-fs-'));
    const storage = fsStorage(dir);
    // A directory where the file should go: the rename into place fails.
    await mkdir(path.join(dir, 'settings.json', 'inner'), { recursive: true });
    await expect(storage.writeAtomic('settings.json', '{"a":1}')).rejects.toThrow();
    expect(await readdir(dir)).toEqual(['settings.json']);
    await rm(path.join(dir, 'settings.json'), { recursive: true });
    await storage.writeAtomic('settings.json', 'old');
    await storage.writeAtomic('settings.json', 'new');
    expect(await readdir(dir)).toEqual(['settings.json']);
    expect(await storage.read('settings.json')).toBe('new');
  });
});

describe('day records', () => {
  const record = (state: 'complete' | 'incomplete', missing: { from: number; to: number }[]) => ({
    symbol: 'SPY',
    barSize: '1m' as const,
    sides: ['all', 'calls', 'puts'] as const,
    day: {
      date: '2026-06-05',
      state,
      missing: missing.map((r) => ({ side: 'all' as const, ...r })),
      missingBars: missing.reduce((n, r) => n + (r.to - r.from) / MIN, 0),
    },
    settledAt: OPEN + 400 * MIN,
  });

  it('writes a settled day once, again only when what it says changes, and reads it back', async () => {
    const storage = new MemoryStorage();
    const history = new HistoryStore(storage);
    const days = new DayRecorder(history);
    const gap = [{ from: OPEN, to: OPEN + 2 * MIN }];
    expect(await days.record(record('incomplete', gap))).toBe(true);
    expect(await days.record({ ...record('incomplete', gap), settledAt: OPEN + 500 * MIN })).toBe(
      false,
    );
    // A fresh recorder (a restart) reads what is on disk before writing.
    expect(await new DayRecorder(history).record(record('incomplete', gap))).toBe(false);
    expect(await history.loadDay('2026-06-05', 'SPY', '1m')).toMatchObject({
      state: 'incomplete',
      sides: ['all', 'calls', 'puts'],
      missing: [{ side: 'all', from: OPEN, to: OPEN + 2 * MIN }],
    });
    expect(await days.record(record('complete', []))).toBe(true);
    expect((await history.loadDay('2026-06-05', 'SPY', '1m'))!.state).toBe('complete');
    expect([...storage.files.keys()]).toContain('history/2026-06-05.SPY.1m.day.json');
  });

  it('reads an unreadable record as no record, and prunes records with their day', async () => {
    const storage = new MemoryStorage();
    const history = new HistoryStore(storage);
    storage.files.set('history/2026-05-01.SPY.1m.day.json', '{"date":');
    expect(await history.loadDay('2026-05-01', 'SPY', '1m')).toBeNull();
    expect(await history.days()).toEqual(['2026-05-01']);
    await history.prune('2026-06-05', 10);
    expect(storage.files.size).toBe(0);
  });

  it('keeps a bar whose per-bar value is unknown out of the reference distribution', async () => {
    const history = new HistoryStore(new MemoryStorage());
    await history.appendBars('2026-06-04', 'SPY', '1m', [
      { ...bar(0, 0, 0), all: { bar: null, cumulative: 9 } },
      bar(1, -3, 6),
    ]);
    expect(await history.pastAbsBars('SPY', '1m', '2026-06-05', 5)).toEqual([3]);
    expect(
      barsToCsv('SPY', await history.loadBars('2026-06-04', 'SPY', '1m')).split('\r\n')[1],
    ).toBe('SPY,2026-06-05T13:30:00.000Z,09:30,,9,,,,,,');
  });
});

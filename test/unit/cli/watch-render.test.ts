// What `hedgeflow watch --json` prints about bars and days: a value that is not known is null
// (never 0), a bucket with nothing known is not printed, every leg's cumulative is printed, a
// closed bar is reprinted when its values become known, and the day's completeness rides on
// the symbol's status event.
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { WatchRenderer, dayText, sparkline } from '../../../cli/watch-render.js';
import type { SymbolView } from '../../../core/contract/views.js';

const OPEN = Date.parse('2026-06-05T13:30:00Z');
const MIN = 60_000;

function jsonIo(): { io: CliIo; events: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: () => {},
    readInput: async () => '',
    env: {},
    isTty: false,
    interrupted: new Promise<void>(() => {}),
  };
  return { io, events: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function view(overrides: Partial<SymbolView>): SymbolView {
  return {
    symbol: 'SPX',
    status: { kind: 'live' },
    barSize: '1m',
    expiration: '2026-06-05',
    asOf: OPEN + 3 * MIN,
    receivedAt: null,
    cumulative: null,
    lastBar: null,
    spot: null,
    gammaFlip: null,
    points: [],
    bars: [],
    inProgress: true,
    signal: null,
    snoozedUntil: null,
    day: { date: '2026-06-05', state: 'filling', missing: [], missingBars: 0 },
    ...overrides,
  };
}

const point = (m: number, all: number | null, calls: number | null, puts: number | null) => ({
  t: OPEN + m * MIN,
  all,
  calls,
  puts,
  spot: null,
  gammaFlip: null,
});
const bar = (m: number, all: number | null, calls: number | null, puts: number | null) => ({
  t: OPEN + m * MIN,
  all,
  calls,
  puts,
});

describe('watch --json', () => {
  it('prints unknown per-bar values as null, skips holes, reprints a bar once it is known', () => {
    const { io, events } = jsonIo();
    const r = new WatchRenderer(io, { json: true, tty: false, now: () => OPEN });
    r.symbol(
      view({
        points: [point(1, 416e6, 300e6, 116e6), point(2, null, null, null), point(3, 500e6, 1, 2)],
        bars: [bar(1, null, null, null), bar(2, null, null, null), bar(3, 4e6, 1, 1)],
      }),
    );
    const first = events()[0] as { bars: Record<string, unknown>[] };
    expect(first.bars.map((b) => [(Number(b.t) - OPEN) / MIN, b.bar, b.closed])).toEqual([
      [1, null, true],
      [3, 4e6, false],
    ]);
    expect(first.bars[0]).toMatchObject({
      cumulative: 416e6,
      callsCumulative: 300e6,
      putsCumulative: 116e6,
    });
    // The backfill makes 09:31's bar known: printed again, with the value.
    r.symbol(
      view({
        points: [
          point(1, 416e6, 300e6, 116e6),
          point(2, 420e6, 301e6, 119e6),
          point(3, 500e6, 1, 2),
        ],
        bars: [bar(1, 416e6, 300e6, 116e6), bar(2, 4e6, 1e6, 3e6), bar(3, 4e6, 1, 1)],
      }),
    );
    const second = events().filter((e) => e.type === 'bars')[1] as {
      bars: { t: number; bar: number }[];
    };
    expect(second.bars.map((b) => [(b.t - OPEN) / MIN, b.bar])).toEqual([
      [1, 416e6],
      [2, 4e6],
    ]);
  });

  it('carries the day’s completeness on the symbol’s status event, again when it changes', () => {
    const { io, events } = jsonIo();
    const r = new WatchRenderer(io, { json: true, tty: false, now: () => OPEN });
    r.symbol(view({}));
    const complete = {
      date: '2026-06-05',
      state: 'complete' as const,
      missing: [],
      missingBars: 0,
    };
    r.symbol(view({ status: { kind: 'closed', nextOpen: OPEN + 3 * 86_400_000 }, day: complete }));
    const statuses = events().filter((e) => e.type === 'status');
    expect(statuses.map((e) => (e.day as { state: string }).state)).toEqual([
      'filling',
      'complete',
    ]);
  });
});

describe('watch text', () => {
  it('draws a hole in the sparkline as a blank', () => {
    expect(sparkline([1, null, 3])).toBe('▁ █');
  });

  it('says how complete the day is', () => {
    const runs = [
      { side: 'all' as const, from: OPEN, to: OPEN + 2 * MIN },
      { side: 'calls' as const, from: OPEN, to: OPEN + 2 * MIN },
    ];
    expect(
      dayText(
        view({ day: { date: '2026-06-05', state: 'incomplete', missing: runs, missingBars: 2 } }),
      ),
    ).toBe('day incomplete: 2 bars missing');
    expect(
      dayText(
        view({ day: { date: '2026-06-05', state: 'complete', missing: [], missingBars: 0 } }),
      ),
    ).toBe('day complete');
    expect(dayText(view({}))).toBe('');
  });
});

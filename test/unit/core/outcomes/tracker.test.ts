// The outcome tracker as the app runs it: an alert's outcomes fill in as later bars become
// final, each change is stored with the alert (and reported once), a restart picks up what was
// stored instead of recomputing it, and once the session is over a bucket that never came is
// unknown for good: never zero, never pending forever.
import { describe, expect, it } from 'vitest';
import type { AlertRecord } from '../../../../core/contract/detector.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { HistoryStore } from '../../../../core/history/history-store.js';
import type { StoredBar } from '../../../../core/history/history-layout.js';
import type { Logger } from '../../../../core/ports/logger.js';
import { OutcomeTracker } from '../../../../core/outcomes/tracker.js';
import { sessionOn } from '../../../../calendar/index.js';

const DAY = sessionOn('2026-06-05')!;
const MIN = 60_000;
const at = (hhmm: string): number => Date.parse(`2026-06-05T${hhmm}:00-04:00`);

const silent: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** Final bars from the open up to `until` (exclusive), spot 500 + minutes/100, a hole at 11:00. */
function bars(until: number): StoredBar[] {
  const out: StoredBar[] = [];
  for (let t = DAY.open; t < until; t += MIN) {
    if (t === at('11:00')) continue;
    const i = (t - DAY.open) / MIN;
    out.push({
      t,
      all: { bar: 1, cumulative: i + 1 },
      calls: null,
      puts: null,
      spot: 500 + i / 100,
      gammaFlip: null,
    });
  }
  return out;
}

function squeeze(t: number): AlertRecord {
  const evidenceBars = [4, 3, 2, 1, 0].map((k) => ({ t: t - k * MIN, bar: 1, cumulative: 1 }));
  return {
    id: `SPY:squeeze:up:${t - 4 * MIN}:building`,
    symbol: 'SPY',
    kind: 'squeeze',
    direction: 'up',
    t,
    firedAt: t + MIN + 2_000,
    title: 'SPY squeeze building ▲',
    body: '5 bars of dealer buying',
    severity: 'building',
    catchUp: false,
    evidence: {
      since: t - 4 * MIN,
      barCount: 5,
      move: 5,
      cumulative: 1,
      bars: evidenceBars,
      legs: null,
      price: null,
      gammaFlip: null,
    },
  };
}

function world(storage = new MemoryStorage()) {
  let now = at('10:31');
  const history = new HistoryStore(storage);
  const updates: AlertRecord[] = [];
  const tracker = new OutcomeTracker({
    history,
    logger: silent,
    now: () => now,
    barSize: () => '1m',
    onUpdate: (a) => updates.push(a),
  });
  return {
    storage,
    history,
    tracker,
    updates,
    setNow: (t: number) => (now = t),
    lines: () => (storage.files.get('history/2026-06-05.SPY.alerts.ndjson') ?? '').split('\n'),
  };
}

const spot = (hhmm: string): number => 500 + (at(hhmm) - DAY.open) / MIN / 100;

describe('OutcomeTracker', () => {
  it('fills outcomes in as bars become final, stores each change once, and settles at the end', async () => {
    const w = world();
    const t = at('10:30');
    // Fired when 10:30 closed: every horizon still ahead.
    const fired = w.tracker.start(squeeze(t), '1m', bars(at('10:31')));
    expect(fired.outcomes!.spot).toBe(spot('10:30'));
    expect(fired.outcomes!.horizons['5m']).toEqual({ status: 'pending', at: at('10:35') });
    await w.history.appendAlert(DAY.date, fired); // as the pipeline records it

    w.setNow(at('10:36'));
    await w.tracker.observe('SPY', DAY.date, '1m', bars(at('10:36')));
    expect(w.updates).toHaveLength(1);
    const five = w.updates[0]!.outcomes!.horizons['5m'];
    expect(five.status === 'known' && five.move).toBeCloseTo(spot('10:35') / spot('10:30') - 1, 12);
    // The same bars again: nothing new, nothing stored or reported.
    await w.tracker.observe('SPY', DAY.date, '1m', bars(at('10:36')));
    expect(w.updates).toHaveLength(1);

    // Through the close: 15m and close known, 30m (11:00) is a hole, pending while polls may
    // still fill it.
    w.setNow(DAY.close + 2_000);
    await w.tracker.observe('SPY', DAY.date, '1m', bars(DAY.close));
    const last = w.updates.at(-1)!.outcomes!.horizons;
    expect(last['15m'].status).toBe('known');
    expect(last.close).toMatchObject({ status: 'known', spot: spot('15:59') });
    expect(last['30m']).toEqual({ status: 'pending', at: at('11:00') });
    expect(w.tracker.open.map((a) => a.id)).toEqual([fired.id]);

    // Minutes after the close a poll can still bring the hole: not settled yet.
    await w.history.appendBars(DAY.date, 'SPY', '1m', bars(DAY.close));
    w.setNow(DAY.close + 6 * MIN);
    await w.tracker.settle();
    expect(w.tracker.open.map((a) => a.id)).toEqual([fired.id]);
    // No request can serve the session any more (its last bar left the longest window at about
    // 22:29:30): settled from the stored bars, the hole unknown for good.
    w.setNow(at('22:30'));
    await w.tracker.settle();
    expect(w.updates.at(-1)!.outcomes!.horizons['30m']).toEqual({
      status: 'unknown',
      reason: 'no-bar',
    });
    expect(w.tracker.open).toEqual([]);
    const stored = await w.history.loadAlerts();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.outcomes).toEqual(w.updates.at(-1)!.outcomes);
  });

  it('picks up stored outcomes after a restart instead of recomputing them', async () => {
    const w = world();
    const t = at('10:30');
    await w.history.appendAlert(DAY.date, w.tracker.start(squeeze(t), '1m', bars(at('10:31'))));
    w.setNow(at('10:36'));
    await w.tracker.observe('SPY', DAY.date, '1m', bars(at('10:36')));
    const linesBefore = w.lines().length;

    // Restart mid-session with the same files.
    const again = world(w.storage);
    again.setNow(at('10:40'));
    await again.tracker.load(20);
    expect(again.tracker.open).toHaveLength(1);
    expect(again.tracker.open[0]!.outcomes!.horizons['5m'].status).toBe('known');
    expect(again.updates).toEqual([]);
    // Bars up to 10:40: no horizon changes, so nothing is written again.
    await again.tracker.observe('SPY', DAY.date, '1m', bars(at('10:40')));
    expect(again.lines().length).toBe(linesBefore);
    expect(again.updates).toEqual([]);
    // 10:45 closes: 15m is new and is stored.
    again.setNow(at('10:46'));
    await again.tracker.observe('SPY', DAY.date, '1m', bars(at('10:46')));
    expect(again.updates).toHaveLength(1);
    expect(again.lines().length).toBe(linesBefore + 1);
  });

  it('settles on start the alerts of ended sessions, including ones stored before outcomes', async () => {
    const w = world();
    const legacy = squeeze(at('10:30')); // no outcomes: written by an older version
    await w.history.appendAlert(DAY.date, legacy);
    await w.history.appendBars(DAY.date, 'SPY', '1m', bars(DAY.close));
    const next = world(w.storage);
    next.setNow(Date.parse('2026-06-08T14:00:00Z'));
    await next.tracker.load(20);
    expect(next.tracker.open).toEqual([]);
    expect(next.updates).toHaveLength(1);
    const h = next.updates[0]!.outcomes!.horizons;
    expect(h['5m'].status === 'known' && h['5m'].move).toBeCloseTo(
      spot('10:35') / spot('10:30') - 1,
      12,
    );
    expect(h['30m']).toEqual({ status: 'unknown', reason: 'no-bar' });
    expect((await next.history.loadAlerts())[0]!.outcomes).toEqual(next.updates[0]!.outcomes);
  });

  it('ignores bars of another symbol or bar size', async () => {
    const w = world();
    w.tracker.start(squeeze(at('10:30')), '1m', bars(at('10:31')));
    w.setNow(at('10:50'));
    await w.tracker.observe('QQQ', DAY.date, '1m', bars(at('10:50')));
    await w.tracker.observe('SPY', DAY.date, '5m', bars(at('10:50')));
    expect(w.updates).toEqual([]);
  });
});

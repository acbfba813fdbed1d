// The settings UI's threshold preview (IPC detector:preview): how many alerts given settings
// would have fired over today's live bars or a stored day, replayed through the same detector
// and alert engine the app runs live.
import { describe, expect, it } from 'vitest';
import { AlertPipeline } from '../../../../core/app/alert-pipeline.js';
import { previewDay } from '../../../../core/app/detector-preview.js';
import {
  DEFAULT_ALERT_SETTINGS,
  DEFAULT_DETECTOR_SETTINGS,
  DetectorSettingsSchema,
  type AlertRecord,
  type PreviewResult,
} from '../../../../core/contract/detector.js';
import { formatNyTime } from '../../../../core/contract/format.js';
import { defaultSettings } from '../../../../core/contract/settings.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../../core/fakes/recording-notifier.js';
import { BarRecorder } from '../../../../core/history/bar-recorder.js';
import type { StoredBar } from '../../../../core/history/history-layout.js';
import { HistoryStore } from '../../../../core/history/history-store.js';
import { silentLogger } from '../../../../core/log/logger.js';
import { DEMO_KEY, demoSource } from '../../../../core/source/sources.js';
import { SymbolState } from '../../../../core/state/symbol-state.js';
import { createSimulator } from '../../../../sim/engine/simulator.js';
import { sessionOn } from '../../../../calendar/index.js';

const MINUTE = 60_000;
const M = 1_000_000;
/** Seed 1's SPY session with two squeezes (see test/unit/core/detect/golden-sim.test.ts). */
const SIM_DAY = sessionOn('2026-06-09')!;

function timeline(result: PreviewResult): string[] {
  return result.alerts.map(
    (a) => `${formatNyTime(a.t)} ${a.kind} ${a.direction} ${a.severity} (${a.barCount} bars)`,
  );
}

function simSource(now: () => number) {
  return demoSource(createSimulator({ seed: 1, keys: [{ key: DEMO_KEY, plan: 'alpha' }] }), now);
}

describe('previewDay', () => {
  it("over today's live bars predicts exactly what the pipeline fired while polling", async () => {
    let now = SIM_DAY.open;
    const source = simSource(() => now);
    const state = new SymbolState('SPY', '1m', SIM_DAY.open, SIM_DAY.close);
    const fired: AlertRecord[] = [];
    const pipeline = await AlertPipeline.load({
      storage: new MemoryStorage(),
      notifier: new RecordingNotifier(),
      logger: silentLogger,
      settings: defaultSettings,
      now: () => now,
      recordAlert: async (a) => void fired.push(a),
      referenceBars: async () => [],
    });
    // Every minute from the open to 14:50, 2 s after each bar closes.
    for (now = SIM_DAY.open + MINUTE + 2_000; now < SIM_DAY.open + 320 * MINUTE; now += MINUTE) {
      const minutes = state.size === 0 ? 390 : 3;
      state.mergeHedgeFlow(
        (await source.hedgeFlow('SPY', { side: 'all', bar: '1m', minutes })).data,
      );
      await pipeline.evaluate('SPY', state, { now, session: SIM_DAY, catchUp: false });
    }
    const preview = previewDay({
      symbol: 'SPY',
      date: SIM_DAY.date,
      detector: DEFAULT_DETECTOR_SETTINGS,
      alerts: DEFAULT_ALERT_SETTINGS,
      barMs: MINUTE,
      bars: state.closedBars(),
      reference: [],
    });
    expect(timeline(preview)).toEqual([
      '14:02 squeeze down building (5 bars)',
      '14:42 squeeze up building (5 bars)',
    ]);
    expect(preview.alerts.map((a) => [a.t, a.kind, a.direction, a.severity])).toEqual(
      fired.map((a) => [a.t, a.kind, a.direction, a.severity]),
    );
    expect(preview.bySymbol).toEqual({ SPY: 2 });
  });

  it('over a stored day from history, with the legs and price it was recorded with', async () => {
    // The app recorded the whole session (every leg and the series) to history.
    const now = SIM_DAY.close;
    const source = simSource(() => now);
    const state = new SymbolState('SPY', '1m', SIM_DAY.open, SIM_DAY.close);
    for (const side of ['all', 'calls', 'puts'] as const) {
      state.mergeHedgeFlow((await source.hedgeFlow('SPY', { side, bar: '1m', minutes: 390 })).data);
    }
    state.mergeSeries((await source.series('SPY', { bar: '1m', minutes: 390 })).data);
    const history = new HistoryStore(new MemoryStorage());
    expect(
      await new BarRecorder(history).record(SIM_DAY.date, state, ['all', 'calls', 'puts']),
    ).toBe(390);
    const stored = await history.loadBars(SIM_DAY.date, 'SPY', '1m');

    const preview = (detector = DEFAULT_DETECTOR_SETTINGS) =>
      previewDay({
        symbol: 'SPY',
        date: SIM_DAY.date,
        detector,
        alerts: DEFAULT_ALERT_SETTINGS,
        barMs: MINUTE,
        bars: stored,
        reference: [],
      });
    expect(timeline(preview())).toEqual([
      '14:02 squeeze down building (5 bars)',
      '14:42 squeeze up building (5 bars)',
    ]);
    // The refinements that need stored legs, spot and the gamma flip give the golden answer
    // of the API responses themselves (golden-sim.test.ts).
    const strict = DetectorSettingsSchema.parse({
      minPercentile: 80,
      requireChasing: true,
      flipAfter: 8,
      gammaFlipCross: true,
      gammaFlipBand: 0.001,
    });
    expect(timeline(preview(strict))).toEqual([
      '14:03 squeeze down building (5 bars)',
      '14:05 reversal up building (13 bars)',
      '14:14 gamma-flip down building (1 bars)',
      '14:39 gamma-flip up building (1 bars)',
      '14:42 squeeze up building (5 bars)',
      '14:56 gamma-flip up building (1 bars)',
      '15:13 gamma-flip down building (1 bars)',
    ]);
    // Attribution reads the stored legs: both squeezes were one-sided. Without the legs the
    // requirement can never be met (a filter the trader asked for must not pass silently).
    const oneSided = DetectorSettingsSchema.parse({ requireAttribution: 'one-sided' });
    expect(preview(oneSided).alertCount).toBe(2);
    const withoutLegs = stored.map((b) => ({ ...b, calls: null, puts: null }));
    expect(
      previewDay({
        symbol: 'SPY',
        date: SIM_DAY.date,
        detector: oneSided,
        alerts: DEFAULT_ALERT_SETTINGS,
        barMs: MINUTE,
        bars: withoutLegs,
        reference: [],
      }).alertCount,
    ).toBe(0);
  });
});

describe('previewDay over a hand-built stored day', () => {
  const DAY = sessionOn('2026-06-05')!;
  /** Noise all day, with runs of growing buying where asked; `missing` minutes left out. */
  function storedDay(runs: Record<number, readonly number[]>, missing: [number, number] | null) {
    const values = Array.from({ length: 390 }, (_, i) => (i % 2 ? -0.3 : 0.3) * M);
    for (const [start, run] of Object.entries(runs)) {
      run.forEach((v, k) => (values[Number(start) + k] = v));
    }
    let cumulative = 0;
    const out: StoredBar[] = [];
    values.forEach((bar, i) => {
      cumulative += bar;
      if (missing && i >= missing[0] && i < missing[1]) return;
      out.push({
        t: DAY.open + i * MINUTE,
        all: { bar, cumulative },
        calls: null,
        puts: null,
        spot: null,
        gammaFlip: null,
      });
    });
    return out;
  }
  const rising = (n: number) => Array.from({ length: n }, (_, i) => (i + 1) * M);
  const preview = (bars: StoredBar[], date = DAY.date, reference: number[] = []) =>
    previewDay({
      symbol: 'QQQ',
      date,
      detector: DetectorSettingsSchema.parse({ minPercentile: 50 }),
      alerts: DEFAULT_ALERT_SETTINGS,
      barMs: MINUTE,
      bars,
      reference,
    });

  it('counts the alerts on both sides of a hole (the app asleep 11:00-12:00)', () => {
    // 10:30 and 13:00 runs; 3 growing bars before the hole and 2 after it are not one run.
    const bars = storedDay(
      { 60: rising(6), 87: rising(3), 150: [4 * M, 5 * M], 210: rising(6) },
      [90, 150],
    );
    const result = preview(bars);
    expect(result.alerts.map((a) => formatNyTime(a.t))).toEqual(['10:34', '13:04']);
    expect(result.episodes).toBe(2);
  });

  it('judges the relative threshold against the stored sessions it is given', () => {
    const bars = storedDay({ 60: rising(6), 210: rising(6) }, null);
    expect(preview(bars).alertCount).toBe(2);
    // Past sessions where bars of 10M are the median: 1M-6M runs are ordinary.
    const busy = Array.from({ length: 2000 }, (_, i) => (i % 20) * M);
    expect(preview(bars, DAY.date, busy).alertCount).toBe(0);
  });

  it('fires nothing for a day without a session, and says why', () => {
    const bars = storedDay({ 60: rising(6) }, null);
    const saturday = preview(bars, '2026-06-06');
    expect(saturday.alertCount).toBe(0);
    expect(saturday.episodes).toBe(1);
    expect(saturday.suppressed).toEqual({ 'outside-hours': 1 });
  });
});

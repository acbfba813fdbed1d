// Alert outcomes in the running app: the in-process simulator behind demo mode, a manual clock,
// the real pipeline, tracker and history. Each outcome pushed and stored equals the signed move
// computed here by hand from the simulator's own series answer; a restart picks the stored
// outcomes up; the scorecard and the multi-session preview read the same alert.
import { describe, expect, it } from 'vitest';
import { HedgeFlowApp } from '../../../../core/app/hedgeflow-app.js';
import type { AlertRecord } from '../../../../core/contract/detector.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../../core/fakes/recording-notifier.js';
import { createLogger } from '../../../../core/log/logger.js';
import { DEMO_KEY } from '../../../../core/source/sources.js';
import { simTransport } from '../../../../core/source/sim-transport.js';
import { createSimulator } from '../../../../sim/engine/simulator.js';
import { sessionOn } from '../../../../calendar/index.js';

const MIN = 60_000;
/** Tuesday 2026-06-09 13:50 New York; seed 1 has an SPY down-squeeze alert on the 14:02 bar. */
const START = Date.parse('2026-06-09T17:50:00Z');
const DAY = sessionOn('2026-06-09')!;

function simulator() {
  return createSimulator({ seed: 1, keys: [{ key: DEMO_KEY, plan: 'alpha' }] });
}

/** spot per bucket from the simulator's series answer after the close, read by hand. */
function seriesSpots(): Map<number, number> {
  const res = simulator().handle(
    {
      method: 'GET',
      url: '/v1/flow/zero-dte/series/SPY?bar=1m&minutes=390',
      headers: { 'x-api-key': DEMO_KEY },
    },
    DAY.close,
  );
  const body = JSON.parse(res.body) as { bars: { t: string; spot: number }[] };
  return new Map(body.bars.map((b) => [Date.parse(b.t), b.spot]));
}

async function open(clock: ManualClock, storage: MemoryStorage) {
  const sim = simulator();
  const app = await HedgeFlowApp.create({
    clock,
    http: simTransport(sim, () => clock.now()),
    secrets: new MemorySecretStore(null),
    notifier: new RecordingNotifier(),
    storage,
    logger: createLogger(() => {}, { level: 'debug', now: () => clock.now() }),
    createSimulator: () => sim,
  });
  const alerts: AlertRecord[] = [];
  const updates: AlertRecord[] = [];
  app.on('alert', (a) => alerts.push(a));
  app.on('alert-updated', (a) => updates.push(a));
  return { app, alerts, updates };
}

async function cycleDone(clock: ManualClock): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  for (let i = 0; i < 10_000 && clock.pendingTimers === 0; i++) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

async function run(clock: ManualClock, ms: number): Promise<void> {
  const target = clock.now() + ms;
  await cycleDone(clock);
  for (;;) {
    const next = clock.nextTimerAt();
    if (next === null || next > target) break;
    clock.advanceTo(next);
    await cycleDone(clock);
  }
  clock.advanceTo(target);
  await cycleDone(clock);
}

describe('alert outcomes in the app', () => {
  it('fills in, stores and pushes each outcome as its bar closes; a restart resumes; the scorecard reads it', async () => {
    const clock = new ManualClock(START);
    const storage = new MemoryStorage();
    const first = await open(clock, storage);
    expect((await first.app.updateSettings({ symbols: ['SPY'] })).ok).toBe(true);
    first.app.start();
    await run(clock, 14 * MIN); // 14:04
    expect(first.alerts).toHaveLength(1);
    const fired = first.alerts[0]!;
    expect(fired.t).toBe(Date.parse('2026-06-09T18:02:00Z'));
    // Fired with its outcomes attached, every horizon still ahead.
    expect(fired.outcomes?.horizons['5m']).toEqual({ status: 'pending', at: fired.t + 5 * MIN });

    await run(clock, 30 * MIN); // 14:34: 5m and 15m known, 30m (14:32) known
    const spots = seriesSpots();
    const expected = (h: number): number =>
      -(spots.get(fired.t + h * MIN)! / spots.get(fired.t)! - 1);
    const latest = first.updates.at(-1)!;
    expect(latest.id).toBe(fired.id);
    expect(latest.outcomes!.spot).toBe(spots.get(fired.t));
    for (const [h, minutes] of [
      ['5m', 5],
      ['15m', 15],
      ['30m', 30],
    ] as const) {
      const o = latest.outcomes!.horizons[h];
      expect(o.status, h).toBe('known');
      expect(o.status === 'known' && o.move, h).toBeCloseTo(expected(minutes), 12);
    }
    expect(latest.outcomes!.horizons.close).toEqual({ status: 'pending', at: DAY.close - MIN });
    // Each horizon was reported once, as it became known: no update repeats another.
    const seen = first.updates.map((u) => JSON.stringify(u.outcomes));
    expect(new Set(seen).size).toBe(seen.length);
    expect((await first.app.archive.listAlerts())[0]!.outcomes).toEqual(latest.outcomes);

    // Restart over the same files: nothing is re-announced or recomputed into a new line.
    await first.app.stop();
    const linesBefore = [...storage.files.entries()].find(([p]) =>
      p.endsWith('.SPY.alerts.ndjson'),
    )![1];
    const second = await open(clock, storage);
    second.app.start();
    await run(clock, 5 * MIN);
    expect(second.alerts).toEqual([]);
    expect(second.updates).toEqual([]);
    const file = [...storage.files.entries()].find(([p]) => p.endsWith('.SPY.alerts.ndjson'))!;
    expect(file[1]).toBe(linesBefore);

    // Past the close and its final polls: the close outcome, and everything settled.
    await run(clock, DAY.close + 6 * MIN - clock.now());
    const settled = second.updates.filter((u) => u.id === fired.id).at(-1)!.outcomes!;
    expect(settled.horizons.close.status === 'known' && settled.horizons.close.move).toBeCloseTo(
      -(spots.get(DAY.close - MIN)! / spots.get(fired.t)! - 1),
      12,
    );

    // The scorecard counts the stored alert with its stored outcomes.
    const card = await second.app.scorecard();
    expect(card.sessions).toEqual(['2026-06-09']);
    const stored = await second.app.archive.listAlerts();
    const scored = card.groups.filter((g) => g.symbol === null).reduce((n, g) => n + g.count, 0);
    expect(scored).toBe(
      new Set(stored.map((a) => `${a.kind}:${a.direction}:${a.evidence.since}`)).size,
    );
    const down = card.groups.find((g) => g.rule === 'squeeze-down' && g.symbol === 'SPY')!;
    const downMoves = stored
      .filter((a) => a.kind === 'squeeze' && a.direction === 'down')
      .map((a) => a.outcomes!.horizons['5m'])
      .flatMap((o) => (o.status === 'known' ? [o.move] : []));
    expect(down.horizons['5m'].known).toBe(downMoves.length);
    expect(downMoves).toContainEqual(expect.closeTo(expected(5), 12));
    expect(down.horizons['5m'].baseline.moves).toBeGreaterThan(0);

    // The multi-session preview replays the stored day: the current settings fire at least the
    // alerts the app sent (and those before 13:50, when it was not running); a stricter draft
    // no more, while the current side stays as it was.
    const preview = await second.app.previewDetectorSessions(second.app.settings.current.detector);
    expect(preview.sessions).toEqual(['2026-06-09']);
    expect(preview.draft).toEqual(preview.current);
    expect(preview.current.alertCount).toBeGreaterThanOrEqual(stored.length);
    const replayedDown = preview.current.scorecard.groups.find(
      (g) => g.rule === 'squeeze-down' && g.symbol === 'SPY',
    )!;
    expect(replayedDown.count).toBeGreaterThanOrEqual(down.count);
    const strict = await second.app.previewDetectorSessions({
      ...second.app.settings.current.detector,
      runLength: 30,
    });
    expect(strict.draft.alertCount).toBeLessThanOrEqual(strict.current.alertCount);
    expect(strict.current).toEqual(preview.current);
    await second.app.stop();
  });
});

// The signal pipeline of DESIGN.md's data flow, driven the way the poll loop drives it: real
// SymbolState objects merged from hedge-flow responses (the simulator's, through the real API
// client, or hand-built), then closed bars -> detector -> alert engine -> notifier + history,
// with the engine's state persisted in a MemoryStorage.
import { describe, expect, it } from 'vitest';
import {
  ALERT_ENGINE_FILE,
  AlertPipeline,
  type AlertPipelineDeps,
} from '../../../../core/app/alert-pipeline.js';
import { AlertEngine } from '../../../../core/alerts/engine.js';
import type { AlertRecord } from '../../../../core/contract/detector.js';
import { defaultSettings, type Settings } from '../../../../core/contract/settings.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../../core/fakes/recording-notifier.js';
import type { HedgeFlowData, Side } from '../../../../core/model/flow.js';
import type { LogFields, Logger } from '../../../../core/ports/logger.js';
import { DEMO_KEY, demoSource } from '../../../../core/source/sources.js';
import { SymbolState } from '../../../../core/state/symbol-state.js';
import { createSimulator } from '../../../../sim/engine/simulator.js';
import { sessionOn, type Session } from '../../../../calendar/index.js';

const MINUTE = 60_000;
const M = 1_000_000;
/** Friday 2026-06-05, a regular session (09:30-16:00 New York). */
const DAY: Session = sessionOn('2026-06-05')!;

/** New York wall time on DAY, e.g. at('10:04'). */
function at(hhmm: string, seconds = 0): number {
  const [h, m] = hhmm.split(':').map(Number);
  return DAY.open + ((h! - 9) * 60 + m! - 30) * MINUTE + seconds * 1000;
}

interface LogEntry {
  readonly level: string;
  readonly message: string;
  readonly fields: LogFields | undefined;
}

/** What the app wires around a pipeline: files, notifications, history, settings, logs. */
class World {
  readonly storage = new MemoryStorage();
  readonly notifier = new RecordingNotifier();
  readonly history: AlertRecord[] = [];
  readonly logs: LogEntry[] = [];
  readonly referenceCalls: [string, string][] = [];
  settings: Settings;
  now = at('09:45');
  reference: number[] | Error = [];

  constructor(patch: (s: Settings) => Settings = (s) => s) {
    this.settings = patch(defaultSettings());
  }

  readonly logger: Logger = {
    debug: (message, fields) => void this.logs.push({ level: 'debug', message, fields }),
    info: (message, fields) => void this.logs.push({ level: 'info', message, fields }),
    warn: (message, fields) => void this.logs.push({ level: 'warn', message, fields }),
    error: (message, fields) => void this.logs.push({ level: 'error', message, fields }),
  };

  deps(): AlertPipelineDeps {
    return {
      storage: this.storage,
      notifier: this.notifier,
      logger: this.logger,
      settings: () => this.settings,
      now: () => this.now,
      recordAlert: async (alert) => void this.history.push(alert),
      referenceBars: async (symbol, beforeDate) => {
        this.referenceCalls.push([symbol, beforeDate]);
        if (this.reference instanceof Error) throw this.reference;
        return this.reference;
      },
    };
  }

  load(): Promise<AlertPipeline> {
    return AlertPipeline.load(this.deps());
  }

  warnings(): string[] {
    return this.logs.filter((l) => l.level === 'warn').map((l) => l.message);
  }

  /** Titles of the notifications shown, with their severity read from the id. */
  shown(): string[] {
    return this.notifier.sent.map((n) => `${n.symbol} ${n.direction} ${n.id.split(':').at(-1)}`);
  }
}

/** A session of per-minute values from the open (index 0 = 09:30), as the API would serve it. */
class Day {
  readonly values: number[];

  constructor(fill: (minute: number) => number = (i) => (i % 2 ? -0.3 : 0.3) * M) {
    this.values = Array.from({ length: 390 }, (_, i) => fill(i));
  }

  /** Sets bars from New York time `hhmm` on. */
  set(hhmm: string, values: readonly number[]): this {
    const first = (at(hhmm) - DAY.open) / MINUTE;
    values.forEach((v, k) => (this.values[first + k] = v));
    return this;
  }

  /**
   * A hedge-flow response at server time `asOf`: the last `minutes` buckets up to and including
   * the one still filling, cumulatives summed from the open.
   */
  response(asOf: number, minutes = 390, side: Side = 'all', symbol = 'SPY'): HedgeFlowData {
    const filling = Math.floor((asOf - DAY.open) / MINUTE);
    const from = Math.max(0, filling - minutes + 1);
    let cumulative = 0;
    const bars = [];
    for (let i = 0; i <= filling; i++) {
      cumulative += this.values[i]!;
      if (i >= from) bars.push({ t: DAY.open + i * MINUTE, bar: this.values[i]!, cumulative });
    }
    return { symbol, expiration: DAY.date, asOf, side, barSize: '1m', bars };
  }
}

function newState(symbol = 'SPY'): SymbolState {
  return new SymbolState(symbol, '1m', DAY.open, DAY.close);
}

/** One poll as the loop does it: merge the response, then evaluate at the server's time. */
async function poll(
  world: World,
  pipeline: AlertPipeline,
  state: SymbolState,
  data: HedgeFlowData,
  catchUp = false,
): Promise<void> {
  state.mergeHedgeFlow(data);
  world.now = data.asOf;
  await pipeline.evaluate(state.symbol, state, { now: data.asOf, session: DAY, catchUp });
}

/** Polls every minute, 2 s after each bar closes, from `from` to `to` (New York times). */
async function pollEveryMinute(
  world: World,
  pipeline: AlertPipeline,
  state: SymbolState,
  day: Day,
  from: string,
  to: string,
  minutes = 390,
): Promise<void> {
  for (let t = at(from, 2); t <= at(to, 2); t += MINUTE) {
    await poll(world, pipeline, state, day.response(t, minutes, 'all', state.symbol));
  }
}

const RISING = (n: number, scale = 1) => Array.from({ length: n }, (_, i) => (i + 1) * scale * M);

describe('AlertPipeline over the simulator (seed 1, SPY, Tuesday 2026-06-09)', () => {
  it('notifies a squeeze once, with sound, and keeps it in history with its evidence', async () => {
    const session = sessionOn('2026-06-09')!;
    let now = session.open;
    const source = demoSource(
      createSimulator({ seed: 1, keys: [{ key: DEMO_KEY, plan: 'alpha' }] }),
      () => now,
    );
    const world = new World();
    const pipeline = await world.load();
    const state = new SymbolState('SPY', '1m', session.open, session.close);
    const sentAt: number[] = [];
    // 13:50 to 14:10, every leg and the series each minute, as the app polls with legs shown.
    for (now = session.open + 260 * MINUTE + 2_000; now <= session.open + 280 * MINUTE;) {
      for (const side of ['all', 'calls', 'puts'] as const) {
        state.mergeHedgeFlow(
          (await source.hedgeFlow('SPY', { side, bar: '1m', minutes: 390 })).data,
        );
      }
      state.mergeSeries((await source.series('SPY', { bar: '1m', minutes: 390 })).data);
      world.now = now;
      await pipeline.evaluate('SPY', state, { now, session, catchUp: false });
      if (world.notifier.sent.length > sentAt.length) sentAt.push(now);
      if (now === session.open + 274 * MINUTE + 2_000) {
        // 14:04, the run still holding: the row shows the episode as alerted
        expect(pipeline.signal('SPY')).toMatchObject({
          kind: 'squeeze',
          direction: 'down',
          alerted: true,
          since: session.open + 268 * MINUTE,
        });
      }
      now += MINUTE;
    }
    // The 13:58-14:02 run of growing selling: told once, right after the 14:02 bar closed.
    expect(world.shown()).toEqual(['SPY down building']);
    expect(sentAt).toEqual([session.open + 273 * MINUTE + 2_000]);
    const [n] = world.notifier.sent;
    expect(n).toMatchObject({ symbol: 'SPY', sound: true, direction: 'down' });
    expect(n!.title).toBe('SPY: dealers selling into weakness — downside squeeze building');

    expect(world.history).toHaveLength(1);
    const alert = world.history[0]!;
    expect(alert.id).toBe(n!.id);
    expect(alert.t).toBe(session.open + 272 * MINUTE);
    expect(alert.evidence.since).toBe(session.open + 268 * MINUTE);
    expect(alert.evidence.barCount).toBe(5);
    // The evidence is the run itself: the bars with both legs and spot, the leg shares, price.
    expect(alert.evidence.bars.map((b) => b.t)).toEqual(
      [268, 269, 270, 271, 272].map((i) => session.open + i * MINUTE),
    );
    for (const b of alert.evidence.bars) {
      expect(b.bar).toBeLessThan(0);
      // side=all is the sum of the legs (each rounded to the dollar on the wire)
      expect(Math.abs(b.calls! + b.puts! - b.bar)).toBeLessThanOrEqual(2);
      expect(b.spot).toBeGreaterThan(0);
    }
    expect(alert.evidence.legs!.callShare + alert.evidence.legs!.putShare).toBeCloseTo(1);
    expect(alert.evidence.price).toMatchObject({
      from: expect.any(Number),
      to: expect.any(Number),
    });
    expect(alert.evidence.move).toBeCloseTo(
      alert.evidence.bars.reduce((sum, b) => sum + b.bar, 0),
      0,
    );
    // The state that prevents a re-fire after a restart was saved.
    expect(JSON.parse(world.storage.files.get(ALERT_ENGINE_FILE)!)).toMatchObject({
      symbols: { SPY: { lastFiredAt: { squeeze: sentAt[0] } } },
    });
  });
});

describe('AlertPipeline', () => {
  it('steps bar by bar when polling keeps up: one alert per episode, a new run is a new episode', async () => {
    const world = new World((s) => ({
      ...s,
      alerts: { ...s.alerts, cooldownMinutes: 0, escalateAtRunLength: null },
    }));
    const pipeline = await world.load();
    const state = newState();
    // Two bars per poll: the pipeline still sees the episode start and end where they did.
    const day = new Day().set('10:00', [...RISING(8), 0.5 * M, ...RISING(6)]);
    for (let t = at('10:00', 2); t <= at('10:16', 2); t += 2 * MINUTE) {
      await poll(world, pipeline, state, day.response(t));
    }
    expect(world.shown()).toEqual(['SPY up building', 'SPY up building']);
    expect(world.history.map((a) => [a.evidence.since, a.t])).toEqual([
      [at('10:00'), at('10:04')],
      [at('10:08'), at('10:12')],
    ]);
    expect(world.history.every((a) => !a.catchUp)).toBe(true);
    // A poll that brings no new closed bar changes nothing and saves nothing.
    const saved = world.storage.files.get(ALERT_ENGINE_FILE);
    world.storage.files.delete(ALERT_ENGINE_FILE);
    await poll(world, pipeline, state, day.response(at('10:16', 30)));
    expect(world.storage.files.has(ALERT_ENGINE_FILE)).toBe(false);
    expect(saved).toBeDefined();
  });

  it('after a restart over the same files, the episode under way does not fire again, but escalates once', async () => {
    const settings = (s: Settings): Settings => ({
      ...s,
      alerts: { ...s.alerts, escalateAtRunLength: 10 },
    });
    const world = new World(settings);
    const day = new Day().set('10:00', RISING(14));
    const first = await world.load();
    await pollEveryMinute(world, first, newState(), day, '10:01', '10:07');
    expect(world.shown()).toEqual(['SPY up building']);

    // The app restarts at 10:08 with a new state (a full backfill: a catch-up) over the files.
    const second = await world.load();
    const state = newState();
    await poll(world, second, state, day.response(at('10:08', 2)), true);
    expect(second.signal('SPY')).toMatchObject({ since: at('10:00'), alerted: true });
    await pollEveryMinute(world, second, state, day, '10:09', '10:13');
    expect(world.shown()).toEqual(['SPY up building', 'SPY up escalated']);
    expect(world.history.at(-1)).toMatchObject({ t: at('10:09'), severity: 'escalated' });

    // Without the saved state the same restart would have announced the episode again.
    const amnesiac = new World(settings);
    const fresh = await amnesiac.load();
    await poll(amnesiac, fresh, newState(), day.response(at('10:08', 2)), true);
    expect(amnesiac.shown()).toEqual(['SPY up building']);
  });

  it('starts fresh, with a warning, from a corrupt or foreign alert-engine.json', async () => {
    const day = new Day().set('10:00', RISING(6));
    for (const [text, warning] of [
      ['{"version":1,"symbols":{"SPY":', 'alert state unreadable; starting fresh'],
      ['{"version":7,"symbols":[]}', 'alert state reset'],
    ] as const) {
      const world = new World();
      world.storage.files.set(ALERT_ENGINE_FILE, text);
      const pipeline = await world.load();
      expect(world.warnings()).toEqual([warning]);
      await pollEveryMinute(world, pipeline, newState(), day, '10:01', '10:06');
      expect(world.shown()).toEqual(['SPY up building']);
      // The file is whole again: a later restart reads it without complaint.
      const restored = AlertEngine.restore(
        JSON.parse(world.storage.files.get(ALERT_ENGINE_FILE)!),
        world.settings.alerts,
      );
      expect(restored.error).toBeNull();
      expect(restored.engine.active('SPY')[0]).toMatchObject({ alerted: true });
    }
  });

  it('with notifications off, shows nothing but still keeps the alert; the sound setting is passed on', async () => {
    const day = new Day().set('10:00', RISING(6));
    const off = new World((s) => ({ ...s, notifications: { enabled: false, sound: true } }));
    await pollEveryMinute(off, await off.load(), newState(), day, '10:01', '10:06');
    expect(off.notifier.sent).toEqual([]);
    expect(off.history.map((a) => a.kind)).toEqual(['squeeze']);

    const silent = new World((s) => ({ ...s, notifications: { enabled: true, sound: false } }));
    await pollEveryMinute(silent, await silent.load(), newState(), day, '10:01', '10:06');
    expect(silent.notifier.sent.map((n) => n.sound)).toEqual([false]);
  });

  it('a notifier that throws does not lose the alert from history', async () => {
    const world = new World();
    world.notifier.onNotify(() => {
      throw new Error('notification service gone');
    });
    const day = new Day().set('10:00', RISING(6));
    await pollEveryMinute(world, await world.load(), newState(), day, '10:01', '10:06');
    expect(world.history).toHaveLength(1);
    expect(world.warnings()).toEqual(['notification failed']);
  });

  it('after a 30-minute gap (sleep), fires at most one alert: the newest state, marked catch-up', async () => {
    // 10:05-10:12 a squeeze up while asleep; 10:25-10:30 a squeeze down still running at wake-up.
    const day = new Day().set('10:05', [...RISING(8), 0.1 * M]).set('10:25', RISING(6, -1));
    for (const loopSaysCatchUp of [true, false]) {
      const world = new World();
      const pipeline = await world.load();
      const state = newState();
      await poll(world, pipeline, state, day.response(at('10:00', 2)));
      // The loop flags the first poll after a wake-up; more than 5 new bars are one anyway.
      await poll(world, pipeline, state, day.response(at('10:31', 2)), loopSaysCatchUp);
      expect(world.shown()).toEqual(['SPY down building']);
      expect(world.history.map((a) => [a.catchUp, a.evidence.since])).toEqual([
        [true, at('10:25')],
      ]);
    }
    // Waking after both episodes ended: nothing at all.
    const quiet = new World();
    const pipeline = await quiet.load();
    const state = newState();
    await poll(quiet, pipeline, state, day.response(at('10:00', 2)));
    await poll(quiet, pipeline, state, day.response(at('10:40', 2)), true);
    expect(quiet.notifier.sent).toEqual([]);
  });

  it('a hole in the bars restarts the run; filling it later does not make a second episode', async () => {
    const world = new World((s) => ({
      ...s,
      alerts: { ...s.alerts, cooldownMinutes: 0, escalateAtRunLength: null },
    }));
    const pipeline = await world.load();
    const state = newState();
    const day = new Day().set('10:00', RISING(16));
    // Bars 10:00-10:03 closed; then a short window from 10:05 leaves 10:04 and 10:05 unknown.
    await poll(world, pipeline, state, day.response(at('10:04', 2), 6));
    await poll(world, pipeline, state, day.response(at('10:07', 2), 3));
    // 10:00-10:03 and 10:06 grow, but are not consecutive bars: no squeeze.
    expect(pipeline.signal('SPY')).toBeNull();
    await pollEveryMinute(world, pipeline, state, day, '10:08', '10:10', 3);
    expect(world.shown()).toEqual([]);
    await pollEveryMinute(world, pipeline, state, day, '10:11', '10:11', 3);
    expect(world.history.map((a) => [a.evidence.since, a.evidence.barCount])).toEqual([
      [at('10:06'), 5],
    ]);
    // A backfill fills the hole: the run now reaches back to 10:00. Same squeeze, no new alert.
    await pollEveryMinute(world, pipeline, state, day, '10:12', '10:14', 390);
    expect(pipeline.signal('SPY')).toMatchObject({ since: at('10:00'), barCount: 14 });
    expect(world.shown()).toEqual(['SPY up building']);
  });

  it('snooze silences a symbol (and survives a restart); unsnooze lets the running episode alert', async () => {
    const world = new World((s) => ({ ...s, alerts: { ...s.alerts, escalateAtRunLength: null } }));
    const pipeline = await world.load();
    world.now = at('10:00');
    expect(await pipeline.snooze('SPY', '1h')).toBe(at('11:00'));
    expect(pipeline.snoozedUntil('SPY')).toBe(at('11:00'));
    expect((await world.load()).snoozedUntil('SPY')).toBe(at('11:00'));

    const day = new Day().set('10:00', RISING(12));
    const spy = newState('SPY');
    const qqq = newState('QQQ');
    for (let t = at('10:01', 2); t <= at('10:06', 2); t += MINUTE) {
      await poll(world, pipeline, spy, day.response(t, 390, 'all', 'SPY'));
      await poll(world, pipeline, qqq, day.response(t, 390, 'all', 'QQQ'));
    }
    expect(world.shown()).toEqual(['QQQ up building']); // only SPY is snoozed
    expect(pipeline.signal('SPY')).toMatchObject({ alerted: false, pending: 'snoozed' });

    expect(await pipeline.snooze('SPY', 'off')).toBeNull();
    expect(pipeline.snoozedUntil('SPY')).toBeNull();
    await pollEveryMinute(world, pipeline, spy, day, '10:07', '10:07');
    expect(world.shown()).toEqual(['QQQ up building', 'SPY up building']);
    expect(world.history.at(-1)).toMatchObject({ symbol: 'SPY', evidence: { since: at('10:00') } });

    // Rest of day lasts until the close.
    expect(await pipeline.snooze('QQQ', 'rest-of-day')).toBe(DAY.close);
  });

  it('reads stored sessions for the relative threshold only when minPercentile > 0, once per symbol and session', async () => {
    const world = new World();
    const pipeline = await world.load();
    const day = new Day().set('10:00', RISING(8)).set('10:30', RISING(8));
    const spy = newState('SPY');
    const qqq = newState('QQQ');
    const both = async (from: string, to: string) => {
      for (let t = at(from, 2); t <= at(to, 2); t += MINUTE) {
        await poll(world, pipeline, spy, day.response(t, 390, 'all', 'SPY'));
        await poll(world, pipeline, qqq, day.response(t, 390, 'all', 'QQQ'));
      }
    };
    await both('09:50', '10:09');
    expect(world.referenceCalls).toEqual([]);
    expect(world.shown()).toEqual(['SPY up building', 'QQQ up building']);

    // Stored sessions where bars of 50M are ordinary: the 10:30 run of 1M-8M is not a squeeze.
    world.reference = Array.from({ length: 1000 }, () => 50 * M);
    world.settings = {
      ...world.settings,
      detector: { ...world.settings.detector, minPercentile: 50 },
    };
    pipeline.applySettings(world.settings);
    await both('10:10', '10:40');
    expect(world.referenceCalls).toEqual([
      ['SPY', DAY.date],
      ['QQQ', DAY.date],
    ]);
    expect(world.shown()).toHaveLength(2);

    // A new session reads them again, for its own date (the cache is per symbol and session).
    const monday = sessionOn('2026-06-08')!;
    const next = new SymbolState('SPY', '1m', monday.open, monday.close);
    const data = new Day().response(at('10:00', 2));
    next.mergeHedgeFlow({
      ...data,
      asOf: data.asOf + monday.open - DAY.open,
      bars: data.bars.map((b) => ({ ...b, t: b.t + monday.open - DAY.open })),
    });
    await pipeline.evaluate('SPY', next, {
      now: monday.open + 31 * MINUTE,
      session: monday,
      catchUp: false,
    });
    expect(world.referenceCalls.at(-1)).toEqual(['SPY', monday.date]);
  });

  it('with unreadable stored sessions, warns and judges by the session so far', async () => {
    const world = new World((s) => ({ ...s, detector: { ...s.detector, minPercentile: 50 } }));
    world.reference = new Error('EIO: history folder unreadable');
    const pipeline = await world.load();
    const day = new Day().set('10:00', RISING(6, 2));
    await pollEveryMinute(world, pipeline, newState(), day, '09:50', '10:06');
    expect(world.warnings()).toEqual(['stored sessions unreadable for the relative threshold']);
    expect(world.referenceCalls).toHaveLength(1);
    expect(world.shown()).toEqual(['SPY up building']);
  });

  it('applies changed settings: detector rules and pacing at the next evaluation', async () => {
    const world = new World((s) => ({ ...s, alerts: { ...s.alerts, cooldownMinutes: 60 } }));
    const pipeline = await world.load();
    const state = newState();
    const day = new Day().set('10:00', [...RISING(3), -0.1 * M, ...RISING(3)]);
    await pollEveryMinute(world, pipeline, state, day, '09:50', '10:03');
    expect(world.shown()).toEqual([]); // 3 bars: the article's N = 5 is not reached
    world.settings = {
      ...world.settings,
      detector: { ...world.settings.detector, runLength: 3 },
      alerts: { ...world.settings.alerts, cooldownMinutes: 0 },
    };
    pipeline.applySettings(world.settings);
    // The newest bar is judged again under the new rule; the next run is not held back by the
    // old 60-minute cooldown.
    await pollEveryMinute(world, pipeline, state, day, '10:03', '10:07');
    expect(world.history.map((a) => [a.evidence.since, a.evidence.barCount])).toEqual([
      [at('10:00'), 3],
      [at('10:04'), 3],
    ]);
  });
});

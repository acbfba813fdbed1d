// A HedgeFlowApp on demo data (the in-process simulator) and a manual clock, for tests that
// watch what the app pushes as time passes. The clock counts the timers it fires: every poll
// cycle starts from one, so `fired` bounds the number of cycles that ran.
import { HedgeFlowApp } from '../../../../core/app/hedgeflow-app.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../../core/fakes/recording-notifier.js';
import { silentLogger } from '../../../../core/log/logger.js';
import { DEMO_KEY } from '../../../../core/source/sources.js';
import { simTransport } from '../../../../core/source/sim-transport.js';
import { createSimulator } from '../../../../sim/engine/simulator.js';

class CountingClock extends ManualClock {
  fired = 0;

  override setTimer(ms: number, fn: () => void): () => void {
    return super.setTimer(ms, () => {
      this.fired++;
      fn();
    });
  }
}

export interface DemoApp {
  readonly app: HedgeFlowApp;
  readonly clock: CountingClock;
  /** Fires the app's timers up to `ms` ahead, letting each poll cycle finish. */
  run(ms: number): Promise<void>;
}

async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}

export async function openDemoApp(options: {
  readonly start: number;
  readonly symbols?: readonly string[];
  readonly seed?: number;
}): Promise<DemoApp> {
  const clock = new CountingClock(options.start);
  const sim = createSimulator({
    seed: options.seed ?? 1,
    keys: [{ key: DEMO_KEY, plan: 'alpha' }],
  });
  const app = await HedgeFlowApp.create({
    clock,
    http: simTransport(sim, () => clock.now()),
    secrets: new MemorySecretStore(),
    notifier: new RecordingNotifier(),
    storage: new MemoryStorage(),
    logger: silentLogger,
    createSimulator: () => sim,
  });
  if (options.symbols) {
    const updated = await app.updateSettings({ symbols: [...options.symbols] });
    if (!updated.ok) throw new Error(updated.error);
  }

  /** A poll cycle always ends by arming the loop's next timer: wait for that. */
  async function cycleDone(): Promise<void> {
    await settle();
    for (let i = 0; i < 10_000 && clock.pendingTimers === 0; i++) await settle();
  }

  async function run(ms: number): Promise<void> {
    const target = clock.now() + ms;
    await cycleDone();
    for (;;) {
      const next = clock.nextTimerAt();
      if (next === null || next > target) break;
      clock.advanceTo(next);
      await cycleDone();
    }
    clock.advanceTo(target);
    await cycleDone();
  }

  return { app, clock, run };
}

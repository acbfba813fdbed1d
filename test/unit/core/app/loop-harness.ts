// Drives a real PollLoop on a ManualClock against the fake server, letting each cycle's
// promises settle before time moves on.
import { defaultSettings, type Settings } from '../../../../core/contract/settings.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { BarRecorder } from '../../../../core/history/bar-recorder.js';
import { DayRecorder } from '../../../../core/history/day-recorder.js';
import { HistoryStore } from '../../../../core/history/history-store.js';
import { silentLogger } from '../../../../core/log/logger.js';
import { seededRandom } from '../../../../core/plan/backoff.js';
import type { FetchMix } from '../../../../core/plan/cost-model.js';
import type { QuotaTracker } from '../../../../core/plan/quota.js';
import { PollLoop, type LoopPipeline } from '../../../../core/app/poll-loop.js';
import type { EvaluationContext } from '../../../../core/app/alert-pipeline.js';
import type { SymbolView } from '../../../../core/contract/views.js';
import { flashAlphaSource } from '../../../../core/source/sources.js';
import { FakeFlowServer, type FakeServerOptions } from './fake-flow-server.js';

interface Evaluation {
  readonly symbol: string;
  readonly context: EvaluationContext;
  readonly closed: number;
}

export interface Harness {
  readonly clock: ManualClock;
  readonly server: FakeFlowServer;
  readonly loop: PollLoop;
  readonly storage: MemoryStorage;
  readonly history: HistoryStore;
  readonly evaluations: Evaluation[];
  readonly views: Map<string, SymbolView>;
  readonly appErrors: unknown[];
  runUntil(target: number): Promise<void>;
}

export async function settle(): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
}

/**
 * Lets a poll cycle that a timer started run to its end: a cycle always ends by planning its
 * next wake-up, so wait until the loop has a timer again (however many turns of the event loop
 * its requests, merges and history writes take), rather than a fixed number of turns.
 */
async function cycleDone(clock: ManualClock): Promise<void> {
  await settle();
  for (let i = 0; i < 10_000 && clock.pendingTimers === 0; i++) await settle();
}

export function harness(options: {
  start: number;
  settings?: Partial<Settings>;
  key?: string;
  server?: Omit<FakeServerOptions, 'now'>;
  mix?: FetchMix;
  quota?: QuotaTracker;
  /** How far the server's clock runs ahead of ours (negative: behind). */
  serverClockOffsetMs?: number;
  /** How long after it is sent each data request is served (a slow network, a scaled clock). */
  latencyMs?: number;
}): Harness {
  const clock = new ManualClock(options.start);
  const offset = options.serverClockOffsetMs ?? 0;
  const server = new FakeFlowServer({ now: () => clock.now() + offset, ...options.server });
  const storage = new MemoryStorage();
  const history = new HistoryStore(storage);
  const evaluations: Evaluation[] = [];
  const views = new Map<string, SymbolView>();
  const appErrors: unknown[] = [];
  const pipeline: LoopPipeline = {
    evaluate: async (symbol, state, context) => {
      evaluations.push({ symbol, context, closed: state.closedBars().length });
    },
    signal: () => null,
    snoozedUntil: () => null,
    resetSession: () => {},
  };
  const settings: Settings = { ...defaultSettings(), ...options.settings };
  const key = options.key ?? 'growth-key';
  const loop = new PollLoop({
    source: flashAlphaSource({
      baseUrl: 'http://127.0.0.1:1',
      apiKey: () => key,
      transport: async (request) => {
        const latency = request.url.includes('/v1/flow/') ? (options.latencyMs ?? 0) : 0;
        if (latency > 0) await new Promise<void>((resolve) => clock.setTimer(latency, resolve));
        return server.transport(request);
      },
      now: () => clock.now(),
    }),
    settings,
    clock,
    logger: silentLogger,
    paused: false,
    pipeline,
    onSymbol: (v) => views.set(v.symbol, v),
    onAppError: (e) => {
      if (e !== null) appErrors.push(e);
    },
    onCycle: () => {},
    recorder: new BarRecorder(history),
    days: new DayRecorder(history),
    random: seededRandom(7),
    ...(options.mix ? { mix: options.mix } : {}),
    ...(options.quota ? { quota: options.quota } : {}),
  });
  return {
    clock,
    server,
    loop,
    storage,
    history,
    evaluations,
    views,
    appErrors,
    async runUntil(target) {
      await cycleDone(clock);
      for (;;) {
        const next = clock.nextTimerAt();
        if (next === null || next > target) break;
        clock.advanceTo(next);
        await cycleDone(clock);
      }
      clock.advanceTo(target);
      await cycleDone(clock);
    },
  };
}

// A whole session of the real HedgeFlowApp (planner, client, merge, history, detector, alerts)
// against the in-process simulator, on virtual time, with what a real network and a real laptop
// do to it: per-request latency on the way there (the server serves later than planned) and on
// the way back (the answer is older than it looks), every fault kind of `hedgeflow sim
// --faults`, the machine sleeping, our clock set forward or back, the server's clock running
// ahead or behind, other tools spending the key's quota. Hours of session take a second or two,
// so a property test can try many random schedules.
//
// Three clocks: `base` is our monotonic time (timers fire on it); the app's wall clock is base
// plus `appOffset` (a clock correction moves only that); the server's is base plus
// `serverOffset` (a sleep moves both offsets: the world went on while our timers did not).
import { HedgeFlowApp } from '../../core/app/hedgeflow-app.js';
import type { AnsweredRequest } from '../../core/app/poll-request.js';
import type { AlertRecord } from '../../core/contract/detector.js';
import type { SettingsPatch } from '../../core/contract/settings.js';
import { ManualClock } from '../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../core/fakes/recording-notifier.js';
import { dayFile } from '../../core/history/history-layout.js';
import { createLogger } from '../../core/log/logger.js';
import type { BarSize } from '../../core/model/flow.js';
import type { Clock } from '../../core/ports/clock.js';
import { TransportError, type HttpResponse, type HttpTransport } from '../../core/ports/http.js';
import { createSimulator, type Simulator } from '../../sim/engine/simulator.js';
import { sessionOn } from '../../calendar/index.js';
import { FaultInjector, parseFaultSpec } from '../../sim/server/faults.js';
import { streamFor } from '../../sim/engine/random/prng.js';

const KEY = 'growth-key';

export type VirtualEvent =
  /**
   * The machine sleeps `ms`: no timer fires, and both wall clocks move on meanwhile. `notified`:
   * the OS says so (suspend/resume, as Electron's powerMonitor does); else the app finds out from
   * a timer that fires late, as a terminal program does.
   */
  | { readonly at: number; readonly kind: 'sleep'; readonly ms: number; readonly notified: boolean }
  /** Our wall clock is set forward (positive) or back (negative) by `ms`. */
  | { readonly at: number; readonly kind: 'clock-jump'; readonly ms: number }
  /** The server's clock jumps by `ms` (it runs ahead: positive; behind: negative). */
  | { readonly at: number; readonly kind: 'server-skew'; readonly ms: number }
  /** Another program spends `requests` of the key's daily quota ('all': whatever is left). */
  | { readonly at: number; readonly kind: 'spend'; readonly requests: number | 'all' };

export interface VirtualSchedule {
  readonly date: string;
  readonly symbols: readonly string[];
  readonly barSize: BarSize;
  /** Market time the app starts at. */
  readonly startAt: number;
  /** Seeds the model, the faults and the latency draws. */
  readonly seed: number;
  /** Each way's delay is uniform in [0, max] ms of market time. */
  readonly latencyMaxMs: number;
  /** A `hedgeflow sim --faults` spec (its latency part is ignored: `latencyMaxMs` rules). */
  readonly faults?: string;
  /** The server's clock minus ours at the start. */
  readonly serverLeadMs?: number;
  /** At base time (market time as if no clock had moved). */
  readonly events?: readonly VirtualEvent[];
  /** Settings beyond symbols and bar size (e.g. legs: total only). */
  readonly settings?: SettingsPatch;
  /** Stop here (base time) even if a day is not settled. */
  readonly until?: number;
}

interface SentRecord {
  /** Server time the request was served at (NaN when it never was). */
  readonly servedAt: number;
  readonly path: string;
  readonly status: number;
  readonly url: string;
}

export interface VirtualRun {
  readonly app: HedgeFlowApp;
  readonly storage: MemoryStorage;
  readonly sim: Simulator;
  readonly sent: SentRecord[];
  readonly answers: AnsweredRequest[];
  readonly alerts: AlertRecord[];
  readonly logs: string[];
  /** Requests whose URL carried the key, or that lacked it in the X-Api-Key header. */
  readonly keyViolations: string[];
  /** Base time when the run ended. */
  readonly endedAt: number;
}

async function settle(): Promise<void> {
  // Everything in-process resolves in microtasks; two turns of the event loop drain them.
  await new Promise<void>((resolve) => setImmediate(resolve));
  await new Promise<void>((resolve) => setImmediate(resolve));
}

function response(status: number, headers: Record<string, string>, body: string): HttpResponse {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { status, header: (n) => lower.get(n.toLowerCase()) ?? null, text: async () => body };
}

export async function runVirtualSession(s: VirtualSchedule): Promise<VirtualRun> {
  const session = sessionOn(s.date);
  if (!session) throw new Error(`${s.date} has no session`);
  const base = new ManualClock(s.startAt);
  let appOffset = 0;
  let serverOffset = s.serverLeadMs ?? 0;
  const appClock: Clock = {
    now: () => base.now() + appOffset,
    setTimer: (ms, fn) => base.setTimer(ms, fn),
  };
  const serverNow = (): number => base.now() + serverOffset;
  const sim = createSimulator({ seed: s.seed });
  const faults = new FaultInjector(parseFaultSpec(s.faults ?? ''), s.seed);
  const rng = streamFor(s.seed, 'latency', s.date);
  const delay = (): Promise<void> => {
    const ms = Math.round(rng.uniform() * s.latencyMaxMs);
    return new Promise((resolve) => base.setTimer(ms, resolve));
  };
  const sent: SentRecord[] = [];
  const keyViolations: string[] = [];
  const http: HttpTransport = async (request) => {
    if (request.url.includes(KEY) || request.headers['X-Api-Key'] !== KEY) {
      keyViolations.push(request.url);
    }
    const url = new URL(request.url);
    const path = `${url.pathname}${url.search}`;
    const decision = faults.active ? faults.next() : null;
    await delay();
    if (request.signal?.aborted) throw new TransportError('aborted', 'cancelled');
    const at = serverNow();
    const record = (status: number) =>
      sent.push({ servedAt: at, path: url.pathname, status, url: request.url });
    const action = decision?.action ?? 'none';
    if (action === 'reset') {
      record(0);
      await delay();
      throw new TransportError('network', `connection to ${url.host} reset`);
    }
    let res: { status: number; headers: Readonly<Record<string, string>>; body: string };
    if (action === '5xx') {
      res = { status: decision!.detail, headers: {}, body: '{"detail":"Simulated server fault."}' };
    } else if (action === '429') {
      res = {
        status: 429,
        headers: { 'retry-after': String(decision!.detail), ...(sim.rateLimit(KEY, at) ?? {}) },
        body: `{"detail":"Too many requests. Retry after ${decision!.detail} seconds."}`,
      };
    } else {
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
      res = sim.handle({ method: 'GET', url: path, headers }, at);
    }
    record(action === 'truncated' ? 0 : res.status);
    await delay();
    if (action === 'malformed')
      return response(res.status, { ...res.headers }, `${res.body.slice(0, -1)}]`);
    if (action === 'truncated') {
      return {
        status: res.status,
        header: () => null,
        text: async () => {
          throw new TransportError('network', 'the connection closed mid-body');
        },
      };
    }
    return response(res.status, { ...res.headers }, res.body);
  };
  const logs: string[] = [];
  const answers: AnsweredRequest[] = [];
  const storage = new MemoryStorage();
  const app = await HedgeFlowApp.create({
    clock: appClock,
    http,
    secrets: new MemorySecretStore(KEY),
    notifier: new RecordingNotifier(),
    storage,
    logger: createLogger((line) => logs.push(line), { level: 'info', now: () => appClock.now() }),
    createSimulator: () => {
      throw new Error('demo mode is not part of a virtual session');
    },
    onAnswer: (a) => answers.push(a),
  });
  const alerts: AlertRecord[] = [];
  app.on('alert', (a) => alerts.push(a));
  const settings: SettingsPatch = {
    ...s.settings,
    symbols: [...s.symbols],
    barSize: s.barSize,
    baseUrl: 'http://127.0.0.1:9',
  };
  const updated = await app.updateSettings(settings);
  if (!updated.ok) throw new Error(updated.error);
  app.start();

  const until = s.until ?? session.close + 7 * 3_600_000;
  const events = [...(s.events ?? [])].sort((a, b) => a.at - b.at);
  const settled = (): boolean =>
    s.symbols.every((symbol) => storage.files.has(dayFile(s.date, symbol, s.barSize)));
  await settle();
  while (!settled()) {
    const next = base.nextTimerAt();
    const event = events[0];
    if (event && (next === null || event.at <= next)) {
      events.shift();
      base.advanceTo(Math.max(base.now(), event.at));
      await settle();
      switch (event.kind) {
        case 'sleep':
          if (event.notified) app.suspend();
          appOffset += event.ms;
          serverOffset += event.ms;
          if (event.notified) app.resume();
          break;
        case 'clock-jump':
          appOffset += event.ms;
          break;
        case 'server-skew':
          serverOffset += event.ms;
          break;
        case 'spend': {
          const n = event.requests === 'all' ? Number.POSITIVE_INFINITY : event.requests;
          for (let i = 0; i < n; i++) {
            const res = sim.handle(
              { method: 'GET', url: '/stockquote/SPY', headers: { 'x-api-key': KEY } },
              serverNow(),
            );
            if (res.status === 429) break;
          }
          break;
        }
      }
      await settle();
      continue;
    }
    if (next === null || next > until) break;
    base.advanceTo(next);
    await settle();
  }
  await app.stop();
  return { app, storage, sim, sent, answers, alerts, logs, keyViolations, endedAt: base.now() };
}

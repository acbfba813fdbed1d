// The app against `hedgeflow sim` over loopback, for whole-session tests: the real HedgeFlowApp
// (planner, client, fetch transport, history), the real HTTP server, and two clocks stepped
// together from one planned poll to the next, so a session of hours takes seconds of real time.
// Every request the app sends is logged with the server's time, and checked not to carry the
// key anywhere but its header (a throw inside the transport would only look like a network
// error to the client, so violations are collected for the test to assert on).
import { expect } from 'vitest';
import { fetchTransport } from '../../../core/adapters/fetch-transport.js';
import { HedgeFlowApp } from '../../../core/app/hedgeflow-app.js';
import type { SettingsPatch } from '../../../core/contract/settings.js';
import { ManualClock } from '../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../core/fakes/recording-notifier.js';
import { createLogger } from '../../../core/log/logger.js';
import type { BarSize } from '../../../core/model/flow.js';
import { seriesAt, type TruthBar } from '../../support/day-check.js';
import type { HttpTransport } from '../../../core/ports/http.js';
import {
  startSimServer,
  type SimServer,
  type SimServerOptions,
} from '../../../sim/server/http-server.js';

interface SentRequest {
  /** Server (virtual) time the request arrived. */
  readonly at: number;
  readonly path: string;
  readonly params: URLSearchParams;
  readonly status: number;
}

export interface Driven {
  readonly server: SimServer;
  readonly app: HedgeFlowApp;
  readonly clock: ManualClock;
  readonly storage: MemoryStorage;
  readonly sent: SentRequest[];
  readonly logs: string[];
  /** Requests whose URL carried the key, or that lacked it in the X-Api-Key header. */
  readonly keyViolations: string[];
  /** Steps both clocks through every planned wake-up up to `until`. */
  drive(until: number, onStep?: (now: number) => void): Promise<void>;
  /** Requests to the flow endpoints. */
  dataRequests(): SentRequest[];
  close(): Promise<void>;
}

export async function driveApp(options: {
  start: number;
  key: string;
  settings: SettingsPatch;
  server?: Omit<SimServerOptions, 'clock'>;
}): Promise<Driven> {
  const server = await startSimServer({
    ...options.server,
    clock: { start: options.start, speed: 0 },
  });
  const clock = new ManualClock(options.start);
  const sent: SentRequest[] = [];
  const keyViolations: string[] = [];
  const http: HttpTransport = async (request) => {
    // The key travels in its header only: never in the URL.
    if (request.url.includes(options.key) || request.headers['X-Api-Key'] !== options.key) {
      keyViolations.push(request.url);
    }
    const url = new URL(request.url);
    const at = server.clock.now();
    try {
      const response = await fetchTransport(request);
      sent.push({ at, path: url.pathname, params: url.searchParams, status: response.status });
      return response;
    } catch (error) {
      sent.push({ at, path: url.pathname, params: url.searchParams, status: 0 });
      throw error;
    }
  };
  const logs: string[] = [];
  const storage = new MemoryStorage();
  const app = await HedgeFlowApp.create({
    clock,
    http,
    secrets: new MemorySecretStore(options.key),
    notifier: new RecordingNotifier(),
    storage,
    logger: createLogger((line) => logs.push(line), { level: 'debug', now: () => clock.now() }),
    createSimulator: () => {
      throw new Error('demo mode is not part of this test');
    },
  });
  const updated = await app.updateSettings({ ...options.settings, baseUrl: server.url });
  expect(updated).toMatchObject({ ok: true });
  app.start();
  return {
    server,
    app,
    clock,
    storage,
    sent,
    logs,
    keyViolations,
    async drive(until, onStep) {
      for (;;) {
        const next = clock.nextTimerAt();
        if (next === null || next > until) return;
        server.clock.set(next);
        clock.advanceTo(next);
        onStep?.(next);
        // A cycle ends by planning the next one; wait for that (the requests are real HTTP).
        const deadline = Date.now() + 15_000;
        while (clock.pendingTimers === 0) {
          if (Date.now() > deadline) {
            throw new Error(`the poll loop planned nothing after ${new Date(next).toISOString()}`);
          }
          await new Promise<void>((resolve) => setImmediate(resolve));
        }
      }
    },
    dataRequests: () => sent.filter((r) => r.path.startsWith('/v1/flow/')),
    async close() {
      await app.stop();
      await server.close();
    },
  };
}

/** The server's own series of a whole session, asked at `at` (after the close) on its router. */
export function serverSeries(s: SimServer, symbol: string, bar: BarSize, at: number): TruthBar[] {
  return seriesAt(s.simulator, symbol, bar, at);
}

/** Collects unhandled promise rejections while a test runs (none may occur). */
export function watchRejections(): { readonly seen: unknown[]; stop(): void } {
  const seen: unknown[] = [];
  const on = (reason: unknown): void => void seen.push(reason);
  process.on('unhandledRejection', on);
  return { seen, stop: () => void process.off('unhandledRejection', on) };
}

/** Requests the server counted against `key` today. */
export function usedToday(s: SimServer, key: string, limit: number): number {
  return limit - Number(s.simulator.rateLimit(key, s.clock.now())!['x-ratelimit-remaining']);
}

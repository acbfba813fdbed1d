// Issue 15, item 1, end to end inside the app: a server that echoes the key (any case, encoded,
// anywhere in a long text) on any error path must not get a run of it into anything the user
// or a log sees: snapshots, pushes, IPC answers (the popover), nor the log file on disk (the
// tray's RotatingLogFile behind the redacting logger).
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appHandlers } from '../../../../core/app/app-handlers.js';
import { HedgeFlowApp } from '../../../../core/app/hedgeflow-app.js';
import { createIpcRouter } from '../../../../core/app/ipc-router.js';
import { PUSH_EVENTS } from '../../../../core/contract/channels.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../../core/fakes/recording-notifier.js';
import { createLogger } from '../../../../core/log/logger.js';
import { TransportError, type HttpResponse } from '../../../../core/ports/http.js';
import { RotatingLogFile } from '../../../../electron/log-file.js';
import { filler, keyForms, leakedRuns } from '../../../support/secret-leaks.js';
import { response } from '../api/fake-http.js';
import { settle } from './loop-harness.js';

const KEY = 'fa+live/7D3c=91e2:b5A4_0f68';
/** Friday 2026-06-05, 10:30 New York: the market is open. */
const OPEN = Date.parse('2026-06-05T14:30:00Z');
const TEXT_LENGTH = 300;

/** How the hostile server answers a request, given a text that carries the key. */
const ANSWERS: Record<string, (text: string) => HttpResponse> = {
  '400 message': (t) => response({ status: 400, body: { error: 'invalid_bar', message: t } }),
  '403 plans': (t) =>
    response({ status: 403, body: { error: 'tier_restricted', message: t, current_plan: t } }),
  '404 message': (t) => response({ status: 404, body: { message: t } }),
  '429 detail': (t) =>
    response({ status: 429, body: { detail: t }, headers: { 'Retry-After': '30' } }),
  '500 text': (t) => response({ status: 500, body: t }),
  '200 not JSON': (t) => response({ status: 200, body: t }),
  '200 other symbol': (t) =>
    response({
      status: 200,
      body: {
        symbol: t,
        expiration: '2026-06-05',
        as_of: '2026-06-05T14:30:00Z',
        bar_size: '1m',
        bars: [],
      },
    }),
  'body breaks off': (t) => ({
    status: 200,
    header: () => null,
    text: async () => {
      throw new TransportError('network', t);
    },
  }),
};

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-key-echo-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function cycles(clock: ManualClock, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < 2_000 && clock.pendingTimers === 0; j++) await settle();
    const next = clock.nextTimerAt();
    if (next === null) return;
    clock.advanceTo(next);
    await settle();
  }
  for (let j = 0; j < 2_000 && clock.pendingTimers === 0; j++) await settle();
}

async function runOnce(answer: string, text: string, run: number): Promise<string[]> {
  const clock = new ManualClock(OPEN);
  const logFile = new RotatingLogFile(path.join(dir, `run-${run}`));
  const app = await HedgeFlowApp.create({
    clock,
    http: async () => ANSWERS[answer]!(text),
    secrets: new MemorySecretStore(KEY),
    notifier: new RecordingNotifier(),
    storage: new MemoryStorage(),
    logger: createLogger((line) => logFile.write(line), { level: 'debug', now: () => clock.now() }),
    createSimulator: () => {
      throw new Error('no demo in this test');
    },
  });
  const pushed: string[] = [];
  for (const event of PUSH_EVENTS) app.on(event, (p) => pushed.push(JSON.stringify(p)));
  const router = createIpcRouter(appHandlers(app), {
    isTrustedSender: () => true,
    logger: app.logger,
    now: () => clock.now(),
  });
  app.start();
  await cycles(clock, 3);
  const answers = [
    await router.invoke('account:refresh', null, {}),
    await router.invoke('app:get-snapshot', null, {}),
  ].map((r) => JSON.stringify(r));
  await app.stop();
  const log = await readFile(logFile.file, 'utf8').catch(() => '');
  return [JSON.stringify(app.snapshot()), ...pushed, ...answers, log];
}

describe('a key echoed by the server reaches no view, push, IPC answer or log file', () => {
  it('for any error path, any form of the key and any offset in a long text', async () => {
    let run = 0;
    const forms = Object.entries(keyForms(KEY));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(ANSWERS)),
        fc.constantFrom(...forms),
        fc.integer({ min: 0, max: TEXT_LENGTH }),
        async (answer, [, form], at) => {
          const offset = Math.min(at, TEXT_LENGTH - form.length);
          const text = `${filler(offset)}${form}${filler(TEXT_LENGTH - offset - form.length)}`;
          const sinks = await runOnce(answer, text, run++);
          // The error did reach the sinks (so the check below can fail), but no run of the key.
          expect(sinks.join('\n')).toMatch(/"error":\{|poll failed/);
          for (const sink of sinks) expect(leakedRuns(sink, KEY)).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });
});

// The update notice over real HTTP: the app's fetch transport against a loopback stand-in for
// GitHub's releases API, with latency and faults, on clocks at several speeds, and through the
// app itself (the 'update' push, the 'update:get' channel, the setting).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchTransport } from '../../../core/adapters/fetch-transport.js';
import { appHandlers } from '../../../core/app/app-handlers.js';
import { HedgeFlowApp } from '../../../core/app/hedgeflow-app.js';
import { createIpcRouter } from '../../../core/app/ipc-router.js';
import { scaledClock } from '../../../core/clock/scaled-clock.js';
import type { UpdateStatus } from '../../../core/contract/views.js';
import { ManualClock } from '../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../core/fakes/recording-notifier.js';
import { createLogger } from '../../../core/log/logger.js';
import type { HttpTransport } from '../../../core/ports/http.js';
import { DEMO_KEY } from '../../../core/source/sources.js';
import {
  CHECK_INTERVAL_MS,
  RETRY_INTERVAL_MS,
  UpdateChecker,
} from '../../../core/update/update-checker.js';
import { createSimulator } from '../../../sim/engine/simulator.js';
import { startReleasesServer, type ReleasesServer } from '../../support/github-releases-server.js';

const REPO = { owner: 'hedgeflow-app', name: 'hedgeflow' };
const START = Date.parse('2026-06-06T16:00:00Z'); // a Saturday: the demo replays, nothing live
const NOTICE = {
  available: {
    version: '0.2.0',
    url: 'https://github.com/hedgeflow-app/hedgeflow/releases/tag/v0.2.0',
  },
};

let server: ReleasesServer | null = null;
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  await server?.close();
  server = null;
});

async function releases(): Promise<ReleasesServer> {
  server = await startReleasesServer({
    owner: REPO.owner,
    repo: REPO.name,
    releases: [{ tag_name: 'v0.3.0-rc.1', prerelease: true }, { tag_name: 'v0.2.0' }],
  });
  return server;
}

describe.each([20_000, 80_000])('over loopback at %ix real time', (speed) => {
  it('a reset connection, then GitHub again: silent retry an hour later, then 12 h', async () => {
    const github = await releases();
    github.latencyMs = 40;
    github.fault = { kind: 'reset' };
    const clock = scaledClock(START, speed);
    const sentAt: number[] = [];
    const changes: UpdateStatus[] = [];
    const http: HttpTransport = (request) => {
      sentAt.push(clock.now());
      return fetchTransport(request);
    };
    const checker = new UpdateChecker({
      http,
      clock,
      logger: createLogger(() => {}),
      currentVersion: '0.1.0',
      repository: REPO,
      apiBase: github.url,
      onChange: (status) => changes.push(status),
    });
    cleanups.push(() => checker.stop());
    checker.setEnabled(true);
    await vi.waitFor(() => expect(github.requests).toHaveLength(1), { timeout: 10_000 });
    github.fault = null;
    await vi.waitFor(() => expect(checker.status).toEqual(NOTICE), { timeout: 10_000 });
    expect(changes).toEqual([NOTICE]);
    // Invariants, not margins: a retry is planned an hour after the failed answer arrived, and
    // the next check 12 hours after the good one, whatever the latency and the clock speed.
    expect(sentAt[1]! - sentAt[0]!).toBeGreaterThanOrEqual(RETRY_INTERVAL_MS);
    await vi.waitFor(() => expect(sentAt.length).toBeGreaterThanOrEqual(3), { timeout: 10_000 });
    expect(sentAt[2]! - sentAt[1]!).toBeGreaterThanOrEqual(CHECK_INTERVAL_MS);
    // GitHub's ETag came back, so the 12-hour check was conditional (and answered 304).
    expect(github.requests[2]!.headers['if-none-match']).toMatch(/^"/);
    expect(checker.status).toEqual(NOTICE);
  });
});

async function openApp(options: { repository: typeof REPO | null; apiBase: string }) {
  const clock = new ManualClock(START);
  const app = await HedgeFlowApp.create({
    clock,
    http: fetchTransport,
    secrets: new MemorySecretStore(),
    notifier: new RecordingNotifier(),
    storage: new MemoryStorage(),
    logger: createLogger(() => {}),
    createSimulator: () => createSimulator({ seed: 3, keys: [{ key: DEMO_KEY, plan: 'alpha' }] }),
    updates: { currentVersion: '0.1.0', repository: options.repository, apiBase: options.apiBase },
  });
  const pushed: UpdateStatus[] = [];
  app.on('update', (status) => pushed.push(status));
  app.setPaused(true); // the demo's polling plays no part here
  app.start();
  cleanups.push(() => app.stop());
  const router = createIpcRouter(appHandlers(app), {
    isTrustedSender: () => true,
    logger: createLogger(() => {}),
    now: () => clock.now(),
  });
  return { app, clock, pushed, router };
}

describe('the app', () => {
  it('pushes the notice and answers update:get with it', async () => {
    const github = await releases();
    const { pushed, router } = await openApp({ repository: REPO, apiBase: github.url });
    await vi.waitFor(() => expect(pushed).toEqual([NOTICE]), { timeout: 10_000 });
    expect(await router.invoke('update:get', undefined, {})).toEqual({ ok: true, value: NOTICE });
  });

  it('off in settings: the notice goes, and no request is made until it is on again', async () => {
    const github = await releases();
    const { app, clock, pushed } = await openApp({ repository: REPO, apiBase: github.url });
    await vi.waitFor(() => expect(pushed).toEqual([NOTICE]), { timeout: 10_000 });
    expect(await app.updateSettings({ checkForUpdates: false })).toMatchObject({ ok: true });
    expect(pushed.at(-1)).toEqual({ available: null });
    clock.advance(3 * CHECK_INTERVAL_MS);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(github.requests).toHaveLength(1);
    await app.updateSettings({ checkForUpdates: true });
    await vi.waitFor(() => expect(pushed.at(-1)).toEqual(NOTICE), { timeout: 10_000 });
    expect(github.requests).toHaveLength(2);
  });

  it('starts with checks off when the settings say so', async () => {
    const github = await releases();
    const storage = new MemoryStorage();
    const clock = new ManualClock(START);
    const first = await HedgeFlowApp.create({
      clock,
      http: fetchTransport,
      secrets: new MemorySecretStore(),
      notifier: new RecordingNotifier(),
      storage,
      logger: createLogger(() => {}),
      createSimulator: () => createSimulator({ seed: 3, keys: [{ key: DEMO_KEY, plan: 'alpha' }] }),
      updates: { currentVersion: '0.1.0', repository: REPO, apiBase: github.url },
    });
    await first.updateSettings({ checkForUpdates: false });
    first.setPaused(true);
    first.start();
    cleanups.push(() => first.stop());
    clock.advance(CHECK_INTERVAL_MS);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(github.requests).toEqual([]);
  });

  it('with no repository named, makes no request at all', async () => {
    const github = await releases();
    const { clock, pushed } = await openApp({ repository: null, apiBase: github.url });
    clock.advance(3 * CHECK_INTERVAL_MS);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(github.requests).toEqual([]);
    expect(pushed).toEqual([]);
  });
});

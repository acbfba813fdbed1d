// The e2e harness of DESIGN.md: a real HedgeFlowApp in the test process (real keychain adapter
// on a private Secret Service, real files in a temp folder, the real simulator), the built
// renderer in Debian's Chromium, and the core IPC router registered with Playwright instead of
// ipcMain: `exposeBinding` for invoke, `page.evaluate` for push events. Everything that crosses
// to the page (invoke answers and pushes) is recorded, so a test can prove what never did.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import {
  keyringKeyedSecretStore,
  keyringSecretStore,
} from '../../../core/adapters/keyring-secret-store.js';
import { channelAccount } from '../../../core/channels/channel-secrets.js';
import type { ChannelEndpoints } from '../../../core/channels/endpoints.js';
import { fsStorage } from '../../../core/adapters/fs-storage.js';
import { fetchTransport } from '../../../core/adapters/fetch-transport.js';
import { appHandlers } from '../../../core/app/app-handlers.js';
import { HedgeFlowApp } from '../../../core/app/hedgeflow-app.js';
import { createIpcRouter, type IpcRouter } from '../../../core/app/ipc-router.js';
import { PUSH_EVENTS, type PushEvent, type PushEvents } from '../../../core/contract/channels.js';
import type { SettingsPatch } from '../../../core/contract/settings.js';
import { ManualClock } from '../../../core/fakes/manual-clock.js';
import { RecordingNotifier } from '../../../core/fakes/recording-notifier.js';
import { createLogger } from '../../../core/log/logger.js';
import {
  TransportError,
  type HttpRequest,
  type HttpResponse,
  type HttpTransport,
} from '../../../core/ports/http.js';
import type { KeyedSecretStore, SecretStore } from '../../../core/ports/secret-store.js';
import { DEMO_KEY } from '../../../core/source/sources.js';
import type { UpdateSource } from '../../../core/update/update-checker.js';
import { allowListedOpenExternal } from '../../../electron/hardening.js';
import { createSimulator } from '../../../sim/engine/simulator.js';
import { startFlashAlphaServer, type FlashAlphaServer } from './sim-server.js';
import { serveDirectory } from './static-server.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');
const RENDERER_DIR = path.join(ROOT, 'dist/renderer');
const BRIDGE_SCRIPT = path.join(ROOT, 'dist/test-harness/bridge.js');

/** Keys the simulator server knows (see sim/server): one per plan the error states need. */
export const SIM_KEYS = {
  free: 'free-key',
  basic: 'basic-key',
  growth: 'growth-key',
  alpha: 'alpha-key',
} as const;

export interface HarnessOptions {
  /** Where the app's clock starts (ms). The harness clock only moves when the test says so. */
  readonly startAt: number;
  readonly settings?: SettingsPatch;
  /** Defaults to the real OS keychain under a service name unique to this test. */
  readonly secrets?: SecretStore;
  readonly seed?: number;
  /**
   * FlashAlpha mode: the simulator's HTTP server on loopback, on the harness's clock, with
   * settings.baseUrl pointing at it. `key` (when given) is stored in the keychain before the app
   * starts, as a returning user's would be.
   */
  readonly flashAlpha?: {
    readonly key?: string;
    /** Runs against the server before the app starts (e.g. spends a key's daily quota). */
    readonly prepare?: (baseUrl: string) => Promise<void>;
  };
  /** Raw settings.json written before the app starts (e.g. a corrupt one). */
  readonly settingsFile?: string;
  /** Answers the app's HTTP requests from the start (see Harness.intercept). */
  readonly intercept?: Interceptor;
  /** The update notice's version, repository and API (a loopback GitHub); absent: no checks. */
  readonly updates?: UpdateSource;
  /** Alert channels' services on loopback receivers (Telegram's API, Discord and Slack hosts). */
  readonly channelEndpoints?: Partial<ChannelEndpoints>;
}

/**
 * Stands in for the network in front of the real transport: a response, a transport failure
 * (no network, timeout) or null to let the request through to the simulator's server.
 */
type Interceptor = (request: HttpRequest) => HttpResponse | TransportError | null;

/** An HTTP answer as a server would send it. */
export function httpResponse(
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): HttpResponse {
  const lower = new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
  return {
    status,
    header: (name) => lower.get(name.toLowerCase()) ?? null,
    text: async () => (typeof body === 'string' ? body : JSON.stringify(body)),
  };
}

/** What fetch reports when nothing answers. */
export function networkDown(request: HttpRequest): TransportError {
  const u = new URL(request.url);
  return new TransportError('network', `could not reach ${u.host}${u.pathname}: ECONNREFUSED`);
}

/** One thing the page received: an invoke's answer or a push. */
interface Delivery {
  readonly kind: 'result' | 'push';
  readonly name: string;
  readonly json: string;
}

export interface Harness {
  readonly app: HedgeFlowApp;
  readonly router: IpcRouter;
  readonly clock: ManualClock;
  readonly notifier: RecordingNotifier;
  readonly secrets: SecretStore;
  /** The alert channels' keychain entries (the real keychain, under this test's service). */
  readonly channelSecrets: KeyedSecretStore;
  /** The keychain service name of this test's entry (when the real keychain is used). */
  readonly keychainService: string;
  readonly dataDir: string;
  readonly logs: string[];
  /** Every invoke answer and push the page was given, in order. */
  readonly deliveries: Delivery[];
  /** URLs the app opened in the browser: what passed the shell's openExternal allow-list. */
  readonly openedUrls: string[];
  /** The simulator server, in FlashAlpha mode. */
  readonly server: FlashAlphaServer | null;
  /** Fires the app's timers up to `ms` ahead, letting each poll cycle finish. */
  advance(ms: number): Promise<void>;
  /** Moves time on without firing anything, as a sleeping laptop or a hung poll would. */
  jump(ms: number): Promise<void>;
  /** Pushes an event to the page through the same path the app's pushes take. */
  push<E extends PushEvent>(event: E, payload: PushEvents[E]): Promise<void>;
  /** Puts `interceptor` in front of the network (null: the network works again). */
  intercept(interceptor: Interceptor | null): void;
  /** HTTP requests the app made (intercepted or not), by URL path. */
  readonly requests: string[];
  stop(): Promise<void>;
}

/** Waits until the poll loop has rescheduled itself (a cycle always ends by arming a timer). */
async function settle(clock: ManualClock): Promise<void> {
  for (let i = 0; i < 2_000 && clock.pendingTimers === 0; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  // Let pushes triggered at the end of the cycle reach the page.
  await new Promise((resolve) => setTimeout(resolve, 5));
}

/** A teardown step that hangs fails the test by name instead of eating its whole timeout. */
async function within<T>(step: string, work: Promise<T>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`harness stop: ${step} did not finish in ${ms} ms`)),
      ms,
    );
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function pushToPage(page: Page, event: string, payload: unknown): Promise<void> {
  return page.evaluate(
    ([e, p]) =>
      (window as unknown as { __hedgeflowPush(e: string, p: unknown): void }).__hedgeflowPush(e, p),
    [event, payload] as const,
  );
}

export async function startHarness(page: Page, options: HarnessOptions): Promise<Harness> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-e2e-'));
  const clock = new ManualClock(options.startAt);
  const notifier = new RecordingNotifier();
  const logs: string[] = [];
  const deliveries: Delivery[] = [];
  const openedUrls: string[] = [];
  const logger = createLogger((line) => logs.push(line), {
    level: 'debug',
    now: () => clock.now(),
  });
  const keychainService = `HedgeFlow-e2e-${process.pid}-${path.basename(dataDir)}`;
  const secrets = options.secrets ?? keyringSecretStore(keychainService);
  const channelSecrets = keyringKeyedSecretStore(keychainService);
  const seed = options.seed ?? 7;

  const server = options.flashAlpha
    ? await startFlashAlphaServer({ seed, now: () => clock.now() })
    : null;
  if (server && options.flashAlpha?.prepare) await options.flashAlpha.prepare(server.url);
  if (options.flashAlpha?.key) await secrets.set(options.flashAlpha.key);
  if (options.settingsFile !== undefined) {
    await writeFile(path.join(dataDir, 'settings.json'), options.settingsFile);
  }

  let interceptor: Interceptor | null = options.intercept ?? null;
  const requests: string[] = [];
  const http: HttpTransport = async (request) => {
    requests.push(new URL(request.url).pathname);
    const answer = interceptor?.(request) ?? null;
    if (answer instanceof Error) throw answer;
    return answer ?? fetchTransport(request);
  };

  const site = await serveDirectory(RENDERER_DIR);
  const app = await HedgeFlowApp.create({
    clock,
    http,
    secrets,
    channelSecrets,
    ...(options.channelEndpoints ? { channelEndpoints: options.channelEndpoints } : {}),
    notifier,
    storage: fsStorage(dataDir),
    logger,
    createSimulator: () => createSimulator({ seed, keys: [{ key: DEMO_KEY, plan: 'alpha' }] }),
    // The shell's allow-list in front of the browser, as electron/main.ts has it.
    openExternal: allowListedOpenExternal(async (url) => {
      openedUrls.push(url);
    }, options.updates?.repository ?? null),
    ...(options.updates ? { updates: options.updates } : {}),
  });
  const settings: SettingsPatch = {
    ...(server ? { baseUrl: server.url } : {}),
    ...options.settings,
  };
  if (Object.keys(settings).length > 0) {
    const updated = await app.updateSettings(settings);
    if (!updated.ok) throw new Error(`harness settings rejected: ${updated.error}`);
  }

  const origin = new URL(site.url).origin;
  const router = createIpcRouter(appHandlers(app), {
    // The page is trusted only while it shows the renderer we served.
    isTrustedSender: (sender) => {
      const frameUrl = (sender as { frame?: { url(): string } }).frame?.url();
      return typeof frameUrl === 'string' && new URL(frameUrl).origin === origin;
    },
    logger,
    now: () => clock.now(),
  });
  await page.exposeBinding(
    '__hedgeflowInvoke',
    async (source, channel: string, payload: unknown) => {
      const result = await router.invoke(channel, payload, source);
      deliveries.push({ kind: 'result', name: channel, json: JSON.stringify(result) });
      return result;
    },
  );
  await page.addInitScript({ path: BRIDGE_SCRIPT });
  const deliver = (event: string, payload: unknown): Promise<void> => {
    deliveries.push({ kind: 'push', name: event, json: JSON.stringify(payload) });
    return pushToPage(page, event, payload);
  };
  const stops = PUSH_EVENTS.map((event) =>
    app.on(event, (payload) => {
      // Fire-and-forget: a push to a page that is navigating or closed is simply dropped.
      void deliver(event, payload).catch(() => {});
    }),
  );

  async function advance(ms: number): Promise<void> {
    const target = clock.now() + ms;
    for (;;) {
      const next = clock.nextTimerAt();
      if (next === null || next > target) break;
      clock.advanceTo(next);
      await settle(clock);
    }
    clock.advanceTo(target);
    await page.clock.setSystemTime(clock.now());
  }

  // The page's clock reads the app's: "12 s ago" means 12 s of the harness's time, and time in
  // the page still flows between the test's steps, as it does in the app.
  await page.clock.install({ time: clock.now() });
  await page.clock.resume();

  app.start();
  // The first poll is due at once: run it (and anything else due now) before the page loads.
  await advance(0);
  await page.goto(site.url);

  return {
    app,
    router,
    clock,
    notifier,
    secrets,
    channelSecrets,
    keychainService,
    dataDir,
    logs,
    deliveries,
    openedUrls,
    server,
    advance,
    async jump(ms) {
      clock.jump(ms);
      await page.clock.setSystemTime(clock.now());
    },
    push: (event, payload) => deliver(event, payload),
    intercept(next) {
      interceptor = next;
    },
    requests,
    async stop() {
      for (const stop of stops) stop();
      await within('app.stop', app.stop());
      await within('renderer server close', site.close());
      if (server) await within('simulator server close', server.close());
      await within(
        'keychain cleanup',
        secrets.delete().catch(() => false),
      );
      for (const channel of app.settings.current.channels) {
        await within(
          'channel keychain cleanup',
          channelSecrets.delete(channelAccount(channel.id)).catch(() => false),
        );
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

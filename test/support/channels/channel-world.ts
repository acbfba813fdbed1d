// A ChannelService as the app composes it (settings store, keychain entries, outbox file, the
// real fetch transport), on a clock the test chooses, with every log line kept. `restart()`
// opens a new service over the same files and keychain, as the next run of the app would.
import { fetchTransport } from '../../../core/adapters/fetch-transport.js';
import { ChannelService } from '../../../core/channels/channel-service.js';
import type { ChannelEndpoints } from '../../../core/channels/endpoints.js';
import { MemoryKeyedSecretStore } from '../../../core/fakes/memory-keyed-secret-store.js';
import { MemoryStorage } from '../../../core/fakes/memory-storage.js';
import { createLogger, type RedactingLogger } from '../../../core/log/logger.js';
import type { Clock } from '../../../core/ports/clock.js';
import type { HttpRequest, HttpTransport } from '../../../core/ports/http.js';
import type { FileStorage } from '../../../core/ports/storage.js';
import { SettingsStore } from '../../../core/settings/settings-store.js';

export interface ChannelWorldOptions {
  readonly clock: Clock;
  readonly storage?: FileStorage;
  readonly endpoints?: Partial<ChannelEndpoints>;
  readonly timeoutMs?: number;
  /** Jitter off by default: waits are exact. */
  readonly random?: () => number;
  /** The real fetch transport unless a test needs another (e.g. one that never answers). */
  readonly transport?: HttpTransport;
}

export interface ChannelWorld {
  readonly clock: Clock;
  readonly storage: FileStorage;
  readonly keychain: MemoryKeyedSecretStore;
  readonly logs: string[];
  /** The logger the service writes to (with the secrets it registered for redaction). */
  readonly logger: RedactingLogger;
  /** Every request the service handed to the transport, with the clock's time. */
  readonly sent: { readonly request: HttpRequest; readonly at: number }[];
  service: ChannelService;
  settings: SettingsStore;
  /** Stops this service and opens the next run's over the same files and keychain. */
  restart(): Promise<ChannelService>;
  /** Opens the next run's without stopping this one: the process died mid-whatever. */
  crash(): Promise<ChannelService>;
  stop(): Promise<void>;
}

export async function openChannelWorld(options: ChannelWorldOptions): Promise<ChannelWorld> {
  const storage = options.storage ?? new MemoryStorage();
  const keychain = new MemoryKeyedSecretStore();
  const logs: string[] = [];
  const sent: { request: HttpRequest; at: number }[] = [];
  const logger = createLogger((line) => logs.push(line), {
    level: 'debug',
    now: () => options.clock.now(),
  });
  const http: HttpTransport = (request) => {
    sent.push({ request, at: options.clock.now() });
    return (options.transport ?? fetchTransport)(request);
  };
  const open = async (): Promise<{ service: ChannelService; settings: SettingsStore }> => {
    const settings = new SettingsStore(storage);
    await settings.load(options.clock.now());
    const service = new ChannelService({
      clock: options.clock,
      http,
      storage,
      logger,
      redact: (s) => logger.redact(s),
      secrets: keychain,
      settings,
      random: options.random ?? (() => 0),
      ...(options.endpoints ? { endpoints: options.endpoints } : {}),
      ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    });
    await service.load();
    service.start();
    return { service, settings };
  };
  const first = await open();
  const world: ChannelWorld = {
    clock: options.clock,
    storage,
    keychain,
    logs,
    logger,
    sent,
    service: first.service,
    settings: first.settings,
    async restart() {
      await world.service.stop();
      const next = await open();
      world.service = next.service;
      world.settings = next.settings;
      return next.service;
    },
    async crash() {
      const next = await open();
      world.service = next.service;
      world.settings = next.settings;
      return next.service;
    },
    stop: () => world.service.stop(),
  };
  return world;
}

/** Waits (real time, bounded) until `check` holds: for effects of real I/O, never a fixed sleep. */
export async function eventually(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

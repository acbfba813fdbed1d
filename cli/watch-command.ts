// `hedgeflow watch`: the app core in a terminal. The same HedgeFlowApp the tray runs (planner,
// client, history, detection), its events rendered as a live table (TTY), plain lines (pipe),
// or one JSON object per line (--json). Data to stdout, logs to stderr.
import { fetchTransport } from '../core/adapters/fetch-transport.js';
import { fsStorage } from '../core/adapters/fs-storage.js';
import { keyringSecretStore } from '../core/adapters/keyring-secret-store.js';
import { HedgeFlowApp } from '../core/app/hedgeflow-app.js';
import { messageOf } from '../core/base/error-message.js';
import type { Result } from '../core/base/result.js';
import { parseClockSpec, scaledClock } from '../core/clock/scaled-clock.js';
import { systemClock } from '../core/clock/system-clock.js';
import { ApiKeySchema } from '../core/contract/channels.js';
import { BaseUrlSchema, type SettingsPatch } from '../core/contract/settings.js';
import type { AppStatusView, SymbolView } from '../core/contract/views.js';
import { MemoryKeyedSecretStore } from '../core/fakes/memory-keyed-secret-store.js';
import { MemorySecretStore } from '../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../core/fakes/memory-storage.js';
import { createLogger } from '../core/log/logger.js';
import { installCrashGuard } from '../core/adapters/crash-guard.js';
import { BAR_SIZES, type BarSize } from '../core/model/flow.js';
import type { Clock } from '../core/ports/clock.js';
import type { HttpTransport } from '../core/ports/http.js';
import type { SecretStore } from '../core/ports/secret-store.js';
import type { FileStorage } from '../core/ports/storage.js';
import type { InProcessSimulator } from '../core/source/sim-transport.js';
import { DEMO_KEY } from '../core/source/sources.js';
import { parseCommandLine, SWITCH, VALUE, type OptionValues } from './argv.js';
import { configureChannels } from './channels-file.js';
import { barSizeValue, symbolsValue } from './flag-values.js';
import { UsageError, type CliIo } from './io.js';
import { WatchRenderer } from './watch-render.js';

export const WATCH_USAGE = `usage: hedgeflow watch --symbols SPY,QQQ [--base-url URL | --demo] [--bar 1m]
                       [--clock START@SPEED] [--json] [--data-dir DIR] [--verbose]
                       [--channels FILE]

  --symbols LIST     comma-separated tickers (default: SPY,QQQ,SPX)
  --base-url URL     FlashAlpha or a simulator (https, or http on this machine)
  --demo             the built-in simulator, no key needed
  --bar SIZE         ${BAR_SIZES.join(' | ')} (default 1m)
  --clock S@X        a virtual clock from instant S at X times real speed
  --json             one JSON object per line: status, bars, alert events
  --data-dir DIR     keep bar and alert history in DIR (default: nothing is written)
  --verbose          log each poll to stderr
  --channels FILE    also send alerts to the channels in FILE (Discord, Slack, Telegram,
                     ntfy, webhooks); secrets by environment variable name (docs/channels.md)

The key comes from HEDGEFLOW_API_KEY, else the system keychain (as the tray app stores it).
Without either, watch runs on demo data and says so on stderr.`;

export interface WatchOptions {
  readonly symbols: readonly string[] | null;
  readonly baseUrl: string | null;
  readonly demo: boolean;
  readonly bar: BarSize | null;
  readonly clock: { startMs: number; speed: number } | null;
  readonly json: boolean;
  readonly dataDir: string | null;
  readonly verbose: boolean;
  readonly help: boolean;
  /** A channels file (or '-' for standard input). */
  readonly channels: string | null;
}

/** Test seams; the command uses the real adapters without them. */
export interface WatchDeps {
  readonly http?: HttpTransport;
  readonly secrets?: SecretStore;
  readonly clock?: Clock;
  readonly createSimulator?: () => InProcessSimulator;
  /** Resolves to stop watching (besides io.interrupted). */
  readonly until?: Promise<void>;
}

const OPTIONS = {
  symbols: VALUE,
  baseUrl: VALUE,
  demo: SWITCH,
  bar: VALUE,
  clock: VALUE,
  json: SWITCH,
  dataDir: VALUE,
  verbose: SWITCH,
  channels: VALUE,
};

export function parseWatchArgs(args: readonly string[]): WatchOptions {
  const line = parseCommandLine(args, OPTIONS);
  const v: OptionValues<typeof OPTIONS> = line.help ? {} : line.values;
  if (v.demo && v.baseUrl !== undefined) {
    throw new UsageError('--demo and --base-url exclude each other');
  }
  return {
    symbols: v.symbols === undefined ? null : valid(symbolsValue(v.symbols)),
    baseUrl: v.baseUrl === undefined ? null : baseUrl(v.baseUrl),
    demo: v.demo ?? false,
    bar: v.bar === undefined ? null : valid(barSizeValue(v.bar)),
    clock: v.clock === undefined ? null : clockSpec(v.clock),
    json: v.json ?? false,
    dataDir: v.dataDir === undefined ? null : dataDir(v.dataDir),
    verbose: v.verbose ?? false,
    help: line.help,
    channels: v.channels ?? null,
  };
}

function valid<T>(value: Result<T, string>): T {
  if (value.ok) return value.value;
  throw new UsageError(value.error);
}

/**
 * The settings' own rule, checked before anything starts: https (or loopback http), no
 * user:password@. The message never repeats the URL (it may hold a password).
 */
function baseUrl(text: string): string {
  const parsed = BaseUrlSchema.safeParse(text);
  if (!parsed.success) throw new UsageError(`--base-url: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

function clockSpec(text: string): { startMs: number; speed: number } {
  try {
    return parseClockSpec(text);
  } catch (error) {
    throw new UsageError(`--clock: ${messageOf(error)}`, { cause: error });
  }
}

/** '' resolves to the current folder: history would land wherever the command ran. */
function dataDir(text: string): string {
  if (text.trim() === '') throw new UsageError('--data-dir needs a folder, got an empty value');
  return text;
}

/** Settings in memory (the tray app's file is never touched); history on disk when asked. */
function watchStorage(dataDir: string | null): FileStorage {
  const memory = new MemoryStorage();
  if (dataDir === null) return memory;
  const disk = fsStorage(dataDir);
  const pick = (p: string): FileStorage => (p.startsWith('history') ? disk : memory);
  return {
    read: (p) => pick(p).read(p),
    writeAtomic: (p, t) => pick(p).writeAtomic(p, t),
    append: (p, t) => pick(p).append(p, t),
    list: (p) => pick(p).list(p),
    remove: (p) => pick(p).remove(p),
    rename: (a, b) => pick(a).rename(a, b),
  };
}

/**
 * HEDGEFLOW_API_KEY is checked like a key typed in Settings: a newline or a space inside would
 * be sent, fail as a network error and be retried forever. Unset or blank means "not given".
 */
function envKey(io: CliIo): string | null {
  const raw = io.env.HEDGEFLOW_API_KEY;
  if (raw === undefined || raw.trim() === '') return null;
  const parsed = ApiKeySchema.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(`HEDGEFLOW_API_KEY: ${parsed.error.issues[0]?.message ?? 'invalid'}.`);
  }
  return parsed.data;
}

function secretsFor(o: WatchOptions, key: string | null, deps: WatchDeps): SecretStore {
  if (o.demo) return new MemorySecretStore(null);
  if (key) return new MemorySecretStore(key);
  return deps.secrets ?? keyringSecretStore();
}

/** Why watch shows demo data when it was not asked to, as one line for stderr. */
function demoReason(app: HedgeFlowApp): string {
  if (app.status().demoReason !== 'keychain-unavailable') {
    return 'hedgeflow watch: no key was found in HEDGEFLOW_API_KEY or the system keychain; showing demo data (simulated, not market data).';
  }
  // The keychain's own words ("The system keychain is not available (...)"), said once.
  const reason = (app.keys.keychainError ?? 'The system keychain is not available.').replace(
    /\.$/,
    '',
  );
  return `hedgeflow watch: ${reason}; showing demo data (simulated, not market data). Unlock or set up the system keychain, or set HEDGEFLOW_API_KEY, to use your FlashAlpha key.`;
}

export async function watchCommand(
  args: string[],
  io: CliIo,
  deps: WatchDeps = {},
): Promise<number> {
  const o = parseWatchArgs(args);
  if (o.help) {
    io.err(WATCH_USAGE);
    return 0;
  }
  const key = o.demo ? null : envKey(io);
  const clock = deps.clock ?? (o.clock ? scaledClock(o.clock.startMs, o.clock.speed) : systemClock);
  const logger = createLogger((line) => io.err(line), {
    level: o.verbose ? 'debug' : 'warn',
    now: () => clock.now(),
  });
  // The real CLI passes no deps; tests inject theirs and keep vitest's own process handlers.
  const uninstallGuard =
    Object.keys(deps).length === 0
      ? installCrashGuard(logger, { exitOnException: true })
      : () => {};
  const app = await HedgeFlowApp.create({
    clock,
    http: deps.http ?? fetchTransport,
    secrets: secretsFor(o, key, deps),
    notifier: { notify: () => {} }, // alerts are printed, not notified
    storage: watchStorage(o.dataDir),
    // The channels file's secrets come from the environment: memory is their only home here.
    channelSecrets: new MemoryKeyedSecretStore(),
    logger,
    createSimulator: deps.createSimulator ?? (await loadSimulator()),
  });
  const patch: SettingsPatch = {
    ...(o.symbols ? { symbols: [...o.symbols] } : {}),
    ...(o.bar ? { barSize: o.bar } : {}),
    ...(o.baseUrl ? { baseUrl: o.baseUrl } : {}),
    source: o.demo ? 'demo' : 'auto',
  };
  const updated = await app.updateSettings(patch);
  if (!updated.ok) throw new UsageError(updated.error);
  if (o.channels) await configureChannels(app, await io.readInput(o.channels), io.env);
  if (app.status().source === 'demo' && !o.demo) io.err(demoReason(app));
  const renderer = new WatchRenderer(io, {
    json: o.json,
    tty: io.isTty && !o.json,
    now: () => clock.now(),
  });
  const offs = [
    // A snapshot carries the status and every row; after it, a row is pushed only when it
    // changed. The status first: the rows are drawn under its header.
    app.on('snapshot', (snapshot) => {
      renderer.status(snapshot.status);
      for (const row of snapshot.symbols) renderer.symbol(row, clock.now());
    }),
    app.on('symbol', (view: SymbolView) => renderer.symbol(view, clock.now())),
    app.on('alert', (alert) => renderer.alert(alert)),
    app.on('alert-updated', (alert) => renderer.alertUpdated(alert)),
    app.on('status', (s: AppStatusView) => renderer.status(s)),
  ];
  app.start();
  // After start: the market view is the loop's (demo mode replays the latest session).
  renderer.status(app.status());
  // io.interrupted also resolves when stdout's reader is gone (`watch --json | head -3`).
  await Promise.race([io.interrupted, ...(deps.until ? [deps.until] : [])]);
  for (const off of offs) off();
  await app.stop();
  renderer.finish();
  uninstallGuard();
  return 0;
}

/** The simulator behind demo mode, loaded only when the command runs. */
async function loadSimulator(): Promise<() => InProcessSimulator> {
  try {
    const [{ createSimulator }, { DEFAULT_KEYS }] = await Promise.all([
      import('../sim/engine/simulator.js'),
      import('../sim/engine/api/plans.js'),
    ]);
    // The demo source authenticates with DEMO_KEY, on a plan without a quota.
    return () => createSimulator({ keys: [...DEFAULT_KEYS, { key: DEMO_KEY, plan: 'alpha' }] });
  } catch (error) {
    const why = messageOf(error);
    return () => {
      throw new Error(`the built-in simulator could not be loaded (${why})`);
    };
  }
}

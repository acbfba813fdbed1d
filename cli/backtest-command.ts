// `hedgeflow backtest`: the detector and alert engine over recorded (--data-dir) or simulated
// (--demo) sessions, each alert with its outcomes, then the scorecard (docs/scorecard.md).
import { stat } from 'node:fs/promises';
import { fsStorage } from '../core/adapters/fs-storage.js';
import { REFERENCE_SESSIONS } from '../core/app/app-archive.js';
import { DEFAULT_SYMBOLS } from '../core/contract/settings.js';
import { alertsToCsv } from '../core/history/csv.js';
import { HistoryStore } from '../core/history/history-store.js';
import {
  calendarSessions,
  recordedSessions,
  simulatedSessions,
  withReferences,
} from '../core/outcomes/backtest-data.js';
import { backtest, type SessionBars } from '../core/outcomes/replay.js';
import type { InProcessSimulator } from '../core/source/sim-transport.js';
import { DEMO_KEY } from '../core/source/sources.js';
import { BACKTEST_HELP, parseBacktestArgs, type BacktestOptions } from './backtest-args.js';
import { alertJson, scorecardJson, table, type RunInfo } from './backtest-output.js';
import { reportFailure, type CliIo } from './io.js';
import { ProgressBar } from './progress-bar.js';

export interface BacktestDeps {
  /** The simulator behind --demo (default: the engine, loaded on demand). */
  readonly createSimulator?: (seed: number) => InProcessSimulator;
  /** Now, epoch ms (default: the system clock). */
  readonly now?: () => number;
}

export async function backtestCommand(
  args: string[],
  io: CliIo,
  deps: BacktestDeps = {},
): Promise<number> {
  try {
    const options = parseBacktestArgs(args);
    if (options === 'help') {
      io.out(BACKTEST_HELP);
      return 0;
    }
    await run(options, io, deps);
    return 0;
  } catch (error) {
    return reportFailure(io, 'backtest', error);
  }
}

async function run(o: BacktestOptions, io: CliIo, deps: BacktestDeps): Promise<void> {
  const now = deps.now?.() ?? Date.now();
  const until = Math.min(o.until ?? now, now);
  // The relative threshold reads the 20 sessions before each one, as the app does.
  const extra = o.detector.minPercentile > 0 ? REFERENCE_SESSIONS : 0;
  const progress = new ProgressBar(io.progress, 'sessions');
  let loaded: SessionBars[];
  try {
    loaded = await load(o, until, o.days + extra, deps, (done, total) =>
      progress.update(done, total),
    );
  } finally {
    progress.done();
  }
  const first = Math.max(0, loaded.length - o.days);
  const sessions = extra > 0 ? withReferences(loaded, first) : loaded.slice(first);
  if (o.source.kind === 'recorded' && sessions.length < o.days) {
    io.err(
      `hedgeflow backtest: ${sessions.length} of the ${o.days} sessions asked for are recorded at ${o.barSize} bars`,
    );
  }
  const result = backtest(sessions, o.detector, o.alerts);
  const info: RunInfo = {
    source: o.source.kind,
    seed: o.source.kind === 'demo' ? o.source.seed : null,
    barSize: o.barSize,
    episodes: result.episodes,
  };
  switch (o.output) {
    case 'json':
      for (const a of result.alerts) io.out(JSON.stringify(alertJson(a)));
      io.out(JSON.stringify(scorecardJson(result.scorecard, info, result.alerts.length)));
      return;
    case 'csv':
      // The app's own alerts CSV (Alerts › Export CSV): real history and a backtest side by side.
      io.out(alertsToCsv(result.alerts));
      return;
    case 'table':
      io.out(table(result.alerts, result.scorecard, info));
      return;
  }
}

async function load(
  o: BacktestOptions,
  until: number,
  count: number,
  deps: BacktestDeps,
  progress: (done: number, total: number) => void,
): Promise<SessionBars[]> {
  switch (o.source.kind) {
    case 'demo': {
      const simulator = (deps.createSimulator ?? (await loadSimulator()))(o.source.seed);
      const symbols = o.symbols ?? DEFAULT_SYMBOLS;
      const sessions = calendarSessions(count, until);
      return simulatedSessions(simulator, sessions, symbols, o.barSize, progress);
    }
    case 'recorded': {
      const dir = o.source.dataDir;
      const found = await stat(dir).catch(() => null);
      if (!found?.isDirectory()) throw new Error(`--data-dir ${dir}: no such folder`);
      const history = new HistoryStore(fsStorage(dir));
      const sessions = await recordedSessions(
        history,
        { count, until, barSize: o.barSize, ...(o.symbols && { symbols: o.symbols }) },
        progress,
      );
      if (sessions.length === 0) {
        throw new Error(`--data-dir ${dir}: no recorded sessions at ${o.barSize} bars in history/`);
      }
      return sessions;
    }
  }
}

/** The simulator engine, loaded only when --demo runs. */
async function loadSimulator(): Promise<(seed: number) => InProcessSimulator> {
  const { createSimulator } = await import('../sim/engine/simulator.js');
  // The demo source authenticates with DEMO_KEY, on a plan without a quota.
  return (seed) => createSimulator({ seed, keys: [{ key: DEMO_KEY, plan: 'alpha' }] });
}

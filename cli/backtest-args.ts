// `hedgeflow backtest` flags. Detector and pacing flags are `detect`'s own (cli/detector-flags.ts).
import type { AlertSettings, DetectorSettings } from '../core/contract/detector.js';
import { SymbolListSchema } from '../core/contract/settings.js';
import { BAR_SIZES, type BarSize } from '../core/model/flow.js';
import { addDays, nyWallTimeToUtc } from '../calendar/index.js';
import {
  ALERT_FLAGS,
  DETECTOR_FLAGS,
  DetectorFlags,
  FlagError,
  helpLines,
} from './detector-flags.js';

/** The same bound as the app's `scorecardSessions` setting. */
export const MAX_DAYS = 250;
export const DEFAULT_DAYS = 20;
/** The seed `hedgeflow sim` and `hedgeflow watch --demo` use by default. */
export const DEFAULT_SEED = 1;

export const BACKTEST_HELP = [
  'usage: hedgeflow backtest [--days N] (--demo [--seed N] | --data-dir DIR) [--symbols SPY,QQQ]',
  '                          [--bar 1m] [--until YYYY-MM-DD] [detector flags] [--json | --csv]',
  '',
  'Runs the squeeze detector and the alert engine (episodes, cooldown, quiet periods, escalation,',
  'as the app paces them) over recorded or simulated sessions, as if polled at every bar close,',
  'and prints each alert with how price moved after it (+5m, +15m, +30m, close; signed by the',
  "alert's direction), then the scorecard: per rule, the hit rate with a Wilson 95% interval,",
  'median and mean move, against the baseline of every bar in the same 30-minute slots.',
  '',
  'sessions:',
  `  --days N                    the latest N sessions (${DEFAULT_DAYS})`,
  "  --demo                      simulated sessions: the calendar's latest N, seeded",
  `  --seed N                    the simulator's seed (${DEFAULT_SEED}, as hedgeflow sim)`,
  '  --data-dir DIR              the sessions a HedgeFlow data folder recorded (DIR/history)',
  '  --symbols SPY,QQQ           which symbols (demo: SPY,QQQ,SPX; recorded: every one stored)',
  `  --bar SIZE                  bar size: ${BAR_SIZES.join(', ')} (1m)`,
  '  --until YYYY-MM-DD          the latest session to include (default: the last one closed)',
  'detector options (as in hedgeflow detect):',
  ...helpLines(DETECTOR_FLAGS),
  'alert pacing:',
  ...helpLines(ALERT_FLAGS),
  'output (default: a table):',
  '  --json                      one JSON object per alert, then {"type":"scorecard",...}',
  "  --csv                       one CSV row per alert (the app's alerts CSV columns)",
  '  --help                      this text',
  '',
  'A progress bar is drawn on stderr while sessions load, when stderr is a terminal.',
].join('\n');

export type BacktestSource =
  | { readonly kind: 'demo'; readonly seed: number }
  | { readonly kind: 'recorded'; readonly dataDir: string };

export interface BacktestOptions {
  readonly source: BacktestSource;
  readonly days: number;
  /** null: every symbol (recorded) or the app's defaults (demo) */
  readonly symbols: readonly string[] | null;
  readonly barSize: BarSize;
  /** sessions that closed by this instant (epoch ms); null: now */
  readonly until: number | null;
  readonly detector: DetectorSettings;
  readonly alerts: AlertSettings;
  readonly output: 'table' | 'json' | 'csv';
}

export function parseBacktestArgs(args: readonly string[]): BacktestOptions | 'help' {
  const flags = new DetectorFlags();
  let demo = false;
  let seed: number | null = null;
  let dataDir: string | null = null;
  let days = DEFAULT_DAYS;
  let symbols: string[] | null = null;
  let barSize: BarSize = '1m';
  let until: number | null = null;
  const outputs = new Set<'json' | 'csv'>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined || (inline === undefined && v.startsWith('--'))) {
        throw new FlagError(`${name} needs a value`);
      }
      return v;
    };
    switch (name) {
      case '--help':
      case '-h':
        return 'help';
      case '--demo':
        demo = true;
        continue;
      case '--json':
      case '--csv':
        outputs.add(name === '--json' ? 'json' : 'csv');
        continue;
      case '--seed':
        seed = integer(name, value(), 0, 2 ** 32 - 1);
        continue;
      case '--data-dir':
        dataDir = value();
        continue;
      case '--days':
        days = integer(name, value(), 1, MAX_DAYS);
        continue;
      case '--symbols': {
        const parsed = SymbolListSchema.safeParse(value().split(','));
        if (!parsed.success) throw new FlagError(`--symbols: ${parsed.error.issues[0]?.message}`);
        symbols = parsed.data;
        continue;
      }
      case '--bar': {
        const size = value();
        if (!(BAR_SIZES as readonly string[]).includes(size)) {
          throw new FlagError(`--bar: '${size}' is not one of ${BAR_SIZES.join(', ')}`);
        }
        barSize = size as BarSize;
        continue;
      }
      case '--until':
        until = endOfDay(value());
        continue;
    }
    if (flags.read(name, inline, value)) continue;
    throw new FlagError(
      name.startsWith('-') ? `unknown option '${name}'` : `unexpected argument '${name}'`,
    );
  }
  if (demo && dataDir !== null) throw new FlagError('--demo and --data-dir exclude each other');
  if (!demo && dataDir === null) {
    throw new FlagError('say which sessions: --demo (simulated) or --data-dir DIR (recorded)');
  }
  if (seed !== null && !demo) throw new FlagError('--seed applies to --demo only');
  if (outputs.size > 1) throw new FlagError('--json and --csv exclude each other');
  return {
    source: demo
      ? { kind: 'demo', seed: seed ?? DEFAULT_SEED }
      : { kind: 'recorded', dataDir: dataDir! },
    days,
    symbols,
    barSize,
    until,
    detector: flags.detector,
    alerts: flags.alerts,
    output: [...outputs][0] ?? 'table',
  };
}

function integer(name: string, text: string, min: number, max: number): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isInteger(n) || n < min || n > max) {
    throw new FlagError(`${name}: '${text}' is not a whole number from ${min} to ${max}`);
  }
  return n;
}

/** The end of a New York date (its sessions have all closed by then). */
function endOfDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.toISOString().slice(0, 10) !== text) {
    throw new FlagError(`--until: '${text}' is not a date (YYYY-MM-DD)`);
  }
  // Any day will do: a weekend or holiday means the sessions before it.
  return nyWallTimeToUtc(addDays(text, 1), 0, 0);
}

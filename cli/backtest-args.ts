// `hedgeflow backtest` flags. Detector and pacing flags are `detect`'s own (cli/detector-flags.ts).
import type { Result } from '../core/base/result.js';
import type { AlertSettings, DetectorSettings } from '../core/contract/detector.js';
import { BAR_SIZES, type BarSize } from '../core/model/flow.js';
import { addDays, nyWallTimeToUtc } from '../calendar/index.js';
import { parseCommandLine, SWITCH, VALUE, wholeNumber } from './argv.js';
import {
  ALERT_FLAGS,
  DETECTOR_FLAGS,
  DETECTOR_OPTIONS,
  detectorSettings,
  flagError,
  helpLines,
} from './detector-flags.js';
import { barSizeValue, symbolsValue } from './flag-values.js';

/** The same bound as the app's `scorecardSessions` setting. */
const MAX_DAYS = 250;
const DEFAULT_DAYS = 20;
/** The seed `hedgeflow sim` and `hedgeflow watch --demo` use by default. */
const DEFAULT_SEED = 1;

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

type BacktestSource =
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

const OPTIONS = {
  days: VALUE,
  demo: SWITCH,
  seed: VALUE,
  dataDir: VALUE,
  symbols: VALUE,
  bar: VALUE,
  until: VALUE,
  json: SWITCH,
  csv: SWITCH,
  ...DETECTOR_OPTIONS,
};

export function parseBacktestArgs(args: readonly string[]): BacktestOptions | 'help' {
  const line = parseCommandLine(args, OPTIONS);
  if (line.help) return 'help';
  const { values } = line;
  const demo = values.demo ?? false;
  const dataDir = values.dataDir;
  if (demo && dataDir !== undefined) throw flagError('--demo and --data-dir exclude each other');
  if (!demo && dataDir === undefined) {
    throw flagError('say which sessions: --demo (simulated) or --data-dir DIR (recorded)');
  }
  const seed = values.seed === undefined ? null : whole('--seed', values.seed, [0, 2 ** 32 - 1]);
  if (seed !== null && !demo) throw flagError('--seed applies to --demo only');
  if (values.json && values.csv) throw flagError('--json and --csv exclude each other');
  const settings = detectorSettings(values);
  return {
    source:
      dataDir === undefined
        ? { kind: 'demo', seed: seed ?? DEFAULT_SEED }
        : { kind: 'recorded', dataDir },
    days: values.days === undefined ? DEFAULT_DAYS : whole('--days', values.days, [1, MAX_DAYS]),
    symbols: values.symbols === undefined ? null : valid(symbolsValue(values.symbols)),
    barSize: values.bar === undefined ? '1m' : valid(barSizeValue(values.bar)),
    until: values.until === undefined ? null : endOfDay(values.until),
    detector: settings.detector,
    alerts: settings.alerts,
    output: values.json ? 'json' : values.csv ? 'csv' : 'table',
  };
}

function valid<T>(value: Result<T, string>): T {
  if (value.ok) return value.value;
  throw flagError(value.error);
}

function whole(flag: string, text: string, range: readonly [number, number]): number {
  const n = wholeNumber(text, range);
  if (n === null) {
    throw flagError(`${flag}: '${text}' is not a whole number from ${range[0]} to ${range[1]}`);
  }
  return n;
}

/** The end of a New York date (its sessions have all closed by then). */
function endOfDay(text: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.toISOString().slice(0, 10) !== text) {
    throw flagError(`--until: '${text}' is not a date (YYYY-MM-DD)`);
  }
  // Any day will do: a weekend or holiday means the sessions before it.
  return nyWallTimeToUtc(addDays(text, 1), 0, 0);
}

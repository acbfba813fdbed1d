// `hedgeflow detect [FILE|-]`: the squeeze detector over hedge-flow responses saved from the API
// (or piped from curl). One JSON line per closed bar; --explain says why each rule held or not;
// --preview replays the day through the alert engine instead (the threshold preview).
import { z } from 'zod';
import {
  AlertSettingsSchema,
  DetectorSettingsSchema,
  type AlertSettings,
  type DetectorSettings,
  type Verdict,
} from '../core/contract/detector.js';
import {
  closedOnly,
  createReference,
  describeReason,
  previewAlerts,
  scan,
  toDetectorBars,
  type DetectorContext,
  type SeriesPoint,
} from '../core/detect/index.js';
import { ErrorBodyWire, HedgeFlowWire, SeriesWire } from '../core/api/wire-schemas.js';
import { toSeriesBar } from '../core/api/series-mapping.js';
import { wireIssueText } from '../core/api/wire-issue.js';
import { BAR_MS, type FlowBar } from '../core/model/flow.js';
import { nyDate, sessionOn } from '../sim/engine/market/index.js';
import type { CliIo } from './io.js';

/** How a flag's value is read: [kind, placeholder, help]. */
type FlagSpec = readonly ['int' | 'number' | 'bool' | 'choice' | 'int-or-off', string, string];

// `satisfies Record<keyof ...>`: adding a setting without its flag does not compile.
export const DETECTOR_FLAGS = {
  runLength: ['int', 'N', 'closed bars that must agree (5)'],
  minAbsBar: ['number', 'USD', 'minimum |bar| in delta-dollars, e.g. 1e6 (0: off)'],
  minPercentile: ['number', 'P', 'minimum |bar| as a percentile of |bar| so far (0: off)'],
  accelerating: ['bool', '', 'every bar strictly larger than the one before'],
  flipAfter: ['int-or-off', 'M', 'report a reversal when the sign flips after M bars (off)'],
  requireAttribution: ['choice', 'any|one-sided|aligned', 'call/put split the run must show'],
  oneSidedShare: ['number', 'S', 'leg share that makes a run one-sided (0.7)'],
  requireChasing: ['bool', '', 'spot must move with the flow over the run (needs --series)'],
  gammaFlipCross: ['bool', '', 'report spot crossing the gamma flip (needs --series)'],
  gammaFlipBand: ['number', 'F', 'gamma-flip hysteresis, a fraction of the level (0)'],
} as const satisfies Record<keyof DetectorSettings, FlagSpec>;

/**
 * Alert pacing for --preview (per-symbol cooldown overrides are an app setting; what quiet
 * periods silence matters only to the app's alert channels).
 */
export const ALERT_FLAGS = {
  cooldownMinutes: ['number', 'MIN', 'no new episode of a kind within MIN of the last (15)'],
  quietOpenMinutes: ['number', 'MIN', 'no alerts in the first MIN of the session (5)'],
  quietCloseMinutes: ['number', 'MIN', 'no alerts in the last MIN of the session (0)'],
  escalateAtRunLength: ['int-or-off', 'N', 'escalate a squeeze once at N bars (10)'],
  escalateAtMove: ['number', 'USD', 'escalate a squeeze once at this flow (off)'],
  staleAfterMinutes: ['number', 'MIN', 'never alert a bar closed longer ago (3)'],
} as const satisfies Record<
  Exclude<keyof AlertSettings, 'cooldownOverrides' | 'quietScope'>,
  FlagSpec
>;

const INPUT_FLAGS = ['calls', 'puts', 'series', 'reference'] as const;
type InputFlag = (typeof INPUT_FLAGS)[number];

export function flagName(key: string): string {
  return `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

function helpLines(flags: Record<string, FlagSpec>): string[] {
  return Object.entries(flags).map(
    ([key, [, value, help]]) => `  ${`${flagName(key)} ${value}`.padEnd(27)} ${help}`,
  );
}

const HELP = [
  'usage: hedgeflow detect [FILE|-] [options]',
  '',
  'Reads a hedge-flow response (GET /v1/flow/zero-dte/hedge-flow/{symbol}) from FILE or standard',
  "input ('-', the default) and prints one JSON line per closed bar (t + bar_size <= as_of):",
  '  {"t":"<ISO>","verdict":null} or {"t":"<ISO>","verdict":{"kind":"squeeze",...}}',
  "The defaults are the seed article's rule: the last 5 bars share one sign, none is zero, and",
  'their magnitudes never decrease.',
  '',
  'inputs:',
  '  --calls FILE                the side=calls response (call/put attribution)',
  '  --puts FILE                 the side=puts response',
  '  --series FILE               a series response: spot, gamma flip (and legs, alone)',
  "  --reference FILE            past sessions' |bar| values as a JSON array (--min-percentile)",
  'detector options:',
  ...helpLines(DETECTOR_FLAGS),
  'output:',
  '  --explain                   add "explain": why each rule held or which bar broke it',
  '  --preview                   print the alerts the app would have fired, then a summary',
  ...helpLines(ALERT_FLAGS),
  '  --help                      this text',
].join('\n');

class ArgsError extends Error {}

export async function detectCommand(args: string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseArgs(args);
    if (parsed === 'help') {
      io.out(HELP);
      return 0;
    }
    await run(parsed, io);
    return 0;
  } catch (error) {
    if (error instanceof ArgsError) {
      io.err(`hedgeflow detect: ${error.message}\nRun 'hedgeflow detect --help' for the options.`);
      return 2;
    }
    io.err(`hedgeflow detect: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}

interface ParsedArgs {
  readonly file: string;
  readonly inputs: Partial<Record<InputFlag, string>>;
  readonly detector: DetectorSettings;
  readonly alerts: AlertSettings;
  readonly explain: boolean;
  readonly preview: boolean;
}

function parseArgs(args: readonly string[]): ParsedArgs | 'help' {
  const raw = { detector: {} as Record<string, unknown>, alerts: {} as Record<string, unknown> };
  const inputs: Partial<Record<InputFlag, string>> = {};
  const switches = { explain: false, preview: false };
  let file: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const inline = eq > 0 ? arg.slice(eq + 1) : undefined;
    const value = (): string => {
      const v = inline ?? args[++i];
      if (v === undefined) throw new ArgsError(`${name} needs a value`);
      return v;
    };
    if (name === '--help' || name === '-h') return 'help';
    if (name === '--explain' || name === '--preview') {
      switches[name === '--explain' ? 'explain' : 'preview'] = true;
      continue;
    }
    const input = INPUT_FLAGS.find((f) => `--${f}` === name);
    if (input) {
      inputs[input] = value();
      continue;
    }
    const target = findFlag(name);
    if (target) {
      const [group, key, [kind]] = target;
      raw[group][key] = kind === 'bool' ? inline !== 'false' : optionValue(name, kind, value());
      continue;
    }
    if (name.startsWith('-') && name !== '-') throw new ArgsError(`unknown option '${name}'`);
    if (file !== undefined) throw new ArgsError(`more than one input file ('${file}', '${name}')`);
    file = name;
  }
  if ([file ?? '-', ...Object.values(inputs)].filter((f) => f === '-').length > 1) {
    throw new ArgsError('standard input can be read only once');
  }
  return {
    file: file ?? '-',
    inputs,
    detector: settingsFrom(DetectorSettingsSchema, raw.detector),
    alerts: settingsFrom(AlertSettingsSchema, raw.alerts),
    ...switches,
  };
}

function findFlag(name: string): ['detector' | 'alerts', string, FlagSpec] | null {
  for (const [group, flags] of [
    ['detector', DETECTOR_FLAGS],
    ['alerts', ALERT_FLAGS],
  ] as const) {
    for (const [key, spec] of Object.entries(flags)) {
      if (flagName(key) === name) return [group, key, spec];
    }
  }
  return null;
}

function settingsFrom<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new ArgsError(`${flagName(String(issue.path[0] ?? ''))}: ${issue.message}`);
}

function optionValue(name: string, kind: FlagSpec[0], text: string): unknown {
  if (kind === 'choice') return text;
  if (kind === 'int-or-off' && text === 'off') return null;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n)) {
    throw new ArgsError(`${name}: '${text}' is not a number`);
  }
  return n;
}

// ---- Reading responses, validated by the API client's own wire schemas (API.md) ----

type HedgeFlow = z.output<typeof HedgeFlowWire>;

async function readJson<S extends z.ZodType>(io: CliIo, file: string, schema: S) {
  const label = file === '-' ? 'stdin' : file;
  let text: string;
  try {
    text = await io.readInput(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException | null)?.code;
    const reason =
      code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : messageOf(error);
    throw new Error(`${label}: cannot read (${reason})`, { cause: error });
  }
  if (text.trim() === '') throw new Error(`${label}: empty input, expected a JSON response`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${label}: not JSON (${messageOf(error)})`, { cause: error });
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data as z.output<S>;
  // A saved error body (401, 403 tier_restricted, 429...) is not hedge flow: say which it is.
  const apiError = ErrorBodyWire.safeParse(json);
  const said = apiError.success ? (apiError.data.message ?? apiError.data.detail) : undefined;
  if (said !== undefined && !Array.isArray((json as { bars?: unknown }).bars)) {
    throw new Error(`${label}: an API error response, not data: ${said}`);
  }
  const issue = parsed.error.issues[0]!;
  throw new Error(`${label}: ${pathText(issue.path)}: ${wireIssueText(issue)}`);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** ['bars', 3, 't'] -> "bars[3].t": the field path as a reader of the JSON would write it. */
function pathText(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

async function readLeg(io: CliIo, file: string | undefined, main: HedgeFlow, side: string) {
  if (file === undefined) return undefined;
  const leg = await readJson(io, file, HedgeFlowWire);
  if (leg.side !== side) throw new Error(`${file}: side is '${leg.side}', expected '${side}'`);
  checkSame(file, main, leg.symbol, leg.bar_size);
  return closedOnly(leg.bars, leg.bar_size, leg.as_of) satisfies FlowBar[];
}

function checkSame(file: string, main: HedgeFlow, symbol: string, barSize: string): void {
  if (symbol.toUpperCase() !== main.symbol.toUpperCase()) {
    throw new Error(`${file}: symbol is ${symbol}, the main response is ${main.symbol}`);
  }
  if (barSize !== main.bar_size) {
    throw new Error(`${file}: bar_size is ${barSize}, the main response is ${main.bar_size}`);
  }
}

async function run(args: ParsedArgs, io: CliIo): Promise<void> {
  const main = await readJson(io, args.file, HedgeFlowWire);
  const calls = await readLeg(io, args.inputs.calls, main, 'calls');
  const puts = await readLeg(io, args.inputs.puts, main, 'puts');
  let series: SeriesPoint[] | undefined;
  if (args.inputs.series !== undefined) {
    const s = await readJson(io, args.inputs.series, SeriesWire);
    checkSame(args.inputs.series, main, s.symbol, s.bar_size);
    series = closedOnly(s.bars, s.bar_size, s.as_of).map(toSeriesBar);
  }
  const values =
    args.inputs.reference && (await readJson(io, args.inputs.reference, z.array(z.number())));
  // With the bar size, a hole in the response's bars restarts the run (as in the app).
  const context: DetectorContext = {
    barMs: BAR_MS[main.bar_size],
    ...(values && { reference: createReference(values) }),
  };
  const bars = toDetectorBars(closedOnly(main.bars, main.bar_size, main.as_of), {
    ...(calls && { calls }),
    ...(puts && { puts }),
    ...(series && { series }),
    barSize: main.bar_size,
  });

  if (args.preview) {
    const session = bars[0] ? sessionOn(nyDate(bars[0].t)) : null;
    const references = context.reference ? { [main.symbol]: context.reference } : {};
    const result = previewAlerts({ [main.symbol]: bars }, args.detector, args.alerts, session, {
      barMs: BAR_MS[main.bar_size],
      references,
    });
    for (const a of result.alerts) {
      io.out(JSON.stringify({ alert: { ...a, t: iso(a.t), firedAt: iso(a.firedAt) } }));
    }
    const { alertCount, episodes, suppressed } = result;
    io.out(JSON.stringify({ preview: { alertCount, episodes, suppressed } }));
    return;
  }
  for (const step of scan(bars, args.detector, context)) {
    const [verdict, ...also] = step.verdicts;
    const line: Record<string, unknown> = {
      t: iso(step.t),
      verdict: verdict ? verdictJson(verdict) : null,
    };
    if (also.length > 0) line.also = also.map(verdictJson);
    if (args.explain) line.explain = step.reasons.map((r) => describeReason(r, args.detector));
    io.out(JSON.stringify(line));
  }
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

/** A verdict as printed: times as ISO strings like the API's, the line's own t left out. */
function verdictJson(v: Verdict): Record<string, unknown> {
  return {
    kind: v.kind,
    direction: v.direction,
    since: iso(v.since),
    barCount: v.barCount,
    move: v.move,
    cumulative: v.cumulative,
    legs: v.legs,
    price: v.price,
    gammaFlip: v.gammaFlip && {
      ...v.gammaFlip,
      crossedAt: v.gammaFlip.crossedAt === null ? null : iso(v.gammaFlip.crossedAt),
    },
    bars: v.bars.map((b) => ({ ...b, t: iso(b.t) })),
  };
}

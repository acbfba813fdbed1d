// `hedgeflow detect [FILE|-]`: the squeeze detector over hedge-flow responses saved from the API
// (or piped from curl). One JSON line per closed bar; --explain says why each rule held or not;
// --preview replays the day through the alert engine instead (the threshold preview).
import { z } from 'zod';
import { messageOf } from '../core/base/error-message.js';
import type { AlertSettings, DetectorSettings, Verdict } from '../core/contract/detector.js';
import { closedOnly, toDetectorBars, type SeriesPoint } from '../core/detect/bars.js';
import { createReference } from '../core/detect/distribution.js';
import { describeReason } from '../core/detect/explain.js';
import { previewAlerts } from '../core/detect/preview.js';
import { scan } from '../core/detect/detector.js';
import { type DetectorContext } from '../core/detect/types.js';
import { ErrorBodyWire, HedgeFlowWire, SeriesWire } from '../core/api/wire-schemas.js';
import { toSeriesBar } from '../core/api/series-mapping.js';
import { wireIssueText } from '../core/api/wire-issue.js';
import { BAR_MS, type FlowBar } from '../core/model/flow.js';
import { nyDate, sessionOn } from '../calendar/index.js';
import { parseCommandLine, SWITCH, VALUE } from './argv.js';
import {
  ALERT_FLAGS,
  DETECTOR_FLAGS,
  DETECTOR_OPTIONS,
  detectorSettings,
  flagError,
  helpLines,
} from './detector-flags.js';
import { reportFailure, type CliIo } from './io.js';

export { flagName } from './argv.js';
export { DETECTOR_FLAGS } from './detector-flags.js';

const OPTIONS = {
  calls: VALUE,
  puts: VALUE,
  series: VALUE,
  reference: VALUE,
  explain: SWITCH,
  preview: SWITCH,
  ...DETECTOR_OPTIONS,
};

type InputFlag = 'calls' | 'puts' | 'series' | 'reference';

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

export async function detectCommand(args: string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseDetectArgs(args);
    if (parsed === 'help') {
      io.out(HELP);
      return 0;
    }
    await run(parsed, io);
    return 0;
  } catch (error) {
    return reportFailure(io, 'detect', error);
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

function parseDetectArgs(args: readonly string[]): ParsedArgs | 'help' {
  const line = parseCommandLine(args, OPTIONS, { positionals: 1 });
  if (line.help) return 'help';
  const { values, positionals } = line;
  const { calls, puts, series, reference } = values;
  const inputs = {
    ...(calls !== undefined && { calls }),
    ...(puts !== undefined && { puts }),
    ...(series !== undefined && { series }),
    ...(reference !== undefined && { reference }),
  };
  const file = positionals[0] ?? '-';
  if ([file, ...Object.values(inputs)].filter((f) => f === '-').length > 1) {
    throw flagError('standard input can be read only once');
  }
  return {
    file,
    inputs,
    ...detectorSettings(values),
    explain: values.explain ?? false,
    preview: values.preview ?? false,
  };
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

// `hedgeflow sim`: the hedge-flow simulator as an API-compatible HTTP server. The first stdout
// line is `listening on http://HOST:PORT`; everything else goes to stderr. Runs until
// interrupted, then closes (flushing any recording) and exits 0.
import { readFile } from 'node:fs/promises';
import { messageOf } from '../core/base/error-message.js';
import { completeProfile, type SymbolProfileInput } from '../sim/engine/model/symbols.js';
import { parseRecording, type Recording } from '../sim/engine/replay/parse-recording.js';
import { parseClockSpec } from '../sim/server/clock.js';
import { parseFaultSpec } from '../sim/server/faults.js';
import { parseKeys } from '../sim/server/keys-file.js';
import { startSimServer } from '../sim/server/http-server.js';
import { parseCommandLine, SWITCH, VALUE, wholeNumber } from './argv.js';
import { UsageError, type CliIo } from './io.js';

export const SIM_USAGE = `usage: hedgeflow sim [options]

Serves FlashAlpha's API (hedge-flow, series, stockquote, account, health) from a model of
today's 0DTE market and its dealers' hedging, or from a recorded session.

options:
  --port N           port to listen on (default 8787; 0 = any free port)
  --host HOST        interface to bind (default 127.0.0.1)
  --seed N           seed of the model; same seed, symbol, date and clock = same bars (default 1)
  --clock START@SPEED
                     virtual clock: START is an ISO-8601 instant with an offset, SPEED a
                     multiple of real time, e.g. 2026-06-05T09:30:00-04:00@60 (default: real
                     time; with --replay, the first recorded open at 1x)
  --keys FILE        JSON list of {"key": "...", "plan": "free|basic|growth|alpha|enterprise"}
                     (default: free-key, basic-key, growth-key, alpha-key)
  --symbols FILE     JSON list of extra symbol profiles, e.g. [{"symbol":"TSLA","anchorPrice":250}]
  --faults SPEC      seeded fault injection, comma-separated KIND=RATE or KIND=PARAM:RATE:
                       latency=200ms:0.1  delay 10% of responses (200ms, 1.5s or 50-400ms)
                       5xx=0.05           500/502/503 instead of an answer
                       reset=0.02         drop the connection without answering
                       malformed=0.02     a 200 whose JSON does not parse
                       truncated=0.02     half the body, then the connection is cut
                       429burst=5:0.01    start a burst of 5 rate-limited requests (429)
                       seed=N             fault stream seed (default: --seed)
  --record FILE      write the session (customer tape + 30 s raw tier) as NDJSON
  --replay FILE      serve a recorded session instead of the model
  --verbose          log every request to stderr
  -h, --help         this help`;

const OPTIONS = {
  port: VALUE,
  host: VALUE,
  seed: VALUE,
  clock: VALUE,
  keys: VALUE,
  symbols: VALUE,
  faults: VALUE,
  record: VALUE,
  replay: VALUE,
  verbose: SWITCH,
};

/** A whole number in [min, max] (cli/argv.ts: decimal digits only), or the default. */
function integer(
  text: string | undefined,
  name: string,
  fallback: number,
  range: readonly [number, number],
): number {
  if (text === undefined) return fallback;
  const n = wholeNumber(text, range);
  if (n === null) {
    throw new UsageError(
      `--${name} must be a whole number from ${range[0]} to ${range[1]}, got '${text}'`,
    );
  }
  return n;
}

const PORTS = [0, 65535] as const;
/** Seeds are 32-bit (the streams hash `seed >>> 0`): a larger one would alias a smaller one. */
const SEEDS = [0, 0xffff_ffff] as const;

function checked<T>(what: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    throw new UsageError(`${what}: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

/** A file named by a flag: missing, unreadable or invalid is a usage error naming both. */
async function fromFile<T>(flag: string, file: string, parse: (text: string) => T): Promise<T> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? messageOf(error);
    throw new UsageError(`--${flag} ${file}: cannot be read (${why})`, { cause: error });
  }
  return checked(`--${flag} ${file}`, () => parse(text));
}

function parseSymbols(text: string): SymbolProfileInput[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new Error(`not JSON (${messageOf(error)})`, {
      cause: error,
    });
  }
  const valid =
    Array.isArray(data) &&
    data.every(
      (e: unknown) =>
        typeof e === 'object' &&
        e !== null &&
        typeof (e as { symbol?: unknown }).symbol === 'string' &&
        typeof (e as { anchorPrice?: unknown }).anchorPrice === 'number',
    );
  if (!valid) throw new Error('expected a JSON list of {symbol, anchorPrice, ...}');
  const profiles = data as SymbolProfileInput[];
  // Each profile must be one the model can run; the error names the field.
  profiles.forEach((p, i) => {
    try {
      completeProfile(p);
    } catch (error) {
      throw new Error(`[${i}]: ${messageOf(error)}`, {
        cause: error,
      });
    }
  });
  return profiles;
}

export async function simCommand(args: string[], io: CliIo): Promise<number> {
  const line = parseCommandLine(args, OPTIONS);
  if (line.help) {
    io.err(SIM_USAGE);
    return 0;
  }
  const { values } = line;
  const port = integer(values.port, 'port', 8787, PORTS);
  const seed = integer(values.seed, 'seed', 1, SEEDS);
  // An empty host makes node listen on every interface: the simulator stays on this machine
  // unless a host is named.
  if (values.host !== undefined && values.host.trim() === '') {
    throw new UsageError('--host needs an interface, e.g. 127.0.0.1');
  }
  const clock =
    values.clock === undefined
      ? undefined
      : checked('--clock', () => parseClockSpec(values.clock ?? ''));
  const faults =
    values.faults === undefined
      ? undefined
      : checked('--faults', () => parseFaultSpec(values.faults ?? ''));
  if (values.record !== undefined && values.replay !== undefined) {
    throw new UsageError('--record and --replay exclude each other');
  }
  const keys =
    values.keys === undefined
      ? undefined
      : await fromFile('keys', values.keys, (text) => parseKeys(text, 'keys'));
  const symbols =
    values.symbols === undefined
      ? undefined
      : await fromFile('symbols', values.symbols, parseSymbols);
  const replay: Recording | undefined =
    values.replay === undefined
      ? undefined
      : await fromFile('replay', values.replay, parseRecording);

  const server = await startSimServer({
    host: values.host ?? '127.0.0.1',
    port,
    seed,
    ...(clock ? { clock } : {}),
    ...(faults ? { faults } : {}),
    ...(keys ? { keys } : {}),
    ...(symbols ? { symbols } : {}),
    ...(values.record ? { record: values.record } : {}),
    ...(replay ? { replay } : {}),
    logRequests: values.verbose ?? false,
    log: (line) => io.err(`hedgeflow sim: ${line}`),
  });
  io.out(`listening on ${server.url}`);
  const speed = server.clock.speed;
  io.err(
    `hedgeflow sim: ${server.simulator.source === 'replay' ? `replaying ${values.replay}` : `seed ${server.simulator.seed}`}, ` +
      `clock ${new Date(server.clock.now()).toISOString()} at ${speed}x, symbols ${server.simulator.symbols().join(',')}`,
  );
  await io.interrupted;
  io.err('hedgeflow sim: shutting down');
  await server.close();
  return 0;
}

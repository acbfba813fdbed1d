// The simulator on node:http: every request is answered by the pure router at the clock's
// virtual now, through the fault injector. Tests start it on 127.0.0.1 port 0 in-process.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { readFileSync } from 'node:fs';
import { messageOf } from '../../core/base/error-message.js';
import { createSimulator, type Simulator } from '../engine/simulator.js';
import { parseRecording, type Recording } from '../engine/replay/parse-recording.js';
import { type ApiKey } from '../engine/api/plans.js';
import { type SimResponse } from '../engine/api/types.js';
import { type SymbolProfileInput } from '../engine/model/symbols.js';
import { createClock, parseClockSpec, type ClockSetting, type SimClock } from './clock.js';
import { FaultInjector, parseFaultSpec, type FaultDecision, type FaultSpec } from './faults.js';
import { startRecorder, type Recorder } from './recorder.js';

export interface SimServerOptions {
  /** Default 127.0.0.1. */
  readonly host?: string;
  /** Default 0 (any free port). */
  readonly port?: number;
  readonly seed?: number;
  readonly keys?: readonly ApiKey[];
  readonly symbols?: readonly SymbolProfileInput[];
  /** A clock, its setting, or a `START@SPEED` spec; default real time (or a replay's open). */
  readonly clock?: SimClock | ClockSetting | string;
  /** A fault spec (see faults.ts) or its parsed form. */
  readonly faults?: string | FaultSpec;
  /** Append the session (tape and raw tier) to this NDJSON file. */
  readonly record?: string;
  /** Serve a recorded session instead of the model: an NDJSON file's path, or its parsed form. */
  readonly replay?: string | Recording;
  /** Diagnostics (faults, recorder); default none. */
  readonly log?: (line: string) => void;
  /** Also log one line per request. */
  readonly logRequests?: boolean;
}

export interface SimServer {
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly clock: SimClock;
  readonly simulator: Simulator;
  /** Requests received so far. */
  readonly requests: number;
  close(): Promise<void>;
}

export async function startSimServer(options: SimServerOptions = {}): Promise<SimServer> {
  const log = options.log ?? (() => undefined);
  const recording =
    typeof options.replay === 'string'
      ? parseRecording(readFileSync(options.replay, 'utf8'))
      : options.replay;
  const simulator = createSimulator({
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.keys ? { keys: options.keys } : {}),
    ...(options.symbols ? { symbols: options.symbols } : {}),
    ...(recording ? { replay: recording } : {}),
    keepTape: Boolean(options.record),
    // A recorded day keeps its tape (~10 MB per symbol): hold about two days, not 64.
    ...(options.record ? { maxCachedDays: 8 } : {}),
  });
  const clock = resolveClock(options.clock, recording ? firstOpen(simulator) : undefined);
  const spec = typeof options.faults === 'string' ? parseFaultSpec(options.faults) : options.faults;
  const faults = spec ? new FaultInjector(spec, simulator.seed) : null;
  const sockets = new Set<Socket>();
  let requests = 0;

  const server = createServer((req, res) => {
    requests++;
    const decision = faults?.active && !isHealth(req) ? faults.next() : null;
    const respond = (): void => {
      try {
        serve(req, res, simulator, clock, decision, log, options);
      } catch (error) {
        // A bug must cost one request, not the server every other test talks to.
        log(
          `internal error on ${req.method ?? '?'} ${redactKey(req.url ?? '/')}: ${messageOf(error)}`,
        );
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ detail: 'Internal simulator error.' }));
      }
    };
    if (decision && decision.delayMs > 0) setTimeout(respond, decision.delayMs);
    else respond();
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // The recording file is created before the port opens: a path that cannot be written is an
  // error at start, not a server that listens and then records nothing.
  const recorder: Recorder | null = options.record
    ? startRecorder(options.record, simulator, clock, simulator.symbols(), log)
    : null;
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  } catch (error) {
    recorder?.stop();
    throw error;
  }
  if (options.record) log(`recording to ${options.record}`);
  const address = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${address.port}`,
    host,
    port: address.port,
    clock,
    simulator,
    get requests() {
      return requests;
    },
    async close() {
      recorder?.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
    },
  };
}

function isHealth(req: IncomingMessage): boolean {
  return (req.url ?? '').split('?')[0] === '/health';
}

function serve(
  req: IncomingMessage,
  res: ServerResponse,
  sim: Simulator,
  clock: SimClock,
  decision: FaultDecision | null,
  log: (line: string) => void,
  options: SimServerOptions,
): void {
  const action = decision?.action ?? 'none';
  const what = `${req.method ?? '?'} ${redactKey(req.url ?? '/')}`;
  if (decision && action !== 'none') log(`fault #${decision.request} ${action} ${what}`);
  if (action === 'reset') {
    req.socket.destroy();
    return;
  }
  const now = clock.now();
  let response: SimResponse;
  if (action === '5xx') response = serverError(decision?.detail ?? 500);
  else if (action === '429') response = burst429(req, sim, now, decision?.detail ?? 1);
  else
    response = sim.handle(
      { method: req.method ?? 'GET', url: req.url ?? '/', headers: lowerHeaders(req) },
      now,
    );
  if (options.logRequests) log(`${response.status} ${what}`);
  let body = Buffer.from(action === 'malformed' ? malform(response.body) : response.body, 'utf8');
  const headers = { ...response.headers, 'content-length': String(body.length) };
  res.writeHead(response.status, headers);
  if (action === 'truncated') {
    body = body.subarray(0, Math.floor(body.length / 2));
    res.write(body, () => res.destroy());
    return;
  }
  res.end(body);
}

function lowerHeaders(req: IncomingMessage): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    out[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return out;
}

/** A JSON body whose last '}' became ']': never valid JSON, whatever the body was. */
function malform(body: string): string {
  return body.length > 0 ? `${body.slice(0, -1)}]` : '{';
}

function serverError(status: number): SimResponse {
  if (status === 502) {
    return {
      status,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: 'Bad Gateway',
    };
  }
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: JSON.stringify({ detail: 'Simulated server fault (fault injection).' }),
  };
}

function burst429(
  req: IncomingMessage,
  sim: Simulator,
  nowMs: number,
  retryAfter: number,
): SimResponse {
  const url = new URL(req.url ?? '/', 'http://sim.invalid');
  const header = req.headers['x-api-key'];
  const key = (typeof header === 'string' ? header : url.searchParams.get('apiKey'))?.trim() ?? '';
  return {
    status: 429,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'retry-after': String(retryAfter),
      ...(sim.rateLimit(key, nowMs) ?? {}),
    },
    body: JSON.stringify({ detail: `Too many requests. Retry after ${retryAfter} seconds.` }),
  };
}

/**
 * The URL with the value of every query parameter whose decoded name is `apiKey` (any case)
 * masked: the router reads `api%4Bey=` as `apiKey=`, and a key may be sent more than once.
 */
function redactKey(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const hash = url.indexOf('#', q);
  const query = url.slice(q + 1, hash < 0 ? undefined : hash);
  const masked = query
    .split('&')
    .map((part) => {
      const eq = part.indexOf('=');
      const rawName = eq < 0 ? part : part.slice(0, eq);
      let name = rawName;
      try {
        name = decodeURIComponent(rawName.replace(/\+/g, ' '));
      } catch {
        // An undecodable name is not the key parameter the router reads.
      }
      return name.trim().toLowerCase() === 'apikey' ? `${rawName}=***` : part;
    })
    .join('&');
  return `${url.slice(0, q + 1)}${masked}${hash < 0 ? '' : url.slice(hash)}`;
}

function resolveClock(clock: SimServerOptions['clock'], replayOpen: number | undefined): SimClock {
  if (clock && typeof clock === 'object' && 'now' in clock) return clock;
  const setting = typeof clock === 'string' ? parseClockSpec(clock) : (clock ?? {});
  return createClock({ ...setting, start: setting.start ?? replayOpen });
}

/** A replay's default clock: the first recorded session's open. */
function firstOpen(sim: Simulator): number | undefined {
  return sim.recordedSessions()[0]?.open;
}

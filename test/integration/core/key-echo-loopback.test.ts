// Issue 15, item 1, over real HTTP: a hostile server (or a proxy in front of FlashAlpha) on
// loopback echoes the X-Api-Key it receives in every way an HTTP answer can carry text: JSON
// error bodies, plain text, a proxy's HTML page, response headers, the status line's reason
// phrase, a 200 that is not JSON or names another symbol, a redirect, a body cut off mid-way.
// The key is echoed as sent, upper-cased, lower-cased and URL-encoded, at offsets on both sides
// of every cut the client makes. The real fetch transport and client, then the whole app (views,
// pushes, the log file) and `hedgeflow watch --json --verbose` (stdout, stderr), must show no
// run of 6+ characters of it.
import { createServer, type IncomingMessage, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { watchCommand } from '../../../cli/watch-command.js';
import { fetchTransport } from '../../../core/adapters/fetch-transport.js';
import { FlashAlphaClient } from '../../../core/api/client.js';
import { ApiError } from '../../../core/api/errors.js';
import { HedgeFlowApp } from '../../../core/app/hedgeflow-app.js';
import { toErrorView } from '../../../core/app/error-view.js';
import { PUSH_EVENTS } from '../../../core/contract/channels.js';
import { ManualClock } from '../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../core/fakes/memory-secret-store.js';
import { MemoryStorage } from '../../../core/fakes/memory-storage.js';
import { RecordingNotifier } from '../../../core/fakes/recording-notifier.js';
import { createLogger } from '../../../core/log/logger.js';
import { RotatingLogFile } from '../../../electron/log-file.js';
import { filler, keyForms, leakedRuns } from '../../support/secret-leaks.js';

const KEY = 'fa+live/7D3c=91e2:b5A4_0f68';
const OPEN = Date.parse('2026-06-05T14:30:00Z');
const TEXT_LENGTH = 260;
/** Both sides of the 20-, 40- and 200-character cuts. */
const OFFSETS = [0, 5, 15, 30, 190, 200];

type Echo = (res: ServerResponse, text: string, form: string) => void;

const hedgeFlowJson = (symbol: string): string =>
  JSON.stringify({
    symbol,
    expiration: '2026-06-05',
    as_of: '2026-06-05T14:30:00Z',
    side: 'all',
    bar_size: '1m',
    bars: [],
  });

/** Each way a server can hand the key back. */
const ECHOES: Record<string, Echo> = {
  'a 400 JSON message': (res, text) => {
    res.writeHead(400, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: 'invalid_side', message: text }));
  },
  'a 429 detail and plan': (res, text) => {
    res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '5' });
    res.end(JSON.stringify({ detail: text, current_plan: text }));
  },
  'a 500 plain-text body': (res, text) => {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(text);
  },
  "a proxy's 502 HTML page": (res, text) => {
    res.writeHead(502, { 'content-type': 'text/html' });
    res.end(`<!doctype html><html><head><title>${text}</title></head><body>${text}</body></html>`);
  },
  'response headers': (res, _text, form) => {
    res.writeHead(503, {
      'content-type': 'application/json',
      'x-echo': form,
      'retry-after': form,
      'x-ratelimit-limit': form,
      'x-ratelimit-remaining': form,
      'x-ratelimit-reset': form,
      'www-authenticate': `ApiKey realm="${form}"`,
    });
    res.end('{}');
  },
  'the status reason phrase': (res, _text, form) => {
    res.writeHead(503, `Unavailable for ${form}`, { 'content-type': 'text/plain' });
    res.end();
  },
  'a 200 that is not JSON': (res, text) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(text);
  },
  'a 200 for another symbol': (res, text) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(hedgeFlowJson(text));
  },
  'a redirect to a URL with it': (res, _text, form) => {
    res.writeHead(302, { location: `http://127.0.0.1:1/login?key=${form}` });
    res.end(form);
  },
  'a body cut off after it': (res, text) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100000' });
    res.write(hedgeFlowJson(text).slice(0, -5), () => res.destroy());
  },
};

interface Scenario {
  echo: string;
  form: string;
  offset: number;
}

let server: Server;
let baseUrl = '';
let scenario: Scenario = { echo: 'a 500 plain-text body', form: KEY, offset: 0 };
let dir = '';

function answer(req: IncomingMessage, res: ServerResponse): void {
  const sent = String(req.headers['x-api-key'] ?? '');
  // The form is applied to the key the server received, as an echoing server would.
  const forms = keyForms(sent);
  const form = forms[scenario.form] ?? sent;
  const offset = Math.min(scenario.offset, TEXT_LENGTH - form.length);
  const text = `${filler(offset)}${form}${filler(TEXT_LENGTH - offset - form.length)}`;
  ECHOES[scenario.echo]!(res, text, form);
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-echo-'));
  server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

async function clientError(): Promise<ApiError> {
  const client = new FlashAlphaClient({
    baseUrl,
    apiKey: () => KEY,
    transport: fetchTransport,
    now: () => OPEN,
  });
  try {
    await client.hedgeFlow('SPY', { side: 'all', bar: '1m', minutes: 5 });
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error(`${scenario.echo}: expected an error`);
}

/** Waits until the poll loop has planned its next wake-up (its requests are real HTTP). */
async function cycleDone(clock: ManualClock): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (clock.pendingTimers === 0 && Date.now() < deadline) {
    await new Promise<void>((resolve) => setTimeout(resolve, 2));
  }
}

async function drive(clock: ManualClock, cycles: number): Promise<void> {
  for (let i = 0; i < cycles; i++) {
    await cycleDone(clock);
    const next = clock.nextTimerAt();
    if (next === null) return;
    clock.advanceTo(next);
  }
  await cycleDone(clock);
}

async function appSinks(run: string): Promise<string[]> {
  const clock = new ManualClock(OPEN);
  const logFile = new RotatingLogFile(path.join(dir, run));
  const app = await HedgeFlowApp.create({
    clock,
    http: fetchTransport,
    secrets: new MemorySecretStore(KEY),
    notifier: new RecordingNotifier(),
    storage: new MemoryStorage(),
    logger: createLogger((line) => logFile.write(line), { level: 'debug', now: () => clock.now() }),
    createSimulator: () => {
      throw new Error('no demo in this test');
    },
  });
  expect(await app.updateSettings({ symbols: ['SPY'], baseUrl })).toMatchObject({ ok: true });
  const pushed: string[] = [];
  for (const event of PUSH_EVENTS) app.on(event, (p) => pushed.push(JSON.stringify(p)));
  app.start();
  await drive(clock, 2);
  await app.stop();
  const log = await readFile(logFile.file, 'utf8').catch(() => '');
  return [JSON.stringify(app.snapshot()), ...pushed, log];
}

async function watchSinks(): Promise<string[]> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readInput: async () => '',
    env: { HEDGEFLOW_API_KEY: KEY },
    isTty: false,
    interrupted: new Promise<void>(() => {}),
  };
  const clock = new ManualClock(OPEN);
  let stop: () => void = () => {};
  const until = new Promise<void>((resolve) => (stop = resolve));
  const done = watchCommand(
    ['--symbols', 'SPY', '--base-url', baseUrl, '--json', '--verbose'],
    io,
    { clock, until },
  );
  await drive(clock, 2);
  stop();
  expect(await done).toBe(0);
  return [out.join('\n'), err.join('\n')];
}

describe('a loopback server that echoes the key', () => {
  for (const echo of Object.keys(ECHOES)) {
    it(`${echo}: no run of the key in the client's error, in any form, at any cut`, async () => {
      const leaks: string[] = [];
      for (const form of Object.keys(keyForms(KEY))) {
        for (const offset of OFFSETS) {
          scenario = { echo, form, offset };
          const e = await clientError();
          const shown = [
            e.message,
            JSON.stringify(e.details),
            String(e.stack),
            JSON.stringify(toErrorView(e, OPEN)),
          ].join('\n');
          const runs = leakedRuns(shown, KEY);
          if (runs.length > 0) leaks.push(`${form} at ${offset}: ${runs.join(', ')}`);
        }
      }
      expect(leaks.slice(0, 5), `${leaks.length} leaks`).toEqual([]);
    });
  }

  it('reaches no view, push or log file of the app, nor watch --json stdout or stderr', async () => {
    const forms = Object.keys(keyForms(KEY));
    const leaks: string[] = [];
    let i = 0;
    for (const echo of Object.keys(ECHOES)) {
      // Each echo with a different form and offset: the client test above covers them all.
      scenario = { echo, form: forms[i % forms.length]!, offset: OFFSETS[i % OFFSETS.length]! };
      const sinks = [...(await appSinks(`run-${i}`)), ...(await watchSinks())];
      // The failure reached the sinks (so the check can fail): a view and a log line say so.
      expect(sinks.join('\n'), echo).toMatch(/"kind":"error"/);
      expect(sinks.join('\n'), echo).toMatch(/poll failed/);
      for (const sink of sinks) {
        const runs = leakedRuns(sink, KEY);
        if (runs.length > 0) leaks.push(`${echo} (${scenario.form}): ${runs.join(', ')}`);
      }
      i++;
    }
    expect(leaks).toEqual([]);
  }, 60_000);
});

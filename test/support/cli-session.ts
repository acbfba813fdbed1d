// A whole session the way a user runs one: `hedgeflow sim` on a scaled clock (in-process, real
// HTTP on loopback), the fault proxy in front of it, and the built `hedgeflow watch --json` as a
// child process on the same scaled clock, until every symbol's day is settled. Then what watch
// printed is checked against the server's own 390-minute answer (watchProblems), and the
// history it wrote against the same (day-check.ts).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fsStorage } from '../../core/adapters/fs-storage.js';
import { HistoryStore } from '../../core/history/history-store.js';
import type { BarSize } from '../../core/model/flow.js';
import { sessionOn } from '../../calendar/index.js';
import { startSimServer, type SimServer } from '../../sim/server/http-server.js';
import { spawnCli } from './built-cli.js';
import type { TruthBar } from './day-check.js';
import { startFaultProxy, type FaultProxy } from './fault-proxy.js';

export const KEY = 'growth-key';

export interface CliSessionOptions {
  readonly date: string;
  readonly symbols: readonly string[];
  readonly bar: BarSize;
  /** Market ms per real ms. */
  readonly speed: number;
  /** The proxy's fault spec (sim/server/faults.ts). */
  readonly faults: string;
  /** Each way's random wall-clock delay at the proxy, ms. */
  readonly latencyMaxMs: number;
  readonly seed: number;
  /** Give up after this much wall time. */
  readonly wallTimeoutMs: number;
  /**
   * When watch starts, in minutes after the open (default -3: before it). A later start is an
   * app opened mid-session, which must backfill the day from the open.
   */
  readonly startMinutesAfterOpen?: number;
}

export interface CliSession {
  readonly events: Record<string, unknown>[];
  readonly stdout: string;
  readonly stderr: string;
  readonly server: SimServer;
  readonly proxy: FaultProxy;
  readonly history: HistoryStore;
  /** Wall time the run took. */
  readonly wallMs: number;
  /** Requests the server counted against the key today. */
  readonly used: number;
}

interface DayEvent {
  readonly type: string;
  readonly symbol?: string;
  readonly day?: { readonly state: string };
}

export async function runCliSession(o: CliSessionOptions): Promise<CliSession> {
  const session = sessionOn(o.date)!;
  const start = session.open + (o.startMinutesAfterOpen ?? -3) * 60_000;
  const iso = new Date(start).toISOString().replace('.000Z', 'Z');
  const server = await startSimServer({ seed: o.seed, clock: { start, speed: o.speed } });
  const proxy = await startFaultProxy({
    upstream: server.url,
    faults: o.faults,
    latencyMaxMs: o.latencyMaxMs,
    seed: o.seed,
    key: KEY,
  });
  const home = mkdtempSync(path.join(tmpdir(), 'hedgeflow-session-'));
  const dataDir = path.join(home, 'data');
  const began = Date.now();
  const child = spawnCli(
    [
      'watch',
      ...['--base-url', proxy.url, '--clock', `${iso}@${o.speed}`, '--json'],
      ...['--symbols', o.symbols.join(','), '--bar', o.bar, '--data-dir', dataDir],
    ],
    { ...process.env, HOME: home, XDG_DATA_HOME: path.join(home, 'xdg'), HEDGEFLOW_API_KEY: KEY },
  );
  let stdout = '';
  let stderr = '';
  const events: Record<string, unknown>[] = [];
  const settled = new Map<string, string>();
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGINT');
      reject(
        new Error(`no settled day within ${o.wallTimeoutMs} ms; stderr: ${stderr.slice(-2000)}`),
      );
    }, o.wallTimeoutMs);
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
      const lines = stdout.split('\n');
      for (const line of lines.slice(events.length, -1)) {
        const event = JSON.parse(line) as Record<string, unknown> & DayEvent;
        events.push(event);
        if (event.type === 'status' && event.symbol && event.day) {
          settled.set(event.symbol, event.day.state);
        }
      }
      if (o.symbols.every((s) => ['complete', 'incomplete'].includes(settled.get(s) ?? ''))) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`watch exited (${code}) early; stderr: ${stderr.slice(-2000)}`));
    });
  });
  child.kill('SIGINT');
  await exited;
  const wallMs = Date.now() - began;
  const limit = 2_500;
  const rl = server.simulator.rateLimit(KEY, server.clock.now());
  const used = limit - Number(rl?.['x-ratelimit-remaining'] ?? limit);
  await proxy.close();
  return {
    events,
    stdout,
    stderr,
    server,
    proxy,
    history: new HistoryStore(fsStorage(dataDir)),
    wallMs,
    used,
  };
}

interface PrintedBar {
  readonly t: number;
  readonly bar: number | null;
  readonly cumulative: number | null;
  readonly calls: number | null;
  readonly puts: number | null;
  readonly callsCumulative: number | null;
  readonly putsCumulative: number | null;
  readonly closed: boolean;
}

const FIELDS = ['bar', 'cumulative', 'calls', 'puts', 'callsCumulative', 'putsCumulative'] as const;

const time = (t: number) => new Date(t).toISOString().slice(11, 19);

/**
 * Everything wrong with what watch printed for one symbol: a closed bar the server never had,
 * a printed value (known, not null) that differs from the server's, a closed bar never printed
 * with all its values known, a day not reported complete.
 */
export function watchProblems(
  events: readonly Record<string, unknown>[],
  symbol: string,
  truth: readonly TruthBar[],
): string[] {
  const out: string[] = [];
  const want = new Map(
    truth.map((b) => [
      b.t,
      {
        bar: b.all.bar,
        cumulative: b.all.cumulative,
        calls: b.calls.bar,
        puts: b.puts.bar,
        callsCumulative: b.calls.cumulative,
        putsCumulative: b.puts.cumulative,
      },
    ]),
  );
  const last = new Map<number, PrintedBar>();
  for (const e of events) {
    if (e.type !== 'bars' || e.symbol !== symbol) continue;
    for (const b of e.bars as PrintedBar[]) {
      if (!b.closed) continue;
      const w = want.get(b.t);
      if (!w) {
        out.push(`${symbol} ${time(b.t)}: printed closed, but the server has no such bar`);
        continue;
      }
      for (const f of FIELDS) {
        if (b[f] !== null && b[f] !== w[f])
          out.push(`${symbol} ${time(b.t)} ${f}: ${b[f]} != ${w[f]}`);
      }
      last.set(b.t, b);
    }
  }
  for (const [t, w] of want) {
    const b = last.get(t);
    if (!b) out.push(`${symbol} ${time(t)}: never printed`);
    else if (FIELDS.some((f) => b[f] !== w[f]))
      out.push(`${symbol} ${time(t)}: last printed with unknowns`);
  }
  const status = events.filter((e) => e.type === 'status' && e.symbol === symbol).at(-1) as
    DayEvent | undefined;
  if (status?.day?.state !== 'complete')
    out.push(`${symbol}: day ${status?.day?.state ?? 'not reported'}`);
  return out;
}

// `hedgeflow sim` in-process: the first stdout line names the URL, the server answers on it,
// and an interrupt closes it with exit code 0.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { simCommand } from '../../../cli/sim-command.js';
import { fetchTransport } from '../../../core/adapters/fetch-transport.js';
import { FlashAlphaClient } from '../../../core/api/client.js';
import type { FlowBar } from '../../../core/model/flow.js';
import { simTransport } from '../../../core/source/sim-transport.js';
import { createSimulator } from '../../../sim/engine/simulator.js';
import { parseRecording } from '../../../sim/engine/replay/parse-recording.js';

function fakeIo(): {
  io: CliIo;
  out: string[];
  err: string[];
  interrupt: () => void;
  firstLine: Promise<string>;
} {
  const out: string[] = [];
  const err: string[] = [];
  let interrupt = (): void => undefined;
  let gotLine = (_: string): void => undefined;
  const firstLine = new Promise<string>((resolve) => (gotLine = resolve));
  const interrupted = new Promise<void>((resolve) => (interrupt = resolve));
  const io: CliIo = {
    out: (text) => {
      out.push(text);
      gotLine(text);
    },
    err: (text) => void err.push(text),
    readInput: () => Promise.reject(new Error('no input')),
    env: {},
    isTty: false,
    interrupted,
  };
  return { io, out, err, interrupt, firstLine };
}

describe('hedgeflow sim', () => {
  it('listens, prints its URL first, serves the API on the virtual clock and stops on interrupt', async () => {
    const { io, out, err, interrupt, firstLine } = fakeIo();
    const done = simCommand(
      ['--port', '0', '--clock', '2026-06-05T09:30:00-04:00@60', '--seed', '3'],
      io,
    );
    const line = await firstLine;
    expect(line).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    const url = line.replace('listening on ', '');
    const res = await fetch(`${url}/v1/flow/zero-dte/hedge-flow/SPY?bar=1m`, {
      headers: { 'X-Api-Key': 'growth-key' },
    });
    const body = (await res.json()) as { expiration: string; as_of: string };
    expect(res.status).toBe(200);
    expect(body.expiration).toBe('2026-06-05');
    expect(body.as_of.startsWith('2026-06-05T13:3')).toBe(true);
    interrupt();
    expect(await done).toBe(0);
    expect(out).toHaveLength(1);
    expect(err.join('\n')).toMatch(/seed 3/);
  });

  it('prints usage with the fault syntax on --help and rejects bad flags with exit code 2', async () => {
    const help = fakeIo();
    expect(await simCommand(['--help'], help.io)).toBe(0);
    expect(help.err.join('\n')).toMatch(/429burst=5:0\.01/);
    for (const args of [
      ['--bogus'],
      ['--faults', 'flood=1'],
      ['--clock', 'tomorrow'],
      ['--port', 'x'],
    ]) {
      const bad = fakeIo();
      expect(await main(['sim', ...args], bad.io)).toBe(2);
      expect(bad.err.join('\n')).toMatch(/^hedgeflow sim: /);
    }
  });
});

/** `hedgeflow sim ARGS` through the CLI's entry point: its URL once listening, and a stop. */
async function cli(args: string[]) {
  const f = fakeIo();
  const done = main(['sim', ...args], f.io);
  const line = await Promise.race([
    f.firstLine,
    done.then((code) => {
      throw new Error(`hedgeflow sim exited ${code}: ${f.err.join('\n')}`);
    }),
  ]);
  return {
    url: line.replace('listening on ', ''),
    err: f.err,
    stop: async (): Promise<number> => {
      f.interrupt();
      return done;
    },
  };
}

function clientFor(url: string, key: string, now: () => number = Date.now): FlashAlphaClient {
  return new FlashAlphaClient({ baseUrl: url, apiKey: () => key, transport: fetchTransport, now });
}

describe('hedgeflow sim files', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hedgeflow-sim-cli-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('--record FILE then --replay FILE: the recorded day is served back, and the client parses it', async () => {
    const file = join(dir, 'day.ndjson');
    // 600x: ten virtual minutes a real second. Record until the server's clock passes 09:42.
    const live = await cli([
      '--port',
      '0',
      '--seed',
      '4',
      '--clock',
      '2026-06-05T09:30:00-04:00@600',
      '--record',
      file,
    ]);
    const liveClient = clientFor(live.url, 'growth-key');
    for (;;) {
      const { data } = await liveClient.hedgeFlow('SPY', { side: 'all', bar: '1m', minutes: 5 });
      if (data.asOf >= Date.parse('2026-06-05T13:42:00Z')) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await live.stop()).toBe(0);
    expect(live.err.join('\n')).toContain(`recording to ${file}`);
    const recording = parseRecording(await readFile(file, 'utf8'));
    expect(recording.seed).toBe(4);
    expect([...recording.days.keys()].sort()).toEqual(
      ['IWM', 'QQQ', 'SPX', 'SPY'].map((s) => `${s}|2026-06-05`),
    );

    // Replayed on a frozen clock at 09:40 New York, read through the app's own client.
    const at = Date.parse('2026-06-05T13:40:00Z');
    const replay = await cli([
      '--port',
      '0',
      '--replay',
      file,
      '--clock',
      '2026-06-05T13:40:00Z@0',
    ]);
    const model = new FlashAlphaClient({
      baseUrl: 'https://model.invalid',
      apiKey: () => 'growth-key',
      transport: simTransport(createSimulator({ seed: 4 }), () => at),
      now: () => at,
    });
    try {
      expect(replay.err.join('\n')).toContain(`replaying ${file}`);
      const c = clientFor(replay.url, 'growth-key', () => at);
      const closed = (bars: readonly FlowBar[], asOf: number, ms: number) =>
        bars.filter((b) => b.t + ms <= asOf);
      for (const side of ['all', 'calls', 'puts'] as const) {
        const q = { side, bar: '30s' as const, minutes: 390 };
        const got = (await c.hedgeFlow('spy', q)).data;
        const want = (await model.hedgeFlow('SPY', q)).data;
        expect(got.expiration).toBe('2026-06-05');
        expect(got.asOf).toBe(at);
        expect(closed(got.bars, at, 30_000)).toHaveLength(20);
        expect(closed(got.bars, at, 30_000)).toEqual(closed(want.bars, at, 30_000));
      }
      const series = (await c.series('QQQ', { bar: '1m', minutes: 390 })).data;
      const truth = (await model.series('QQQ', { bar: '1m', minutes: 390 })).data;
      expect(series.bars.slice(0, 10)).toEqual(truth.bars.slice(0, 10));
      expect((await c.account()).data).toMatchObject({ plan: 'growth', dailyLimit: 2500 });
    } finally {
      expect(await replay.stop()).toBe(0);
    }

    // Without --clock, a replay starts at the first recorded open, at real speed.
    const again = await cli(['--port', '0', '--replay', file]);
    try {
      const { data } = await clientFor(again.url, 'growth-key').hedgeFlow('SPY', {
        side: 'all',
        bar: '30s',
        minutes: 5,
      });
      expect(data.asOf).toBeGreaterThanOrEqual(Date.parse('2026-06-05T13:30:00Z'));
      expect(data.asOf).toBeLessThan(Date.parse('2026-06-05T13:31:00Z'));
      expect(data.bars[0]?.t).toBe(Date.parse('2026-06-05T13:30:00Z'));
    } finally {
      await again.stop();
    }
  });

  it('--seed N: the same seed, symbol, date and clock give byte-identical bodies over HTTP', async () => {
    const clock = ['--clock', '2026-06-09T11:17:45-04:00@0'];
    const [a, b, c] = await Promise.all([
      cli(['--port', '0', '--seed', '7', ...clock]),
      cli(['--port', '0', '--seed', '7', ...clock]),
      cli(['--port', '0', '--seed', '8', ...clock]),
    ]);
    const body = async (url: string, path: string) =>
      (await fetch(`${url}${path}`, { headers: { 'X-Api-Key': 'alpha-key' } })).text();
    try {
      // b is asked about other symbols and windows first: lazily generated days must not depend
      // on the order of requests.
      await body(b.url, '/v1/flow/zero-dte/series/SPX?bar=5m&minutes=390');
      await body(b.url, '/v1/flow/zero-dte/hedge-flow/QQQ?bar=1m&minutes=30');
      for (const path of [
        '/v1/flow/zero-dte/hedge-flow/QQQ?side=puts&bar=30s&minutes=390',
        '/v1/flow/zero-dte/series/SPY?bar=1m&minutes=120',
        '/stockquote/IWM',
      ]) {
        const [x, y, z] = await Promise.all([
          body(a.url, path),
          body(b.url, path),
          body(c.url, path),
        ]);
        expect(x.length).toBeGreaterThan(50);
        expect(y).toBe(x);
        expect(z).not.toBe(x);
      }
    } finally {
      await Promise.all([a.stop(), b.stop(), c.stop()]);
    }
  });

  it('--keys FILE: each plan reads its limit on /v1/account, as strings, and in the headers', async () => {
    const keys = join(dir, 'keys.json');
    const plans = ['free', 'basic', 'growth', 'alpha', 'enterprise'] as const;
    await writeFile(keys, JSON.stringify(plans.map((plan) => ({ key: ` ${plan}-k `, plan }))));
    const s = await cli(['--port', '0', '--keys', keys, '--clock', '2026-06-05T14:00:00Z@0']);
    const limits = {
      free: '5',
      basic: '250',
      growth: '2500',
      alpha: 'unlimited',
      enterprise: 'unlimited',
    };
    try {
      for (const plan of plans) {
        const get = (path: string) =>
          fetch(`${s.url}${path}`, { headers: { 'X-Api-Key': `${plan}-k` } });
        await get('/stockquote/SPY'); // one metered request
        const res = await get('/v1/account');
        const body = (await res.json()) as Record<string, unknown>;
        const after = limits[plan] === 'unlimited' ? 'unlimited' : String(Number(limits[plan]) - 1);
        expect(body).toMatchObject({
          plan,
          daily_limit: limits[plan],
          usage_today: 1,
          remaining: after,
          resets_at: '2026-06-06T00:00:00Z',
        });
        expect(typeof body.user_id).toBe('string');
        expect(res.headers.get('x-ratelimit-limit')).toBe(limits[plan]);
        expect(res.headers.get('x-ratelimit-remaining')).toBe(after);
        expect(res.headers.get('x-ratelimit-reset')).toBe(String(Date.parse('2026-06-06') / 1000));
        // The client reads the strings as numbers (or "unlimited").
        const account = (await clientFor(s.url, `${plan}-k`).account()).data;
        expect(account.dailyLimit).toBe(
          limits[plan] === 'unlimited' ? 'unlimited' : Number(limits[plan]),
        );
      }
      // The built-in keys are gone once a keys file is given.
      expect(
        (await fetch(`${s.url}/v1/account`, { headers: { 'X-Api-Key': 'growth-key' } })).status,
      ).toBe(401);
    } finally {
      await s.stop();
    }
  });

  it('rejects unreadable or invalid files, and --record with --replay, with exit code 2 and the file named', async () => {
    const notJson = join(dir, 'bad.json');
    await writeFile(notJson, '[{"key": "a", ');
    const badPlan = join(dir, 'plan.json');
    await writeFile(badPlan, JSON.stringify([{ key: 'a', plan: 'gold' }]));
    const twice = join(dir, 'twice.json');
    await writeFile(
      twice,
      JSON.stringify([
        { key: 'k', plan: 'free' },
        { key: ' k ', plan: 'alpha' },
      ]),
    );
    const badSymbol = join(dir, 'symbols.json');
    await writeFile(badSymbol, JSON.stringify([{ symbol: 'TSLA', anchorPrice: -5 }]));
    const badRecording = join(dir, 'broken.ndjson');
    await writeFile(badRecording, '{"type":"hedgeflow-sim-recording","version":1}\n{oops\n{}\n');
    const missing = join(dir, 'nope.json');
    const cases: [string[], RegExp][] = [
      [['--keys', notJson], /--keys .*bad\.json: .*not JSON/],
      [['--keys', badPlan], /--keys .*plan\.json: .*keys\[0\]: 'plan' must be one of/],
      [['--keys', missing], /--keys .*nope\.json: cannot be read \(ENOENT\)/],
      [['--keys', twice], /--keys .*twice\.json: keys\[1\]: the same key as keys\[0\]/],
      [['--symbols', badSymbol], /--symbols .*symbols\.json: \[0\]: .*anchorPrice/],
      [['--replay', badRecording], /--replay .*broken\.ndjson: line 2: not JSON/],
      [['--replay', missing], /--replay .*nope\.json: cannot be read/],
      [['--record', join(dir, 'r.ndjson'), '--replay', badRecording], /exclude each other/],
    ];
    for (const [args, message] of cases) {
      const f = fakeIo();
      expect(await main(['sim', '--port', '0', ...args], f.io)).toBe(2);
      expect(f.out).toEqual([]);
      expect(f.err.join('\n')).toMatch(message);
    }
  });

  it('fails at start, before listening, when the recording file cannot be created', async () => {
    const f = fakeIo();
    const code = await main(
      ['sim', '--port', '0', '--record', join(dir, 'no-such-dir', 'x.ndjson')],
      f.io,
    );
    expect(code).toBe(1);
    expect(f.out).toEqual([]);
    expect(f.err.join('\n')).toMatch(/ENOENT/);
  });

  it('--verbose logs each request with any apiKey query value masked', async () => {
    const s = await cli(['--port', '0', '--verbose', '--clock', '2026-06-05T14:00:00Z@0']);
    try {
      await fetch(
        `${s.url}/v1/flow/zero-dte/hedge-flow/SPY?apiKey=alpha-key&bar=1m&API%4Bey=alpha-key`,
      );
      await fetch(`${s.url}/v1/account`, { headers: { 'X-Api-Key': 'growth-key' } });
    } finally {
      await s.stop();
    }
    const log = s.err.join('\n');
    expect(log).toMatch(
      /200 GET \/v1\/flow\/zero-dte\/hedge-flow\/SPY\?apiKey=\*\*\*&bar=1m&API%4Bey=\*\*\*/,
    );
    expect(log).toMatch(/200 GET \/v1\/account/);
    expect(log).not.toContain('alpha-key');
    expect(log).not.toContain('growth-key');
  });
});

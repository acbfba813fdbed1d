// Issue 15, items 6 and 7: `hedgeflow sim` refuses every unbounded or malformed number before
// it listens, with exit code 2 and a message naming the flag: no random port for `--port ""`,
// no 1 ms "latency" from a timer overflow, no clock that fails every request, and no recording
// whose session closes before it opens or lasts years (which allocated gigabytes).
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';

/** A user who interrupts at once: a server that wrongly starts closes (exit 0), never hangs. */
async function sim(args: string[]): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readInput: () => Promise.reject(new Error('no input')),
    env: {},
    isTty: false,
    interrupted: Promise.resolve(),
  };
  const code = await main(['sim', ...args], io);
  return { code, out, err: err.join('\n') };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-sim-input-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hedgeflow sim refuses bad numbers with exit code 2, before listening', () => {
  it.each([
    ['', "--port must be a whole number from 0 to 65535, got ''"],
    [' ', "--port must be a whole number from 0 to 65535, got ' '"],
    ['0x50', "--port must be a whole number from 0 to 65535, got '0x50'"],
    ['8e3', "--port must be a whole number from 0 to 65535, got '8e3'"],
    ['80.0', "--port must be a whole number from 0 to 65535, got '80.0'"],
    ['65536', "--port must be a whole number from 0 to 65535, got '65536'"],
    ['-1', "--port must be a whole number from 0 to 65535, got '-1'"],
  ])('--port %j', async (port, message) => {
    const r = await sim([`--port=${port}`]);
    expect(r).toMatchObject({ code: 2, out: [] });
    expect(r.err).toBe(`hedgeflow sim: ${message}`);
  });

  it.each([
    ['', "''"],
    ['1.5', "'1.5'"],
    ['4294967296', "'4294967296'"],
    ['-3', "'-3'"],
  ])('--seed %j (seeds are 32-bit: a larger one would alias a smaller)', async (seed, shown) => {
    const r = await sim(['--port', '0', `--seed=${seed}`]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      `hedgeflow sim: --seed must be a whole number from 0 to 4294967295, got ${shown}`,
    );
  });

  it('an empty --host (it would listen on every interface)', async () => {
    const r = await sim(['--port', '0', '--host=']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('hedgeflow sim: --host needs an interface, e.g. 127.0.0.1');
  });

  it.each([
    ['2026-06-05T09:30:00-04:00@1e12', 'is too fast: at most 10000'],
    ['2026-06-05T09:30:00-04:00@1e308', 'is too fast: at most 10000'],
    ['+275760-09-13T00:00:00Z@1', 'between 1970-01-01 and 2200-01-01'],
    ['9999-01-01T00:00:00Z@0', 'between 1970-01-01 and 2200-01-01'],
    ['1960-01-01T00:00:00Z', 'between 1970-01-01 and 2200-01-01'],
  ])('--clock %s', async (spec, why) => {
    const r = await sim(['--port', '0', '--clock', spec]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^hedgeflow sim: --clock: clock (start|speed) '/);
    expect(r.err).toContain(why);
  });

  it.each([
    ['latency=99999999999ms', "fault 'latency': '99999999999ms' is longer than"],
    ['latency=30000000s:0.5', "fault 'latency': '30000000s' is longer than"],
    ['latency=10-99999999999ms', "fault 'latency': '10-99999999999ms' is longer than"],
    [
      '429burst=99999999999:0.1',
      "fault '429burst': length '99999999999' is not a whole number from 1 to 10000",
    ],
    ['seed=1e400', "fault seed '1e400' is not a whole number from 0 to 4294967295"],
    ['seed=', "fault seed '' is not a whole number from 0 to 4294967295"],
  ])('--faults %s', async (spec, why) => {
    const r = await sim(['--port', '0', '--faults', spec]);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`hedgeflow sim: --faults: ${why}`);
  });
});

const HEADER = JSON.stringify({
  type: 'hedgeflow-sim-recording',
  version: 1,
  seed: 1,
  created: '2026-06-05T20:00:00Z',
});

function session(open: string, close: string, halfSpread: unknown = 0.01): string {
  return JSON.stringify({
    type: 'session',
    symbol: 'SPY',
    date: '2026-06-05',
    open,
    close,
    zero_dte: true,
    half_spread: halfSpread,
    state: { spot: 590, hedge_flow_call_cumulative: 0, hedge_flow_put_cumulative: 0 },
  });
}

describe('hedgeflow sim --replay refuses an impossible session, and keeps the file', () => {
  it.each([
    [
      'closes before it opens',
      session('2026-06-05T20:00:00Z', '2026-06-05T13:30:00Z'),
      'line 2: the session closes (2026-06-05T13:30:00Z) before it opens (2026-06-05T20:00:00Z)',
    ],
    [
      'closes when it opens',
      session('2026-06-05T13:30:00Z', '2026-06-05T13:30:00Z'),
      'line 2: the session closes (2026-06-05T13:30:00Z) before it opens (2026-06-05T13:30:00Z)',
    ],
    [
      'lasts two days',
      session('2026-06-05T13:30:00Z', '2026-06-07T13:30:00Z'),
      'line 2: the session lasts 2880 minutes; a trading day has at most 390',
    ],
    [
      'lasts ten years (593 bytes that asked for gigabytes)',
      session('2026-06-05T13:30:00Z', '2036-06-05T13:30:00Z'),
      'line 2: the session lasts 5260320 minutes; a trading day has at most 390',
    ],
    [
      'quotes a bid above the ask',
      session('2026-06-05T13:30:00Z', '2026-06-05T20:00:00Z', -0.5),
      'line 2: half_spread -0.5 is not a non-negative number',
    ],
  ])('a session that %s', async (_name, line, why) => {
    const file = path.join(dir, `${_name.replace(/\W+/g, '-')}.ndjson`);
    const text = `${HEADER}\n${line}\n`;
    await writeFile(file, text);
    const r = await sim(['--port', '0', '--replay', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`hedgeflow sim: --replay ${file}: ${why}`);
    expect(await readFile(file, 'utf8')).toBe(text);
  });
});

describe('hedgeflow sim --symbols refuses a profile the model cannot run', () => {
  it.each([
    [{ anchorPrice: 1e300 }, 'anchorPrice must be within (0, 1000000]'],
    [{ anchorPrice: 250, annualVol: 1e6 }, 'annualVol must be within (0, 5]'],
    [
      { anchorPrice: 250, strikeSpacing: 1e-6 },
      'strikeSpacing must be at least anchorPrice / 20000 (0.0125)',
    ],
    [{ anchorPrice: 250, contractsPerDay: 1e9 }, 'contractsPerDay must be within (0, 20000000]'],
    [{ anchorPrice: 250, tradeSizeScale: 1e12 }, 'tradeSizeScale must be within [1, 10000]'],
    [{ anchorPrice: 250, beta: 1e300 }, 'beta must be within [-5, 5]'],
    [{ anchorPrice: 250, impactPerBillion: -1 }, 'impactPerBillion must be within [0, 1]'],
    [{ anchorPrice: 250, halfSpread: -0.01 }, 'halfSpread must be within [0, anchorPrice]'],
    [{ anchorPrice: 250, zeroDteWeekdays: [0, 9] }, 'zeroDteWeekdays must be weekdays 1-5'],
  ])('%j', async (fields, why) => {
    const file = path.join(dir, 'symbols.json');
    await writeFile(file, JSON.stringify([{ symbol: 'TSLA', ...fields }]));
    const started = Date.now();
    const r = await sim(['--port', '0', '--symbols', file]);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`hedgeflow sim: --symbols ${file}: [0]: symbol TSLA: ${why}`);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

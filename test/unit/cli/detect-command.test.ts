// `hedgeflow detect`: the detector over saved API responses, one JSON line per closed bar.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DetectorSettingsSchema } from '../../../core/contract/detector.js';
import { DETECTOR_FLAGS, detectCommand, flagName } from '../../../cli/detect-command.js';
import type { CliIo } from '../../../cli/io.js';
import { assertBuilt, runCli } from '../../support/built-cli.js';

const M = 1_000_000;

function fakeIo(files: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readInput: async (file) => {
      const text = files[file];
      if (text === undefined) throw new Error(`ENOENT: no such file '${file}'`);
      return text;
    },
    env: {},
    isTty: false,
    interrupted: new Promise(() => {}),
  };
  return { io, out, err, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

function minute(i: number): string {
  return new Date(Date.parse('2026-06-05T14:00:00Z') + i * 60_000)
    .toISOString()
    .replace('.000', '');
}

function hedgeFlow(
  values: number[],
  side = 'all',
  asOf = minute(values.length - 1) /* last bar filling */,
) {
  let cumulative = 0;
  return JSON.stringify({
    symbol: 'SPY',
    expiration: '2026-06-05',
    as_of: asOf,
    side,
    bar_size: '1m',
    bars: values.map((bar, i) => ({ t: minute(i), bar, cumulative: (cumulative += bar) })),
  });
}

function series(spots: number[], flip: number, calls: number[], puts: number[]) {
  let c = 0;
  let p = 0;
  return JSON.stringify({
    symbol: 'SPY',
    expiration: '2026-06-05',
    as_of: minute(spots.length - 1),
    bar_size: '1m',
    bars: spots.map((spot, i) => {
      c += calls[i]!;
      p += puts[i]!;
      return {
        t: minute(i),
        spot,
        gamma_flip: flip,
        hedge_flow_call_cumulative: c,
        hedge_flow_put_cumulative: p,
        hedge_flow_cumulative_all: c + p,
      };
    }),
  });
}

// 6 rising bars, then one still filling (t + 1m > as_of) that would otherwise break the run.
const RUN = [1, 2, 3, 4, 5, 6].map((x) => x * M);
const RESPONSE = hedgeFlow([...RUN, -50 * M]);

describe('hedgeflow detect', () => {
  it('prints one line per closed bar with the verdict; the in-progress bar is left out', async () => {
    const { io, lines } = fakeIo({ '-': RESPONSE });
    expect(await detectCommand(['-'], io)).toBe(0);
    const out = lines();
    expect(out).toHaveLength(6);
    expect(out.slice(0, 4)).toEqual(
      [0, 1, 2, 3].map((i) => ({ t: `${minute(i).slice(0, -1)}.000Z`, verdict: null })),
    );
    expect(out[4]!.verdict).toMatchObject({
      kind: 'squeeze',
      direction: 'up',
      since: '2026-06-05T14:00:00.000Z',
      barCount: 5,
      move: 15 * M,
      legs: null,
      price: null,
    });
    expect((out[5]!.verdict as { bars: unknown[] }).bars).toHaveLength(6);
  });

  it('reads standard input by default, and --explain says why', async () => {
    const { io, lines } = fakeIo({
      '-': hedgeFlow([1 * M, -2 * M, 3 * M, 4 * M, 5 * M, 6 * M, 7 * M, 0]),
    });
    expect(await detectCommand(['--explain'], io)).toBe(0);
    const explain = lines().map((l) => (l.explain as string[])[0]);
    expect(explain[5]).toBe(
      'no squeeze: run of 4 < 5; the sign flipped at 14:02:00Z (+$3M after -$2M)',
    );
    expect(explain[6]).toMatch(/^squeeze up: 5-bar run since 14:02:00Z/);
  });

  it('takes a flag for every detector option', async () => {
    const flags = Object.keys(DETECTOR_FLAGS).sort();
    expect(flags).toEqual(Object.keys(DetectorSettingsSchema.shape).sort());
    const { io, lines } = fakeIo({ 'a.json': RESPONSE });
    const args = [
      'a.json',
      '--run-length',
      '3',
      '--min-abs-bar',
      '2e6',
      '--accelerating',
      '--flip-after=off',
    ];
    expect(await detectCommand(args, io)).toBe(0);
    // bars of 2M, 3M, 4M are the first run of 3 above the minimum
    expect(
      lines().map((l) => (l.verdict as { barCount?: number } | null)?.barCount ?? null),
    ).toEqual([null, null, null, 3, 4, 5]);
    expect(flagName('requireAttribution')).toBe('--require-attribution');
  });

  it('attributes the run to calls and puts with --calls and --puts', async () => {
    const files = {
      '-': RESPONSE,
      'c.json': hedgeFlow(RUN.map((x) => x * 0.9).concat(0), 'calls'),
      'p.json': hedgeFlow(RUN.map((x) => x * 0.1).concat(0), 'puts'),
    };
    const { io, lines } = fakeIo(files);
    expect(
      await detectCommand(
        ['--calls', 'c.json', '--puts', 'p.json', '--require-attribution', 'aligned'],
        io,
      ),
    ).toBe(0);
    expect(lines()[4]!.verdict).toMatchObject({ legs: { driver: 'calls' } });
  });

  it('confirms with price and reports gamma-flip crosses with --series', async () => {
    const spots = [589, 589.2, 589.4, 588.9, 588.6, 588.4, 588];
    const files = {
      '-': RESPONSE,
      's.json': series(spots, 589.1, RUN.concat(0), RUN.map(() => 0).concat(0)),
    };
    const { io, lines } = fakeIo(files);
    const code = await detectCommand(
      ['--series', 's.json', '--gamma-flip-cross', '--require-chasing', '--explain'],
      io,
    );
    expect(code).toBe(0);
    const out = lines();
    expect(out[3]!.verdict).toMatchObject({
      kind: 'gamma-flip',
      direction: 'down',
      gammaFlip: { crossedAt: '2026-06-05T14:03:00.000Z' },
    });
    // the flow rose while price fell: dealers fading, so the required confirmation fails
    expect(out[4]!.verdict).toBeNull();
    expect((out[4]!.explain as string[])[0]).toBe(
      'no squeeze: price not confirming (spot -0.4 over the run): dealers fading',
    );
    // legs derived from the series' cumulatives (the first series bar has none)
    const noChase = fakeIo(files);
    await detectCommand(['--series', 's.json'], noChase.io);
    expect(noChase.lines()[5]!.verdict).toMatchObject({ price: { confirmation: 'fading' } });
  });

  it('uses --reference for the percentile threshold', async () => {
    const files = {
      '-': RESPONSE,
      'ref.json': JSON.stringify(Array.from({ length: 100 }, (_, i) => i * M)),
    };
    const withRef = fakeIo(files);
    await detectCommand(['--min-percentile', '50', '--reference', 'ref.json'], withRef.io);
    expect(withRef.lines().every((l) => l.verdict === null)).toBe(true);
    const without = fakeIo(files);
    await detectCommand(['--min-percentile', '50'], without.io);
    expect(without.lines()[5]!.verdict).toMatchObject({ barCount: 6 });
  });

  it('--preview replays the day through the alert engine: alerts, then a summary', async () => {
    // 10:00-10:06 New York: one episode, escalating at 6 bars
    const { io, lines } = fakeIo({ '-': RESPONSE });
    expect(await detectCommand(['--preview', '--escalate-at-run-length', '6'], io)).toBe(0);
    expect(lines()).toEqual([
      {
        alert: expect.objectContaining({
          symbol: 'SPY',
          kind: 'squeeze',
          severity: 'building',
          t: '2026-06-05T14:04:00.000Z',
          firedAt: '2026-06-05T14:05:00.000Z',
        }),
      },
      { alert: expect.objectContaining({ severity: 'escalated', barCount: 6 }) },
      { preview: { alertCount: 2, episodes: 1, suppressed: {} } },
    ]);
    const quiet = fakeIo({ '-': RESPONSE });
    await detectCommand(
      ['--preview', '--stale-after-minutes=0', '--quiet-open-minutes', '60'],
      quiet.io,
    );
    expect(quiet.lines()).toEqual([
      { preview: { alertCount: 0, episodes: 1, suppressed: { 'quiet-open': 1 } } },
    ]);
  });

  it('rejects malformed input with the field path and exit code 1', async () => {
    const bad = JSON.parse(RESPONSE) as { bars: { t: string }[] };
    bad.bars[3]!.t = 'yesterday';
    const cases: [string, RegExp][] = [
      [JSON.stringify(bad), /^hedgeflow detect: stdin: bars\[3\]\.t: /],
      ['{"symbol": "SPY"', /^hedgeflow detect: stdin: not JSON/],
      [JSON.stringify({ ...JSON.parse(RESPONSE), bar_size: '2m' }), /stdin: bar_size: /],
    ];
    for (const [text, message] of cases) {
      const { io, err, out } = fakeIo({ '-': text });
      expect(await detectCommand([], io)).toBe(1);
      expect(err[0]).toMatch(message);
      expect(out).toEqual([]);
    }
    const wrongLeg = fakeIo({ '-': RESPONSE, 'c.json': hedgeFlow(RUN, 'puts') });
    expect(await detectCommand(['--calls', 'c.json'], wrongLeg.io)).toBe(1);
    expect(wrongLeg.err[0]).toBe("hedgeflow detect: c.json: side is 'puts', expected 'calls'");
    const missing = fakeIo({});
    expect(await detectCommand(['nope.json'], missing.io)).toBe(1);
  });

  it('says when the input is empty or a saved API error rather than data', async () => {
    const cases: [string, string][] = [
      ['', 'hedgeflow detect: stdin: empty input, expected a JSON response'],
      [
        JSON.stringify({
          status: 'ERROR',
          error: 'tier_restricted',
          message: 'This endpoint requires the Growth plan or higher.',
          current_plan: 'Basic',
          required_plan: 'Growth',
        }),
        'hedgeflow detect: stdin: an API error response, not data: This endpoint requires the Growth plan or higher.',
      ],
      [
        JSON.stringify({ title: 'Unauthorized', status: 401, detail: 'Invalid API key.' }),
        'hedgeflow detect: stdin: an API error response, not data: Invalid API key.',
      ],
    ];
    for (const [text, message] of cases) {
      const { io, err, out } = fakeIo({ '-': text });
      expect(await detectCommand([], io)).toBe(1);
      expect(err).toEqual([message]);
      expect(out).toEqual([]);
    }
  });

  it('rejects bad flags with exit code 2, and prints help', async () => {
    for (const args of [
      ['--run-length', '1'],
      ['--run-length', 'x'],
      ['--bogus'],
      ['--run-length'],
      ['a', 'b'],
      ['-', '--calls', '-'],
    ]) {
      const { io, err } = fakeIo({ '-': RESPONSE });
      expect(await detectCommand(args, io)).toBe(2);
      expect(err[0]).toMatch(/^hedgeflow detect: /);
    }
    const { io, out } = fakeIo({});
    expect(await detectCommand(['--help'], io)).toBe(0);
    expect(out[0]).toContain('--flip-after M');
    expect(out[0]).toContain('--explain');
  });
});

// ---- The built binary, the way a user runs it: `npx hedgeflow detect` on real files and pipes ----

/** `npx hedgeflow detect ...` */
const runBinary = (args: string[], stdin = '') => runCli(['detect', ...args], stdin);

describe('hedgeflow detect, the built binary', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'hedgeflow-detect-'));
  const file = path.join(dir, 'spy-1m.json');
  writeFileSync(file, RESPONSE);

  beforeAll(() => assertBuilt());

  it('reads a saved response from a file and from a pipe, with the same lines as in-process', async () => {
    const inProcess = fakeIo({ '-': RESPONSE });
    await detectCommand(['--explain'], inProcess.io);
    const expected = inProcess.out.map((l) => `${l}\n`).join('');

    const fromFile = await runBinary([file, '--explain']);
    expect(fromFile).toEqual({ code: 0, stdout: expected, stderr: '' });
    const fromPipe = await runBinary(['-', '--explain'], RESPONSE);
    expect(fromPipe).toEqual({ code: 0, stdout: expected, stderr: '' });
    // piped like `curl ... | npx hedgeflow detect` (no FILE argument)
    expect((await runBinary([], RESPONSE)).stdout.split('\n')[4]).toContain('"kind":"squeeze"');
  });

  it('runs the threshold preview', async () => {
    const { code, stdout } = await runBinary([file, '--preview']);
    expect(code).toBe(0);
    expect(stdout.trim().split('\n').at(-1)).toBe(
      '{"preview":{"alertCount":1,"episodes":1,"suppressed":{}}}',
    );
  });

  it('exits 1 with a clear message on malformed input, 2 on a bad flag, and prints no data', async () => {
    const bad = path.join(dir, 'bad.json');
    writeFileSync(bad, RESPONSE.replace('"bar_size":"1m"', '"bar_size":"2m"'));
    const badRun = await runBinary([bad]);
    expect(badRun.code).toBe(1);
    expect(badRun.stdout).toBe('');
    expect(badRun.stderr).toMatch(/^hedgeflow detect: .*bad\.json: bar_size: /);

    const truncated = await runBinary(['-'], RESPONSE.slice(0, 80));
    expect(truncated).toMatchObject({ code: 1, stdout: '' });
    expect(truncated.stderr).toMatch(/^hedgeflow detect: stdin: not JSON \(/);

    const missing = await runBinary([path.join(dir, 'nope.json')]);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/nope\.json: cannot read \(no such file\)\n$/);

    const flag = await runBinary([file, '--run-length', 'x']);
    expect(flag).toMatchObject({ code: 2, stdout: '' });
    expect(flag.stderr).toMatch(/^hedgeflow detect: --run-length: 'x' is not a number/);
  });
});

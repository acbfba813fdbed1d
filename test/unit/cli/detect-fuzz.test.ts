// Issue 15: `hedgeflow detect` fed random, mutated and truncated input (a file on disk, as a
// user saves one with curl): it never crashes, every failure is one clear line on stderr that
// names the input and says what is wrong, stdout holds only complete JSON lines, and the input
// file is left exactly as it was.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectCommand } from '../../../cli/detect-command.js';
import { processIo, type CliIo } from '../../../cli/io.js';

let dir = '';
let file = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'hedgeflow-detect-fuzz-'));
  file = path.join(dir, 'response.json');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function minute(i: number): string {
  return new Date(Date.parse('2026-06-05T14:00:00Z') + i * 60_000)
    .toISOString()
    .replace('.000', '');
}

/** A valid hedge-flow response: the run of bars the detector needs, then one filling. */
const VALID = JSON.stringify(
  {
    symbol: 'SPY',
    expiration: '2026-06-05',
    as_of: minute(7),
    side: 'all',
    bar_size: '1m',
    bars: [1, 2, 3, 4, 5, 6, 7, 8].map((v, i) => ({
      t: minute(i),
      bar: v * 1_000_000,
      cumulative: ((v * (v + 1)) / 2) * 1_000_000,
    })),
  },
  null,
  2,
);

/** Runs detect on `text` saved to a real file, with the terminal's own io (reads the file). */
async function detect(text: string, args: string[] = []) {
  await writeFile(file, text);
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    ...processIo(),
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
  };
  let code: number;
  try {
    code = await detectCommand([file, ...args], io);
  } catch (error) {
    throw new Error(`detect threw instead of reporting: ${String(error)}`, { cause: error });
  }
  return { code, out, err, after: await readFile(file, 'utf8') };
}

/** The contract of every run: an exit code, a clear error or JSON lines, the file untouched. */
function checkRun(text: string, r: Awaited<ReturnType<typeof detect>>): void {
  expect(r.after).toBe(text);
  if (r.code === 0) {
    expect(r.err).toEqual([]);
    for (const line of r.out) expect(() => JSON.parse(line)).not.toThrow();
    return;
  }
  expect(r.code).toBe(1);
  expect(r.out).toEqual([]);
  expect(r.err).toHaveLength(1);
  const message = r.err[0]!;
  expect(message.startsWith(`hedgeflow detect: ${file}: `)).toBe(true);
  const reason = message.slice(`hedgeflow detect: ${file}: `.length);
  expect(reason.length).toBeGreaterThan(5);
  expect(reason).not.toMatch(/received undefined|\[object Object\]|\n\s+at /);
}

describe('hedgeflow detect with bad input', () => {
  it('reads the valid response (the baseline the mutations start from)', async () => {
    const r = await detect(VALID);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(7); // 7 closed bars, the 8th still filling
  });

  it('cut at every length: a clear error (or, cut after the JSON, the same verdicts)', async () => {
    for (let length = 0; length < VALID.length; length++) {
      const text = VALID.slice(0, length);
      const r = await detect(text);
      checkRun(text, r);
      if (r.code === 0) throw new Error(`a response cut at ${length} was accepted`);
    }
  });

  it('random text, random JSON and mutated responses: never a crash, always a clear error', async () => {
    const valid = JSON.parse(VALID) as Record<string, unknown>;
    const mutated = fc
      .tuple(
        fc.constantFrom(...Object.keys(valid), 'bars.0.t', 'bars.3.bar', 'bars.5.cumulative'),
        fc.jsonValue(),
      )
      .map(([where, value]) => {
        const copy = JSON.parse(VALID) as Record<string, unknown>;
        const [top, index, field] = where.split('.');
        if (index === undefined) copy[top!] = value;
        else (copy.bars as Record<string, unknown>[])[Number(index)]![field!] = value;
        return JSON.stringify(copy);
      });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          fc.string({ unit: 'binary' }),
          fc.json(),
          mutated,
          fc.jsonValue().map((v) => JSON.stringify({ ...valid, bars: v })),
        ),
        async (text) => checkRun(text, await detect(text)),
      ),
      { numRuns: 300 },
    );
  });
});

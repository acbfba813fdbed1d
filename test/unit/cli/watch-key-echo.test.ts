// Issue 15, item 1, in the terminal: `hedgeflow watch --json --verbose` against a server that
// echoes the key (any case, encoded, anywhere in a long text) prints no run of it, neither on
// stdout (the --json status events) nor on stderr (the log lines).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { watchCommand } from '../../../cli/watch-command.js';
import { ManualClock } from '../../../core/fakes/manual-clock.js';
import type { HttpResponse } from '../../../core/ports/http.js';
import { filler, keyForms, leakedRuns } from '../../support/secret-leaks.js';
import { response } from '../core/api/fake-http.js';

const KEY = 'fa+live/7D3c=91e2:b5A4_0f68';
const OPEN = Date.parse('2026-06-05T14:30:00Z');
const TEXT_LENGTH = 300;

const ANSWERS: Record<string, (text: string) => HttpResponse> = {
  '400 message': (t) => response({ status: 400, body: { error: 'invalid_bar', message: t } }),
  '404 message': (t) => response({ status: 404, body: { message: t } }),
  '500 text': (t) => response({ status: 500, body: t }),
  '503 title': (t) => response({ status: 503, body: { title: t } }),
  '200 not JSON': (t) => response({ status: 200, body: t }),
};

/** Waits until the poll loop has planned its next wake-up (start-up loads modules: real time). */
async function planned(clock: ManualClock): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (clock.pendingTimers === 0 && Date.now() < deadline) {
    await new Promise<void>((resolve) => setTimeout(resolve, 1));
  }
}

async function watch(answer: (text: string) => HttpResponse, text: string) {
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
    ['--symbols', 'SPY', '--base-url', 'http://127.0.0.1:9', '--json', '--verbose'],
    io,
    { clock, until, http: async () => answer(text) },
  );
  for (let cycle = 0; cycle < 3; cycle++) {
    await planned(clock);
    const next = clock.nextTimerAt();
    if (next === null) break;
    clock.advanceTo(next);
  }
  await planned(clock);
  stop();
  expect(await done).toBe(0);
  return { out, err };
}

describe('hedgeflow watch against a server that echoes the key', () => {
  it('prints no run of it on stdout (--json) or stderr, whatever the path, form or offset', async () => {
    const forms = Object.values(keyForms(KEY));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...Object.keys(ANSWERS)),
        fc.constantFrom(...forms),
        fc.integer({ min: 0, max: TEXT_LENGTH }),
        async (answer, form, at) => {
          const offset = Math.min(at, TEXT_LENGTH - form.length);
          const text = `${filler(offset)}${form}${filler(TEXT_LENGTH - offset - form.length)}`;
          const { out, err } = await watch(ANSWERS[answer]!, text);
          // The failure was reported on both streams, so the check below can fail.
          expect(out.join('\n')).toContain('"kind":"error"');
          expect(err.join('\n')).toContain('poll failed');
          expect(leakedRuns(out.join('\n'), KEY)).toEqual([]);
          expect(leakedRuns(err.join('\n'), KEY)).toEqual([]);
        },
      ),
      { numRuns: 25 },
    );
  });
});

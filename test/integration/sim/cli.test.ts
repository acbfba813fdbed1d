// `hedgeflow sim` in-process: the first stdout line names the URL, the server answers on it,
// and an interrupt closes it with exit code 0.
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { simCommand } from '../../../cli/sim-command.js';

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

// Issue 15: what `hedgeflow watch` does with bad input from a careless user. Each bad flag or
// environment value is refused before anything starts, with exit code 2 and a message that
// says what is wrong (and never echoes a key or a password); the keychain's trouble is said once.
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { main } from '../../../cli/main.js';
import { watchCommand } from '../../../cli/watch-command.js';
import { ManualClock } from '../../../core/fakes/manual-clock.js';
import { MemorySecretStore } from '../../../core/fakes/memory-secret-store.js';
import { DEMO_KEY } from '../../../core/source/sources.js';
import { FakeFlowServer } from '../core/app/fake-flow-server.js';

/** An io whose user interrupts at once: a watch that wrongly starts stops (exit 0), never hangs. */
function testIo(env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readInput: async () => '',
    env,
    isTty: false,
    interrupted: Promise.resolve(),
  };
  return { io, out, err };
}

async function refused(args: string[], env: Record<string, string> = {}) {
  const { io, out, err } = testIo(env);
  const code = await main(['watch', ...args], io);
  return { code, out, err: err.join('\n') };
}

describe('hedgeflow watch refuses bad input with exit code 2', () => {
  it('a base URL with a user name or password (and does not print it)', async () => {
    const r = await refused(['--base-url', 'https://me:hunter2-pw@lab.flashalpha.com'], {
      HEDGEFLOW_API_KEY: 'gk_live_0123456789',
    });
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'hedgeflow watch: --base-url: The base URL must not contain a user name or password (user:password@); FlashAlpha takes the API key, which is kept in the keychain',
    );
    expect(r.out).toEqual([]);
  });

  it.each([
    ['an empty one', ''],
    ['plain http to another machine', 'http://example.com'],
    ['not a URL', 'lab.flashalpha.com'],
  ])('a base URL that is %s', async (_name, url) => {
    const r = await refused(['--base-url', url], { HEDGEFLOW_API_KEY: 'gk_live_0123456789' });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^hedgeflow watch: --base-url: The base URL must be https/);
  });

  it.each([
    ['a newline inside', 'gk_live_0123\n456789', 'A key has no spaces or special characters'],
    ['a space inside', 'gk_live 0123456789', 'A key has no spaces or special characters'],
    ['too short', 'gk_1', 'That key is too short'],
    ['too long', 'k'.repeat(201), 'That key is too long'],
  ])('HEDGEFLOW_API_KEY with %s, validated like a key typed in Settings', async (_n, key, why) => {
    const r = await refused(['--symbols', 'SPY', '--base-url', 'http://127.0.0.1:9'], {
      HEDGEFLOW_API_KEY: key,
    });
    expect(r.code).toBe(2);
    expect(r.err).toBe(`hedgeflow watch: HEDGEFLOW_API_KEY: ${why}.`);
    expect(r.err).not.toContain(key.trim());
  });

  it.each([
    ['a speed beyond 10000x', '2026-06-05T09:30:00-04:00@1e12', 'at most 10000'],
    ['an infinite speed', '2026-06-05T09:30:00-04:00@1e308', 'at most 10000'],
    ['a far-future start', '+275760-09-13T00:00:00Z@1', 'between 1970-01-01 and 2200-01-01'],
    ['a start past 2200', '9999-12-31T00:00:00Z@60', 'between 1970-01-01 and 2200-01-01'],
    ['a start before 1970', '1969-12-31T23:00:00Z@60', 'between 1970-01-01 and 2200-01-01'],
    ['a negative year', '-000001-01-01T00:00:00Z@60', 'between 1970-01-01 and 2200-01-01'],
    ['a speed of zero', '2026-06-05T13:30:00Z@0', 'positive'],
    ['an empty speed', '2026-06-05T13:30:00Z@', 'positive'],
  ])('--clock with %s', async (_name, spec, why) => {
    const r = await refused(['--demo', '--clock', spec]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^hedgeflow watch: --clock: /);
    expect(r.err).toContain(why);
  });

  it('an empty --data-dir (it would write history into the current folder)', async () => {
    const r = await refused(['--demo', '--data-dir', '']);
    expect(r.code).toBe(2);
    expect(r.err).toBe('hedgeflow watch: --data-dir needs a folder, got an empty value');
  });
});

describe('hedgeflow watch when the keychain is unavailable', () => {
  it('says so in one line, with the reason once, and runs on demo data', async () => {
    const secrets = new MemorySecretStore();
    secrets.unavailable =
      'The system keychain is not available (Platform failure: DBus error: no bus).';
    const { io, err } = testIo();
    const clock = new ManualClock(Date.parse('2026-06-06T15:00:00Z'));
    let stop: () => void = () => {};
    const until = new Promise<void>((resolve) => (stop = resolve));
    const run = watchCommand(
      ['--symbols', 'SPY', '--json'],
      { ...io, interrupted: until },
      {
        secrets,
        clock,
        createSimulator: () =>
          new FakeFlowServer({
            now: () => clock.now(),
            keys: { [DEMO_KEY]: 'unlimited' },
          }).simulator(),
        until,
      },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    stop();
    expect(await run).toBe(0);
    expect(err).toEqual([
      'hedgeflow watch: The system keychain is not available (Platform failure: DBus error: no bus); showing demo data (simulated, not market data). Unlock or set up the system keychain, or set HEDGEFLOW_API_KEY, to use your FlashAlpha key.',
    ]);
  });
});

// `hedgeflow watch --channels FILE`: the file names each secret by environment variable, never
// inline; every problem is a usage error naming the channel and never echoing a secret; and the
// demo's squeeze reaches a real receiver on loopback from the terminal, as from the tray app.
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError, type CliIo } from '../../../cli/io.js';
import { watchCommand, type WatchDeps } from '../../../cli/watch-command.js';
import { ManualClock } from '../../../core/fakes/manual-clock.js';
import { DEMO_KEY } from '../../../core/source/sources.js';
import { createSimulator } from '../../../sim/engine/simulator.js';
import { startReceiver, type Receiver } from '../../support/channels/loopback-receiver.js';
import { settle } from '../core/app/loop-harness.js';

/** Tuesday 2026-06-09 13:50 New York; seed 1 has an SPY down-squeeze alert at 14:02. */
const BEFORE_SQUEEZE = Date.parse('2026-06-09T17:50:00Z');
const HOOK_TOKEN = 'hk_0e4b9c2a7f1d5e83';

let receiver: Receiver | null = null;

afterEach(async () => {
  await receiver?.close();
  receiver = null;
});

function testIo(file: string, env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: (t) => void err.push(t),
    readInput: async (name) => {
      if (name !== 'channels.json') throw new Error(`unexpected read of ${name}`);
      return file;
    },
    env,
    isTty: false,
    interrupted: new Promise<void>(() => {}),
  };
  return { io, out, err };
}

/** Test seams, so the command installs no process-wide crash guard. */
const DEPS: WatchDeps = {
  createSimulator: () => createSimulator({ seed: 1, keys: [{ key: DEMO_KEY, plan: 'alpha' }] }),
};

/** What `watch --demo --channels` refuses a file with (a UsageError: exit code 2). */
async function refusal(text: string, env: Record<string, string> = {}): Promise<string> {
  const { io } = testIo(text, env);
  try {
    await watchCommand(['--demo', '--channels', 'channels.json'], io, DEPS);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as UsageError).message;
  }
  throw new Error('the file was accepted');
}

const refused = (file: unknown, env: Record<string, string> = {}) =>
  refusal(JSON.stringify(file), env);

describe('watch --channels FILE', () => {
  it('refuses a secret written in the file, saying which variable to use instead', async () => {
    const message = await refused({
      channels: [{ kind: 'discord', name: 'Desk', url: 'https://discord.com/api/webhooks/1/x' }],
    });
    expect(message).toBe(
      '--channels: channels.0.url: secrets never go in the file; put it in an environment variable and give that variable\'s name as "urlEnv"',
    );
  });

  it('names a variable that is not set, and never prints one that is', async () => {
    const missing = await refused({
      channels: [{ kind: 'telegram', name: 'Phone', chatId: '42', botTokenEnv: 'HF_BOT' }],
    });
    expect(missing).toBe('--channels: channels.0: the environment variable HF_BOT is not set');
    const url = 'https://example.com/api/webhooks/123456/secret-part-0123456789abcdef';
    const wrong = await refused(
      { channels: [{ kind: 'discord', name: 'Desk', urlEnv: 'HF_DISCORD' }] },
      { HF_DISCORD: url },
    );
    expect(wrong).toMatch(/^--channels: channels\.0: Paste the webhook URL Discord shows/);
    expect(wrong).not.toContain('secret-part');
  });

  it('refuses what is not a channels file', async () => {
    expect(await refused({ channels: [] })).toMatch(/list at least one channel/);
    expect(await refused({ channels: [{ kind: 'pager', name: 'x' }] })).toMatch(
      /^--channels: channels\.0\./,
    );
    expect(await refusal('{ not json')).toMatch(/^--channels: not JSON/);
  });

  it("forwards the demo's squeeze to a webhook, its URL from the environment", async () => {
    receiver = await startReceiver({ status: 204 });
    const clock = new ManualClock(BEFORE_SQUEEZE);
    const file = {
      quietPeriods: 'desktop',
      channels: [{ kind: 'webhook', name: 'Box', urlEnv: 'HF_HOOK', kinds: ['squeeze'] }],
    };
    const { io, out } = testIo(JSON.stringify(file), {
      HF_HOOK: `${receiver.origin}/in/${HOOK_TOKEN}`,
    });
    let stop: () => void = () => {};
    const until = new Promise<void>((resolve) => (stop = resolve));
    const done = watchCommand(
      ['--demo', '--symbols', 'SPY', '--json', '--channels', 'channels.json'],
      io,
      {
        clock,
        until,
        createSimulator: () =>
          createSimulator({ seed: 1, keys: [{ key: DEMO_KEY, plan: 'alpha' }] }),
      },
    );
    for (let i = 0; i < 400 && clock.pendingTimers === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const end = clock.now() + 14 * 60_000;
    while (clock.nextTimerAt() !== null && clock.nextTimerAt()! <= end) {
      clock.advanceTo(clock.nextTimerAt()!);
      await settle();
      await settle();
    }
    await receiver.waitFor(1);
    stop();
    expect(await done).toBe(0);
    const alerts = out
      .map((l) => JSON.parse(l) as { type: string })
      .filter((e) => e.type === 'alert');
    expect(alerts).toHaveLength(1);
    const body = JSON.parse(receiver.requests[0]!.body) as {
      source: string;
      alert: { symbol: string };
    };
    expect(body).toMatchObject({ type: 'alert', source: 'demo', alert: { symbol: 'SPY' } });
    expect(receiver.requests).toHaveLength(1);
  });
});

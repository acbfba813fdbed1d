// The poll loop's cycles, one at a time on the market clock: never two at once, a cycle due
// while another runs runs right after it, a cycle that throws does not end polling, other work
// waits for the cycle in flight and holds the next one back, and nothing runs after stop.
import { describe, expect, it } from 'vitest';
import { CycleRunner } from '../../../../core/app/cycle-runner.js';
import { ManualClock } from '../../../../core/fakes/manual-clock.js';
import { createLogger } from '../../../../core/log/logger.js';
import { settle } from './loop-harness.js';

/** A cycle that stays in flight until the test lets it finish. */
function gate() {
  let open: () => void = () => {};
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

function setup(cycle: (n: number) => Promise<void>) {
  const clock = new ManualClock(Date.parse('2026-06-05T14:00:00Z'));
  const logs: string[] = [];
  const events: string[] = [];
  let n = 0;
  let inFlight = 0;
  let overlapped = false;
  const runner = new CycleRunner({
    clock,
    logger: createLogger((line) => logs.push(line), { level: 'debug', now: () => clock.now() }),
    cycle: async () => {
      const i = ++n;
      overlapped ||= inFlight > 0;
      inFlight++;
      events.push(`start ${i}`);
      try {
        await cycle(i);
      } finally {
        inFlight--;
        events.push(`end ${i}`);
      }
    },
  });
  return { clock, logs, events, runner, overlapped: () => overlapped };
}

describe('CycleRunner', () => {
  it('runs a cycle that falls due during another right after it, never both at once', async () => {
    const first = gate();
    const t = setup((i) => (i === 1 ? first.promise : Promise.resolve()));
    t.runner.schedule(0);
    t.clock.advance(0);
    await settle();
    expect(t.events).toEqual(['start 1']);
    t.runner.schedule(1_000); // armed by the running cycle itself, as the loop does
    t.clock.advance(1_000);
    await settle();
    expect(t.events).toEqual(['start 1']);
    first.open();
    await settle();
    t.clock.advance(0);
    await settle();
    expect(t.events).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
    expect(t.overlapped()).toBe(false);
  });

  it('logs a cycle that throws and tries again a minute later', async () => {
    const t = setup(async (i) => {
      if (i === 1) throw new Error('a bug');
    });
    const start = t.clock.now();
    t.runner.schedule(0);
    t.clock.advance(0);
    await settle();
    expect(t.logs.join('\n')).toMatch(/poll cycle failed.*a bug/);
    expect(t.runner.plannedAt).toBe(start + 60_000);
    t.clock.advance(60_000);
    await settle();
    expect(t.events).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('runs other work after the cycle in flight and holds the next cycle until it is done', async () => {
    const cycle = gate();
    const work = gate();
    const t = setup((i) => (i === 1 ? cycle.promise : Promise.resolve()));
    t.runner.schedule(0);
    t.clock.advance(0);
    await settle();
    const done = t.runner.exclusive(async () => {
      t.events.push('work');
      await work.promise;
      t.events.push('work done');
      return 42;
    });
    await settle();
    expect(t.events).toEqual(['start 1']);
    t.runner.schedule(0);
    cycle.open();
    await settle();
    t.clock.advance(0);
    await settle();
    expect(t.events).toEqual(['start 1', 'end 1', 'work']);
    work.open();
    expect(await done).toBe(42);
    await settle();
    t.clock.advance(0);
    await settle();
    expect(t.events).toEqual(['start 1', 'end 1', 'work', 'work done', 'start 2', 'end 2']);
  });

  it('plans nothing while cancelled (asleep), and nothing at all after stop', async () => {
    const cycle = gate();
    const t = setup((i) => (i === 1 ? cycle.promise : Promise.resolve()));
    t.runner.schedule(5_000);
    expect(t.runner.plannedAt).toBe(t.clock.now() + 5_000);
    t.runner.cancel();
    expect(t.runner.plannedAt).toBeNull();
    t.clock.advance(10_000);
    await settle();
    expect(t.events).toEqual([]);

    t.runner.schedule(0);
    t.clock.advance(0);
    await settle();
    let stopped = false;
    const stopping = t.runner.stop().then(() => (stopped = true));
    t.runner.schedule(0);
    await settle();
    expect(stopped).toBe(false); // waits for the cycle in flight
    cycle.open();
    await stopping;
    t.clock.advance(60_000);
    await settle();
    expect(t.events).toEqual(['start 1', 'end 1']);
    expect(t.clock.pendingTimers).toBe(0);
  });
});

// `hedgeflow watch`: an alert's outcomes reach the terminal once known: with --json, the alert's
// event again (same id) carrying them; piped, one OUTCOME line; in a terminal, the table's alert
// line in place.
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../../../cli/io.js';
import { watchCommand } from '../../../cli/watch-command.js';
import { WatchRenderer } from '../../../cli/watch-render.js';
import type { AlertRecord } from '../../../core/contract/detector.js';
import { ManualClock } from '../../../core/fakes/manual-clock.js';
import { settle } from '../core/app/loop-harness.js';

/** Tuesday 2026-06-09 13:50 New York; the demo (seed 1) alerts SPY on the 14:02 bar. */
const BEFORE_SQUEEZE = Date.parse('2026-06-09T17:50:00Z');

function testIo(isTty = false) {
  const out: string[] = [];
  const io: CliIo = {
    out: (t) => void out.push(t),
    err: () => {},
    readInput: async () => '',
    env: {},
    isTty,
    interrupted: new Promise<void>(() => {}),
  };
  return { io, out };
}

describe('watch: alert outcomes', () => {
  it('--json prints the alert, then the same alert again as each outcome becomes known', async () => {
    const { io, out } = testIo();
    const clock = new ManualClock(BEFORE_SQUEEZE);
    let stop: () => void = () => {};
    const until = new Promise<void>((r) => (stop = r));
    const done = watchCommand(['--demo', '--symbols', 'SPY', '--json'], io, { clock, until });
    for (let i = 0; i < 400 && clock.pendingTimers === 0; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    const end = clock.now() + 35 * 60_000;
    while (clock.nextTimerAt() !== null && clock.nextTimerAt()! <= end) {
      clock.advanceTo(clock.nextTimerAt()!);
      await settle();
      await settle();
    }
    stop();
    expect(await done).toBe(0);
    const alerts = out
      .map((l) => JSON.parse(l) as { type: string } & Partial<AlertRecord>)
      .filter((e) => e.type === 'alert');
    const id = alerts[0]!.id;
    const same = alerts.filter((a) => a.id === id);
    // Fired (every horizon pending), then once per horizon that became known by 14:25.
    expect(same.map((a) => a.outcomes?.horizons['5m'].status)).toEqual([
      'pending',
      'known',
      'known',
    ]);
    expect(same.map((a) => a.outcomes?.horizons['15m'].status)).toEqual([
      'pending',
      'pending',
      'known',
    ]);
    expect(same.at(-1)!.outcomes!.horizons['30m']).toEqual({
      status: 'pending',
      at: Date.parse('2026-06-09T18:32:00Z'),
    });
  });

  it('piped, prints one OUTCOME line; in a terminal, updates the alert line in place', () => {
    const t = Date.parse('2026-06-09T18:02:00Z');
    const alert = {
      id: 'SPY:squeeze:down:1:building',
      symbol: 'SPY',
      kind: 'squeeze',
      direction: 'down',
      t,
      title: 'SPY squeeze building ▼',
      severity: 'building',
    } as AlertRecord;
    const known: AlertRecord = {
      ...alert,
      outcomes: {
        barSize: '1m',
        spot: 600,
        horizons: {
          '5m': { status: 'known', move: 0.0021, spot: 598.74, at: t + 300_000 },
          '15m': { status: 'pending', at: t + 900_000 },
          '30m': { status: 'unknown', reason: 'no-bar' },
          close: { status: 'pending', at: t + 7_000_000 },
        },
      },
    };
    const piped = testIo();
    const plain = new WatchRenderer(piped.io, { json: false, tty: false, now: () => t });
    plain.alert(alert);
    plain.alertUpdated(known);
    expect(piped.out).toEqual([
      'ALERT 14:02 SPY squeeze down (building): SPY squeeze building ▼',
      'OUTCOME 14:02 SPY squeeze down: +5m +0.21%, +15m pending, +30m unknown, close pending',
    ]);
    const tty = testIo(true);
    const table = new WatchRenderer(tty.io, { json: false, tty: true, now: () => t });
    table.alert(alert);
    table.alertUpdated(known);
    const frame = tty.out.at(-1)!;
    expect(frame.match(/ALERT 14:02 SPY/g)).toHaveLength(1);
    expect(frame).toContain('| +5m +0.21%, +15m pending');
  });
});

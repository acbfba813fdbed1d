// The "done when", bounded to about a minute for npm test: a whole session of the built
// `hedgeflow watch --json` (3 symbols, 1 m bars) against `hedgeflow sim` on a clock running 400
// times real time, through a fault proxy that delays every request both ways (up to 0.8 s of
// wall time each: over 5 minutes of market time) and injects every fault kind. Watch must print
// every closed bar the server has, for all three legs, with the server's exact per-bar and
// cumulative values (a value it did not know yet printed as null, never as a number), no other
// bar, no alert twice, within the Growth budget, with the key in no output and no URL, and say
// the day is complete; its history must hold the same. The long runs (1x, 60x, 120x, 240x, 30 s
// bars, 0-10 s latency) are `npm run soak` (scripts/soak-session.sh, docs/polling.md).
import { beforeAll, describe, expect, it } from 'vitest';
import { sessionOn } from '../../../calendar/index.js';
import { assertBuilt } from '../../support/built-cli.js';
import { KEY, runCliSession, watchProblems } from '../../support/cli-session.js';
import { dayProblems, duplicateAlerts, firedAlerts, truthOf } from '../../support/day-check.js';

beforeAll(() => assertBuilt());

const DATE = '2026-06-05';
const SYMBOLS = ['SPY', 'QQQ', 'SPX'];

describe('hedgeflow watch, a whole session on a scaled clock through a fault proxy', () => {
  it('prints every closed bar exactly, completes the day, within budget, key nowhere', async () => {
    expect(sessionOn(DATE)).not.toBeNull();
    const run = await runCliSession({
      date: DATE,
      symbols: SYMBOLS,
      bar: '1m',
      speed: 400,
      // Seed 13 draws every fault kind within the first 20 requests (sim/server/faults.ts).
      faults: '5xx=0.05,reset=0.05,malformed=0.05,truncated=0.05,429burst=2:0.01',
      latencyMaxMs: 800,
      seed: 13,
      wallTimeoutMs: 150_000,
    });
    try {
      const problems: string[] = [];
      for (const symbol of SYMBOLS) {
        const truth = truthOf(run.server.simulator, symbol, DATE, '1m');
        problems.push(...watchProblems(run.events, symbol, truth));
        problems.push(...(await dayProblems(run.history, truth, DATE, symbol, '1m', true)));
      }
      // Outcome updates repeat an alert's event with the same id: only the first is a firing.
      const { fired: alerts, problems: refired } = firedAlerts(run.events);
      problems.push(...refired);
      problems.push(...duplicateAlerts(alerts));
      expect(problems.slice(0, 20)).toEqual([]);
      expect(run.used).toBeLessThanOrEqual(2_500);
      // The proxy really did get in the way.
      const faults = new Set(run.proxy.log.map((r) => r.fault));
      for (const kind of ['5xx', 'reset', 'malformed', 'truncated', '429']) {
        expect(faults).toContain(kind);
      }
      expect(run.proxy.keyViolations).toEqual([]);
      expect(run.stdout.includes(KEY) || run.stderr.includes(KEY)).toBe(false);
    } finally {
      await run.server.close();
    }
  }, 200_000);
});

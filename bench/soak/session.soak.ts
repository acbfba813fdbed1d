// Long whole-session runs of the built `hedgeflow watch --json` against `hedgeflow sim` through
// the fault proxy (test/support/cli-session.ts), checked bar by bar against the server's own
// 390-minute answer. Run with `npm run soak` (scripts/soak-session.sh); not part of npm test.
//
// With no settings, the issue's "done when" matrix at 120x, run side by side: 3 symbols at 1 m
// and at 30 s bars, with no faults and through the issue's fault mix (10% each of 5xx, 2-8 s
// delays, socket resets, malformed and truncated JSON, 429 bursts). One run at another speed:
//
//   SOAK_SPEED=1   SOAK_LATENCY_MS=5000 npm run soak   # real time: 6.5 h, 0-10 s latency
//   SOAK_SPEED=60  SOAK_LATENCY_MS=5000 npm run soak   # ~7 min
//   SOAK_SPEED=240 SOAK_LATENCY_MS=5000 npm run soak   # ~2 min
//
// SOAK_BAR (1m), SOAK_FAULTS ('issue', 'none' or a spec), SOAK_SYMBOLS (SPY,QQQ,SPX),
// SOAK_SEED (1) and SOAK_DATE (2026-06-05) refine it. SOAK_START (HH:MM, New York time; default
// 09:27) starts watch later, as an app opened mid-session: it must backfill from the open. At
// real time, the last part of a session through the close and the day's completion:
//
//   SOAK_SPEED=1 SOAK_START=15:30 SOAK_LATENCY_MS=5000 npm run soak   # ~35 min
import { beforeAll, describe, expect, it } from 'vitest';
import { isBarSize, type BarSize } from '../../core/model/flow.js';
import { assertBuilt } from '../../test/support/built-cli.js';
import { KEY, runCliSession, watchProblems } from '../../test/support/cli-session.js';
import {
  dayProblems,
  duplicateAlerts,
  firedAlerts,
  truthOf,
} from '../../test/support/day-check.js';

const ISSUE_FAULTS =
  '5xx=0.1,latency=2-8s:0.1,reset=0.1,malformed=0.1,truncated=0.1,429burst=3:0.02';

interface Soak {
  readonly speed: number;
  readonly bar: BarSize;
  readonly faults: string;
  readonly latencyMaxMs: number;
}

function env(name: string): string | undefined {
  const v = process.env[name]?.trim();
  return v === '' ? undefined : v;
}

function faultsFrom(text: string | undefined): string {
  if (text === undefined || text === 'issue') return ISSUE_FAULTS;
  return text === 'none' ? '' : text;
}

function runs(): Soak[] {
  const speed = env('SOAK_SPEED');
  const bar = env('SOAK_BAR') ?? '1m';
  if (!isBarSize(bar)) throw new Error(`SOAK_BAR must be a bar size, got ${bar}`);
  const latencyMaxMs = Number(env('SOAK_LATENCY_MS') ?? 0);
  if (speed !== undefined) {
    return [{ speed: Number(speed), bar, faults: faultsFrom(env('SOAK_FAULTS')), latencyMaxMs }];
  }
  return (['1m', '30s'] as const).flatMap((b) => [
    { speed: 120, bar: b, faults: '', latencyMaxMs },
    { speed: 120, bar: b, faults: ISSUE_FAULTS, latencyMaxMs },
  ]);
}

const DATE = env('SOAK_DATE') ?? '2026-06-05';
const SYMBOLS = (env('SOAK_SYMBOLS') ?? 'SPY,QQQ,SPX').split(',');
const SEED = Number(env('SOAK_SEED') ?? 1);
const START = env('SOAK_START') ?? '09:27';
const START_MATCH = /^(\d\d):(\d\d)$/.exec(START);
if (!START_MATCH) throw new Error(`SOAK_START must be HH:MM (New York time), got ${START}`);
/** Minutes after a 09:30 open. */
const START_AFTER_OPEN = Number(START_MATCH[1]) * 60 + Number(START_MATCH[2]) - (9 * 60 + 30);

beforeAll(() => assertBuilt());

describe.concurrent('whole sessions of hedgeflow watch through the fault proxy', () => {
  for (const soak of runs()) {
    const name = `${soak.speed}x from ${START} ET, ${soak.bar} bars, ${soak.faults === '' ? 'no faults' : soak.faults}, latency 0-${soak.latencyMaxMs} ms each way`;
    // The session from the start, and a half hour past the close to complete the day.
    const marketMinutes = Math.max(30, 420 - Math.max(0, START_AFTER_OPEN));
    const wallTimeoutMs = ((marketMinutes * 60_000) / soak.speed) * 1.2 + 5 * 60_000;
    it(
      name,
      async () => {
        const run = await runCliSession({
          date: DATE,
          symbols: SYMBOLS,
          bar: soak.bar,
          speed: soak.speed,
          faults: soak.faults,
          latencyMaxMs: soak.latencyMaxMs,
          seed: SEED,
          wallTimeoutMs,
          startMinutesAfterOpen: START_AFTER_OPEN,
        });
        try {
          const problems: string[] = [];
          for (const symbol of SYMBOLS) {
            const truth = truthOf(run.server.simulator, symbol, DATE, soak.bar);
            problems.push(...watchProblems(run.events, symbol, truth));
            problems.push(...(await dayProblems(run.history, truth, DATE, symbol, soak.bar, true)));
          }
          // Outcome updates repeat an alert's event with the same id: only the first is a firing.
          const { fired: alerts, problems: refired } = firedAlerts(run.events);
          problems.push(...refired);
          const twice = duplicateAlerts(alerts);
          problems.push(...twice);
          if (twice.length > 0) {
            // What tells the copies apart (episode start, severity, catch-up, when fired).
            for (const a of alerts) {
              const { id, t, firedAt, severity, catchUp } = a;
              console.log(
                JSON.stringify({
                  id,
                  t,
                  firedAt,
                  severity,
                  catchUp,
                  since: a.evidence.since,
                  bars: a.evidence.bars.map((b) => [b.t, b.bar]),
                }),
              );
            }
          }
          const failed = run.proxy.log.filter((r) => r.fault !== 'none').length;
          console.log(
            `${name}: ${run.proxy.log.length} requests (${failed} faulted), ${run.used} counted by the server, ` +
              `${alerts.length} alerts, ${Math.round(run.wallMs / 1000)} s, problems: ${problems.length}`,
          );
          expect(problems.slice(0, 30)).toEqual([]);
          expect(run.used).toBeLessThanOrEqual(2_500);
          expect(run.proxy.keyViolations).toEqual([]);
          expect(run.stdout.includes(KEY) || run.stderr.includes(KEY)).toBe(false);
        } finally {
          await run.server.close();
        }
      },
      wallTimeoutMs + 60_000,
    );
  }
});

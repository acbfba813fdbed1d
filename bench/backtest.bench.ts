// `hedgeflow backtest --demo` over 20 simulated sessions x 3 symbols, time per session, against
// the baseline of the simulator generating and serving the same sessions (the series request
// the backtest makes per symbol-session, straight to the engine's router). The backtest adds the
// API client's validation, the state merge, the detector, the alert engine, outcomes and the
// scorecard; the second row times those alone on sessions already loaded.
import { describe, it } from 'vitest';
import { DEFAULT_ALERT_SETTINGS, DEFAULT_DETECTOR_SETTINGS } from '../core/contract/detector.js';
import { DEFAULT_SYMBOLS } from '../core/contract/settings.js';
import { calendarSessions, simulatedSessions } from '../core/outcomes/backtest-data.js';
import { backtest } from '../core/outcomes/replay.js';
import { DEMO_KEY } from '../core/source/sources.js';
import { createSimulator } from '../sim/engine/simulator.js';
import { percentile, report } from './report.js';

const SESSIONS = calendarSessions(20, Date.parse('2026-06-06T00:00:00Z'));
const SYMBOLS = [...DEFAULT_SYMBOLS];
const RUNS = 3;

const simulator = () => createSimulator({ seed: 1, keys: [{ key: DEMO_KEY, plan: 'alpha' }] });

/** The baseline: a fresh simulator generating each session and serving its series once. */
function generate(): number {
  const sim = simulator();
  const t0 = performance.now();
  for (const s of SESSIONS) {
    for (const symbol of SYMBOLS) {
      sim.handle(
        {
          method: 'GET',
          url: `/v1/flow/zero-dte/series/${symbol}?bar=1m&minutes=390`,
          headers: { 'x-api-key': DEMO_KEY },
        },
        s.close,
      );
    }
  }
  return (performance.now() - t0) / SESSIONS.length;
}

async function fullBacktest(): Promise<number> {
  const t0 = performance.now();
  const sessions = await simulatedSessions(simulator(), SESSIONS, SYMBOLS, '1m');
  backtest(sessions, DEFAULT_DETECTOR_SETTINGS, DEFAULT_ALERT_SETTINGS);
  return (performance.now() - t0) / SESSIONS.length;
}

describe('backtest', () => {
  it('20 simulated sessions x 3 symbols, per session', async () => {
    generate(); // warm the JIT
    const loaded = await simulatedSessions(simulator(), SESSIONS, SYMBOLS, '1m');
    const base: number[] = [];
    const full: number[] = [];
    const analysis: number[] = [];
    let alerts = 0;
    for (let i = 0; i < RUNS; i++) {
      base.push(generate());
      full.push(await fullBacktest());
      const t0 = performance.now();
      alerts = backtest(loaded, DEFAULT_DETECTOR_SETTINGS, DEFAULT_ALERT_SETTINGS).alerts.length;
      analysis.push((performance.now() - t0) / SESSIONS.length);
    }
    const median = (xs: number[]) =>
      percentile(
        xs.sort((a, b) => a - b),
        50,
      );
    const baseline = median(base);
    report(
      `backtest: ${SESSIONS.length} sessions x ${SYMBOLS.length} symbols, ${alerts} alerts (baseline: the simulator generating the same sessions)`,
      [
        { name: 'backtest --demo, per session', value: median(full), unit: 'ms', baseline },
        {
          name: 'detector + alerts + outcomes + scorecard, per session',
          value: median(analysis),
          unit: 'ms',
          baseline,
        },
      ],
    );
  });
});

// `hedgeflow backtest --demo`, the built binary, against the simulator's own answers: for each
// alert, the spot and the signed moves it prints equal those computed here by hand from the
// series a real `hedgeflow sim` server serves on loopback for that session (same seed), asked
// at the session's close as any client would.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nyDate, sessionOn } from '../../../calendar/index.js';
import { startSimServer, type SimServer } from '../../../sim/server/http-server.js';
import { assertBuilt, runCli } from '../../support/built-cli.js';

const SEED = 7;
const MIN = 60_000;

interface AlertLine {
  type: 'alert';
  symbol: string;
  t: string;
  kind: string;
  direction: 'up' | 'down';
  barSize: string;
  spot: number | null;
  outcomes: Record<'5m' | '15m' | '30m' | 'close', number | null>;
}

let server: SimServer;

beforeAll(async () => {
  assertBuilt();
  server = await startSimServer({ seed: SEED, clock: { start: 0, speed: 0 } });
});
afterAll(async () => {
  await server?.close();
});

/** spot by bucket start, from the server's series answer at the session's close. */
async function serverSpots(
  symbol: string,
  date: string,
  bar: string,
): Promise<Map<number, number>> {
  const session = sessionOn(date)!;
  server.clock.set(session.close);
  const res = await fetch(
    `${server.url}/v1/flow/zero-dte/series/${symbol}?bar=${bar}&minutes=390`,
    {
      headers: { 'X-Api-Key': 'alpha-key' },
    },
  );
  expect(res.status).toBe(200);
  const body = (await res.json()) as { bars: { t: string; spot: number }[] };
  return new Map(body.bars.map((b) => [Date.parse(b.t), b.spot]));
}

/** direction × (spot(t + h) / spot(t) − 1), null past the session's last bucket. */
function byHand(
  spots: Map<number, number>,
  t: number,
  sign: number,
  at: number,
  close: number,
  barMs: number,
) {
  if (at + barMs > close) return null;
  const from = spots.get(t)!;
  const to = spots.get(at);
  return to === undefined ? null : sign * (to / from - 1);
}

async function check(bar: '1m' | '5m', extra: string[]): Promise<AlertLine[]> {
  const args = [
    'backtest',
    '--demo',
    '--seed',
    String(SEED),
    '--days',
    '3',
    '--until',
    '2026-06-05',
  ];
  const run = await runCli([...args, '--bar', bar, '--json', ...extra]);
  expect(run.code, run.stderr).toBe(0);
  const lines = run.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as { type: string });
  const card = lines.at(-1) as { type: string; sessions: string[] };
  expect(card.type).toBe('scorecard');
  expect(card.sessions).toEqual(['2026-06-03', '2026-06-04', '2026-06-05']);
  const alerts = lines.slice(0, -1) as AlertLine[];
  const barMs = bar === '1m' ? MIN : 5 * MIN;
  const cache = new Map<string, Map<number, number>>();
  for (const a of alerts) {
    expect(Object.keys(a.outcomes)).toEqual(['5m', '15m', '30m', 'close']);
    const t = Date.parse(a.t);
    const date = nyDate(t);
    const key = `${a.symbol}|${date}`;
    if (!cache.has(key)) cache.set(key, await serverSpots(a.symbol, date, bar));
    const spots = cache.get(key)!;
    const session = sessionOn(date)!;
    const sign = a.direction === 'up' ? 1 : -1;
    expect(a.barSize).toBe(bar);
    expect(a.spot, `${a.symbol} ${a.t}`).toBe(spots.get(t));
    const expected = {
      '5m': byHand(spots, t, sign, t + 5 * MIN, session.close, barMs),
      '15m': byHand(spots, t, sign, t + 15 * MIN, session.close, barMs),
      '30m': byHand(spots, t, sign, t + 30 * MIN, session.close, barMs),
      close: byHand(spots, t, sign, session.close - barMs, session.close, barMs),
    };
    for (const h of ['5m', '15m', '30m', 'close'] as const) {
      if (expected[h] === null) expect(a.outcomes[h], `${a.symbol} ${a.t} ${h}`).toBeNull();
      else expect(a.outcomes[h], `${a.symbol} ${a.t} ${h}`).toBeCloseTo(expected[h], 15);
    }
  }
  return alerts;
}

describe('hedgeflow backtest --demo against hedgeflow sim', () => {
  it('prints the outcomes a client computes from the server’s series, every rule, 1m bars', async () => {
    const alerts = await check('1m', [
      '--flip-after',
      '8',
      '--gamma-flip-cross',
      '--gamma-flip-band',
      '0.001',
    ]);
    const kinds = new Set(alerts.map((a) => a.kind));
    expect([...kinds].sort()).toEqual(['gamma-flip', 'reversal', 'squeeze']);
    // One 30-minute horizon runs past the close: unknown, printed as null, never 0.
    expect(alerts.some((a) => a.outcomes['30m'] === null)).toBe(true);
  }, 120_000);

  it('at 5m bars too', async () => {
    expect((await check('5m', [])).length).toBeGreaterThan(0);
  }, 120_000);
});

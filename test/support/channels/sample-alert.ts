// An alert as the alert engine records one: an up-squeeze on SPY with its legs and price.
import type { AlertRecord } from '../../../core/contract/detector.js';

export function sampleAlert(overrides: Partial<AlertRecord> = {}): AlertRecord {
  const since = Date.parse('2026-06-05T14:12:00Z');
  const bars = [0, 1, 2, 3, 4].map((i) => ({
    t: since + i * 60_000,
    bar: 2_000_000 + i * 1_500_000,
    cumulative: 40_000_000 + i * 3_000_000,
    calls: 1_600_000 + i * 1_200_000,
    puts: 400_000 + i * 300_000,
    spot: 590 + i * 0.12,
  }));
  return {
    id: `SPY:squeeze:up:${since}:building`,
    symbol: 'SPY',
    kind: 'squeeze',
    direction: 'up',
    t: since + 4 * 60_000,
    firedAt: since + 5 * 60_000 + 2_000,
    title: 'SPY: dealers buying into strength — upside squeeze building',
    body: '5 bars of growing dealer buying since 10:12 ET: +$25M; session cumulative +$52M. Calls 80% / puts 20% (call-driven). Price +0.48 (dealers chasing).',
    severity: 'building',
    catchUp: false,
    evidence: {
      since,
      barCount: 5,
      move: 25_000_000,
      cumulative: 52_000_000,
      bars,
      legs: { calls: 20e6, puts: 5e6, callShare: 0.8, putShare: 0.2, driver: 'calls' },
      price: { from: 590, to: 590.48, move: 0.48, confirmation: 'chasing' },
      gammaFlip: null,
    },
    ...overrides,
  };
}

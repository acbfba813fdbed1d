// Views as the core emits them, for the shell's tests.
import type { ActiveSignal } from '../../../core/contract/detector.js';
import type { AppStatusView, SymbolView } from '../../../core/contract/views.js';

export const NOW = Date.parse('2026-06-05T15:00:00Z');

export function statusView(overrides: Partial<AppStatusView> = {}): AppStatusView {
  return {
    source: 'flashalpha',
    demoReason: null,
    paused: false,
    online: true,
    key: { hasKey: true, hint: '••••3f9a' },
    keychain: { available: true, message: null },
    quota: null,
    market: {
      open: true,
      sessionDate: '2026-06-05',
      opensAt: Date.parse('2026-06-05T13:30:00Z'),
      closesAt: Date.parse('2026-06-05T20:00:00Z'),
      earlyClose: false,
    },
    error: null,
    notice: null,
    nextPollAt: null,
    ...overrides,
  };
}

export function symbolView(symbol: string, overrides: Partial<SymbolView> = {}): SymbolView {
  return {
    symbol,
    status: { kind: 'live' },
    barSize: '1m',
    expiration: '2026-06-05',
    asOf: NOW,
    receivedAt: NOW,
    cumulative: 48_200_000,
    lastBar: 1_200_000,
    spot: 590.42,
    gammaFlip: null,
    points: [],
    bars: [],
    inProgress: true,
    signal: null,
    snoozedUntil: null,
    day: { date: '2026-06-05', state: 'filling', missing: [], missingBars: 0 },
    ...overrides,
  };
}

export function squeeze(
  symbol: string,
  direction: 'up' | 'down',
  since: number = NOW - 5 * 60_000,
): ActiveSignal {
  return {
    symbol,
    kind: 'squeeze',
    direction,
    since,
    t: NOW - 60_000,
    barCount: 5,
    move: direction === 'up' ? 15_000_000 : -15_000_000,
    confirmation: null,
    legs: null,
    severity: 'building',
    alerted: true,
    pending: null,
  };
}

// The NDJSON recording format: one JSON object per line. A header; per symbol-day a
// `session` line carrying the 09:30 state; then `sample` lines (the raw tier: both legs'
// cumulatives, spot and the dealer-book read at the end of each 30 s window) and `trade` lines
// (the classified customer tape), each in time order. Field names follow the series endpoint
// so a recording reads like the API. docs/simulator.md documents every field.
import { REGIMES } from '../model/regimes.js';
import type { DayTrack, StateField } from '../model/day-track.js';
import type { Trade } from '../model/trade-log.js';
import { isoSeconds } from '../api/responses.js';

export const RECORDING_FORMAT = 'hedgeflow-sim-recording';
export const RECORDING_VERSION = 1;

/** Wire name of each stored state field. */
export const STATE_WIRE: Readonly<Record<StateField, string>> = {
  spot: 'spot',
  callCum: 'hedge_flow_call_cumulative',
  putCum: 'hedge_flow_put_cumulative',
  netGex: 'net_gex',
  netDex: 'net_dex',
  gammaFlip: 'gamma_flip',
  callWall: 'call_wall',
  putWall: 'put_wall',
  magnet: 'magnet',
  pinScore: 'pin_score',
  pinProb: 'pin_probability_pct',
  atmIv: 'atm_iv',
  charm: 'charm_dollars_per_hour',
};

export function headerLine(seed: number | null, createdMs: number): string {
  return JSON.stringify({
    type: RECORDING_FORMAT,
    version: RECORDING_VERSION,
    seed,
    created: isoSeconds(createdMs),
  });
}

function stateObject(track: DayTrack, i: number): Record<string, number | string | null> {
  const out: Record<string, number | string | null> = {};
  for (const [field, wire] of Object.entries(STATE_WIRE) as [StateField, string][]) {
    const v = track.fields[field][i]!;
    out[wire] = Number.isNaN(v) ? null : v;
  }
  out.flow_regime = REGIMES[track.regime[i]!] ?? null;
  return out;
}

export function sessionLine(track: DayTrack, halfSpread: number): string {
  return JSON.stringify({
    type: 'session',
    symbol: track.symbol,
    date: track.date,
    open: isoSeconds(track.open),
    close: isoSeconds(track.close),
    zero_dte: track.hasChain,
    half_spread: halfSpread,
    state: stateObject(track, 0),
  });
}

/** Raw sample `k`: stamped at its window start, holding the state at its window end. */
export function sampleLine(track: DayTrack, k: number): string {
  const state = ((k + 1) * 30_000) / track.stepMs;
  return JSON.stringify({
    type: 'sample',
    symbol: track.symbol,
    date: track.date,
    t: isoSeconds(track.open + k * 30_000),
    ...stateObject(track, state),
  });
}

export function tradeLine(symbol: string, date: string, trade: Trade): string {
  return JSON.stringify({
    type: 'trade',
    symbol,
    date,
    t: new Date(trade.t).toISOString(),
    strike: trade.strike,
    leg: trade.leg,
    side: trade.side,
    size: trade.size,
    price: trade.price,
    bid: trade.bid,
    ask: trade.ask,
  });
}

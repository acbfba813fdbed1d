// The two flow endpoints' bodies: hedge-flow (one projection, exact per-bar flow) and series
// (spot, the dealer-book read and all three cumulatives per bar), in API.md's key order. They
// are written as JSON text directly: a whole-session poll has 780 bars and this is the path
// the app's demo mode runs every few seconds (bench/sim-engine.bench.ts measures it).
import type { DayTrack } from '../model/day-track.js';
import { BAR_MS, type BarSize, type Side } from './params.js';
import { isoSeconds } from './responses.js';
import { windowBuckets } from './window.js';

export interface FlowQuery {
  readonly symbol: string;
  /** Today's New York date. */
  readonly expiration: string;
  readonly nowMs: number;
  readonly bar: BarSize;
  readonly minutes: number;
  /** null: no samples to serve (unknown symbol, closed, no 0DTE expiry today). */
  readonly track: DayTrack | null;
}

/** A finite number as JSON (same text as JSON.stringify), NaN as null. */
function num(v: number): string {
  return Number.isNaN(v) ? 'null' : String(v);
}

function head(q: FlowQuery): string {
  return `{"symbol":${JSON.stringify(q.symbol)},"expiration":"${q.expiration}","as_of":"${isoSeconds(q.nowMs)}"`;
}

export function hedgeFlowBody(q: FlowQuery, side: Side): string {
  const bars: string[] = [];
  const track = q.track;
  if (track) {
    const { callCum, putCum } = track.fields;
    const cum = (i: number): number =>
      side === 'calls' ? callCum[i]! : side === 'puts' ? putCum[i]! : callCum[i]! + putCum[i]!;
    for (const b of windowBuckets(track, q.nowMs, q.minutes, BAR_MS[q.bar])) {
      const cumulative = cum(b.state);
      const bar = cumulative - cum(b.prevState);
      bars.push(`{"t":"${isoSeconds(b.t)}","bar":${num(bar)},"cumulative":${num(cumulative)}}`);
    }
  }
  return `${head(q)},"side":"${side}","bar_size":"${q.bar}","bars":[${bars.join(',')}]}`;
}

export function seriesBody(q: FlowQuery): string {
  const bars: string[] = [];
  const track = q.track;
  if (track) {
    const { spot, netGex, netDex, gammaFlip, callWall, putWall, magnet } = track.fields;
    const { pinScore, pinProb, atmIv, charm, callCum, putCum } = track.fields;
    for (const b of windowBuckets(track, q.nowMs, q.minutes, BAR_MS[q.bar])) {
      const i = b.state;
      const gex = netGex[i]!;
      const regime = Number.isNaN(gex)
        ? 'null'
        : gex >= 0
          ? '"positive_gamma"'
          : '"negative_gamma"';
      const call = callCum[i]!;
      const put = putCum[i]!;
      bars.push(
        `{"t":"${isoSeconds(b.t)}","spot":${num(spot[i]!)},"net_gex":${num(gex)}` +
          `,"net_dex":${num(netDex[i]!)},"gamma_flip":${num(gammaFlip[i]!)}` +
          `,"call_wall":${num(callWall[i]!)},"put_wall":${num(putWall[i]!)}` +
          `,"magnet":${num(magnet[i]!)},"pin_score":${num(pinScore[i]!)}` +
          `,"pin_probability_pct":${num(pinProb[i]!)},"regime":${regime}` +
          `,"atm_iv":${num(atmIv[i]!)},"charm_dollars_per_hour":${num(charm[i]!)}` +
          `,"hedge_flow_call_cumulative":${num(call)},"hedge_flow_put_cumulative":${num(put)}` +
          `,"hedge_flow_cumulative_all":${num(call + put)}}`,
      );
    }
  }
  return `${head(q)},"bar_size":"${q.bar}","bars":[${bars.join(',')}]}`;
}

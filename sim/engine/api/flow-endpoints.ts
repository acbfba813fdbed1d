// The two flow endpoints' bodies: hedge-flow (one projection, exact per-bar flow) and series
// (spot, the dealer-book read and all three cumulatives per bar), in API.md's key order. They
// are written as JSON text directly: a whole-session poll has 780 bars and this is the path
// the app's demo mode runs every few seconds (bench/sim-engine.bench.ts measures it against
// JSON.stringify of the same body).
//
// A complete bucket's text never changes (its states are final, and neither the window nor the
// time of the query enters it), so it is written once per day, bar size and projection and kept
// with the day: a poll writes only the bucket still filling and joins the rest. The cache lives
// as long as the day's track (a WeakMap), so the market data's day cache bounds it.
import type { DayTrack } from '../model/day-track.js';
import { BAR_MS, type BarSize, type Side } from './params.js';
import { isoSeconds } from './responses.js';
import { windowBuckets, type Bucket } from './window.js';

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

/**
 * The same string, stored contiguously. A template literal builds a rope of its pieces, and
 * `join` walks a rope again on every call without flattening it: a cached bar would cost its
 * thirty-odd pieces on every poll. Converting a string to a number flattens it in V8 (the
 * `flatstr` idiom); elsewhere it is a harmless no-op.
 */
function flat(text: string): string {
  void Number(text);
  return text;
}

/** Per track, per bar size and projection: each complete bucket's text, by bucket index. */
const written = new WeakMap<DayTrack, Map<string, string[]>>();

/** The bars' text: complete buckets from the day's cache, the one filling written now. */
function barsText(
  q: FlowQuery,
  track: DayTrack,
  kind: Side | 'series',
  write: (b: Bucket) => string,
): string {
  const barMs = BAR_MS[q.bar];
  let byKind = written.get(track);
  if (!byKind) written.set(track, (byKind = new Map()));
  const key = `${kind}|${barMs}`;
  let texts = byKind.get(key);
  if (!texts) byKind.set(key, (texts = []));
  const first = Math.floor(track.open / barMs) * barMs;
  const bars: string[] = [];
  for (const b of windowBuckets(track, q.nowMs, q.minutes, barMs)) {
    if (!b.complete) {
      bars.push(write(b));
      continue;
    }
    const index = (b.t - first) / barMs;
    bars.push((texts[index] ??= flat(write(b))));
  }
  return bars.join(',');
}

export function hedgeFlowBody(q: FlowQuery, side: Side): string {
  const track = q.track;
  let bars = '';
  if (track) {
    const { callCum, putCum } = track.fields;
    const cum = (i: number): number =>
      side === 'calls' ? callCum[i]! : side === 'puts' ? putCum[i]! : callCum[i]! + putCum[i]!;
    bars = barsText(q, track, side, (b) => {
      const cumulative = cum(b.state);
      const bar = cumulative - cum(b.prevState);
      return `{"t":"${isoSeconds(b.t)}","bar":${num(bar)},"cumulative":${num(cumulative)}}`;
    });
  }
  return `${head(q)},"side":"${side}","bar_size":"${q.bar}","bars":[${bars}]}`;
}

export function seriesBody(q: FlowQuery): string {
  const track = q.track;
  let bars = '';
  if (track) {
    const { spot, netGex, netDex, gammaFlip, callWall, putWall, magnet } = track.fields;
    const { pinScore, pinProb, atmIv, charm, callCum, putCum } = track.fields;
    bars = barsText(q, track, 'series', (b) => {
      const i = b.state;
      const gex = netGex[i]!;
      const regime = Number.isNaN(gex)
        ? 'null'
        : gex >= 0
          ? '"positive_gamma"'
          : '"negative_gamma"';
      const call = callCum[i]!;
      const put = putCum[i]!;
      return (
        `{"t":"${isoSeconds(b.t)}","spot":${num(spot[i]!)},"net_gex":${num(gex)}` +
        `,"net_dex":${num(netDex[i]!)},"gamma_flip":${num(gammaFlip[i]!)}` +
        `,"call_wall":${num(callWall[i]!)},"put_wall":${num(putWall[i]!)}` +
        `,"magnet":${num(magnet[i]!)},"pin_score":${num(pinScore[i]!)}` +
        `,"pin_probability_pct":${num(pinProb[i]!)},"regime":${regime}` +
        `,"atm_iv":${num(atmIv[i]!)},"charm_dollars_per_hour":${num(charm[i]!)}` +
        `,"hedge_flow_call_cumulative":${num(call)},"hedge_flow_put_cumulative":${num(put)}` +
        `,"hedge_flow_cumulative_all":${num(call + put)}}`
      );
    });
  }
  return `${head(q)},"bar_size":"${q.bar}","bars":[${bars}]}`;
}

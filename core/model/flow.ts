// The hedge-flow domain, independent of the wire format. Times are epoch milliseconds (UTC);
// flow figures are delta-dollars as plain numbers end to end (formatting happens only in
// core/contract/format.ts, used by the renderer and the CLI).

export const SIDES = ['all', 'calls', 'puts'] as const;
export type Side = (typeof SIDES)[number];

export const BAR_SIZES = ['30s', '1m', '5m', '15m'] as const;
export type BarSize = (typeof BAR_SIZES)[number];

export const BAR_MS: Readonly<Record<BarSize, number>> = {
  '30s': 30_000,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
};

/** The raw tier's sampling interval: every 30 s, snapped to :00/:30. */
export const RAW_SAMPLE_MS = 30_000;

/** One bar of one projection (all, calls or puts). `t` is the bucket start. */
export interface FlowBar {
  readonly t: number;
  readonly bar: number;
  readonly cumulative: number;
}

/** A parsed hedge-flow response. */
export interface HedgeFlowData {
  readonly symbol: string;
  readonly expiration: string;
  readonly asOf: number;
  readonly side: Side;
  readonly barSize: BarSize;
  readonly bars: readonly FlowBar[];
}

/** One bar of the series endpoint: price, regime and all three hedge-flow cumulatives. */
export interface SeriesBar {
  readonly t: number;
  readonly spot: number;
  readonly netGex: number | null;
  readonly netDex: number | null;
  readonly gammaFlip: number | null;
  readonly callWall: number | null;
  readonly putWall: number | null;
  readonly magnet: number | null;
  readonly pinScore: number | null;
  readonly pinProbabilityPct: number | null;
  readonly regime: string | null;
  readonly atmIv: number | null;
  readonly charmDollarsPerHour: number | null;
  readonly callCumulative: number;
  readonly putCumulative: number;
  readonly allCumulative: number;
}

export interface SeriesData {
  readonly symbol: string;
  readonly expiration: string;
  readonly asOf: number;
  readonly barSize: BarSize;
  readonly bars: readonly SeriesBar[];
}

export function isBarSize(value: unknown): value is BarSize {
  return typeof value === 'string' && (BAR_SIZES as readonly string[]).includes(value);
}

/** A bar is closed when its bucket has ended by the server time of the response carrying it. */
export function isClosed(t: number, barSize: BarSize, asOf: number): boolean {
  return t + BAR_MS[barSize] <= asOf;
}

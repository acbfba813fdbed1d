// The stored path of one symbol-day: one row of state per model step (state 0 is the 09:30
// open, state `steps` the close), column-wise in typed arrays. Queries read rows by index; a
// live day is generated lazily, so `ensure(i)` runs the model up to state i on demand and a
// poll never regenerates what already exists.
import type { TradeLog } from './trade-log.js';

export const STATE_FIELDS = [
  'spot',
  /** cumulative dealer hedge flow of the call leg since the open, whole delta-dollars */
  'callCum',
  'putCum',
  'netGex',
  'netDex',
  /** NaN = none within the search range */
  'gammaFlip',
  'callWall',
  'putWall',
  /** NaN = no strike where dealers are long gamma */
  'magnet',
  'pinScore',
  'pinProb',
  'atmIv',
  'charm',
] as const;
export type StateField = (typeof STATE_FIELDS)[number];

export class DayTrack {
  readonly fields: Readonly<Record<StateField, Float64Array>>;
  /** Customer-flow regime per state (REGIME_CODE); diagnostics and tests. */
  readonly regime: Uint8Array;
  /** States 0 .. generated-1 are filled. */
  generated = 0;
  /** Runs the model forward to `index` (inclusive); null once complete or for replayed days. */
  extend: ((index: number) => void) | null = null;
  trades: TradeLog | null = null;

  constructor(
    readonly symbol: string,
    readonly date: string,
    /** Epoch ms of the 09:30 open. */
    readonly open: number,
    /** Epoch ms of the close (16:00, or 13:00 on early-close days). */
    readonly close: number,
    /** Model step: 10 s live, 30 s for a replayed raw tier. */
    readonly stepMs: number,
    /** False when the symbol has no 0DTE expiry that day: flows stay zero. */
    readonly hasChain: boolean,
  ) {
    const states = this.stateCount;
    const fields = {} as Record<StateField, Float64Array>;
    for (const f of STATE_FIELDS) fields[f] = new Float64Array(states);
    this.fields = fields;
    this.regime = new Uint8Array(states);
  }

  get steps(): number {
    return Math.round((this.close - this.open) / this.stepMs);
  }

  get stateCount(): number {
    return this.steps + 1;
  }

  /** Raw samples the day can hold: the whole session, or fewer for a recording cut short. */
  get sampleCount(): number {
    const full = Math.round((this.close - this.open) / 30_000);
    if (this.extend) return full;
    return Math.min(full, Math.floor(((this.generated - 1) * this.stepMs) / 30_000));
  }

  /** Makes states 0..index available (clamped to the close). */
  ensure(index: number): void {
    const target = Math.min(index, this.steps);
    if (target < this.generated) return;
    if (!this.extend)
      throw new Error(`state ${target} of ${this.symbol} ${this.date} is not stored`);
    this.extend(target);
  }

  /** The last state whose time is at or before `nowMs` (-1 before the open). */
  stateAt(nowMs: number): number {
    if (nowMs < this.open) return -1;
    const last = this.extend ? this.steps : this.generated - 1;
    return Math.min(last, Math.floor((nowMs - this.open) / this.stepMs));
  }

  timeOf(index: number): number {
    return this.open + index * this.stepMs;
  }
}

// The customer trade tape of one symbol-day, kept only when asked (recording): growable
// column arrays rather than one object per print, because an SPY day holds ~150k prints.

type TradeSide = 'buy' | 'sell' | 'mid';
type TradeLeg = 'call' | 'put';

export interface Trade {
  /** Epoch ms of the print. */
  readonly t: number;
  readonly strike: number;
  readonly leg: TradeLeg;
  /** Customer side by aggressor rule: at/above ask = buy, at/below bid = sell, mid = unattributed. */
  readonly side: TradeSide;
  readonly size: number;
  readonly price: number;
  readonly bid: number;
  readonly ask: number;
}

const SIDES: readonly TradeSide[] = ['sell', 'mid', 'buy'];

export class TradeLog {
  private times = new Float64Array(1024);
  private strikes = new Float64Array(1024);
  private prices = new Float64Array(3 * 1024);
  /** leg (0 call, 1 put) * 4 + side + 1 (side: -1 sell, 0 mid, +1 buy) */
  private codes = new Uint8Array(1024);
  private sizes = new Uint32Array(1024);
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(
    t: number,
    strike: number,
    put: boolean,
    side: number,
    size: number,
    price: number,
    bid: number,
    ask: number,
  ): void {
    if (this.count === this.times.length) this.grow();
    const i = this.count++;
    this.times[i] = t;
    this.strikes[i] = strike;
    this.codes[i] = (put ? 4 : 0) + side + 1;
    this.sizes[i] = size;
    this.prices[3 * i] = price;
    this.prices[3 * i + 1] = bid;
    this.prices[3 * i + 2] = ask;
  }

  /** Sorts the prints pushed since `from` by time (each step draws its prints unordered). */
  sortFrom(from: number): void {
    const n = this.count - from;
    if (n < 2) return;
    const order = Array.from({ length: n }, (_, j) => from + j);
    order.sort((a, b) => this.times[a]! - this.times[b]! || a - b);
    const rows = order.map((i) => this.row(i));
    rows.forEach((r, j) => this.write(from + j, r));
  }

  /** Index of the first print at or after `t` (binary search). */
  indexAt(t: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.times[mid]! < t) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get(i: number): Trade {
    const code = this.codes[i]!;
    return {
      t: this.times[i]!,
      strike: this.strikes[i]!,
      leg: code >= 4 ? 'put' : 'call',
      side: SIDES[code % 4]!,
      size: this.sizes[i]!,
      price: this.prices[3 * i]!,
      bid: this.prices[3 * i + 1]!,
      ask: this.prices[3 * i + 2]!,
    };
  }

  private row(i: number): [number, number, number, number, number, number, number] {
    const p = 3 * i;
    return [
      this.times[i]!,
      this.strikes[i]!,
      this.codes[i]!,
      this.sizes[i]!,
      this.prices[p]!,
      this.prices[p + 1]!,
      this.prices[p + 2]!,
    ];
  }

  private write(i: number, r: readonly number[]): void {
    this.times[i] = r[0]!;
    this.strikes[i] = r[1]!;
    this.codes[i] = r[2]!;
    this.sizes[i] = r[3]!;
    this.prices[3 * i] = r[4]!;
    this.prices[3 * i + 1] = r[5]!;
    this.prices[3 * i + 2] = r[6]!;
  }

  private grow(): void {
    const n = this.times.length * 2;
    this.times = copy(new Float64Array(n), this.times);
    this.strikes = copy(new Float64Array(n), this.strikes);
    this.prices = copy(new Float64Array(3 * n), this.prices);
    this.codes = copy(new Uint8Array(n), this.codes);
    this.sizes = copy(new Uint32Array(n), this.sizes);
  }
}

function copy<T extends Float64Array | Uint8Array | Uint32Array>(to: T, from: T): T {
  to.set(from);
  return to;
}

// Seeded randomness for the engine. Math.random is never used: every stream is derived from
// (seed, symbol, date, purpose) so a day replays byte for byte, and each model component has
// its own stream so changing how one of them draws does not shift the others.

/** 32-bit FNV-1a over the UTF-16 code units of a string, finished with a splitmix32 mix. */
export function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return splitmix32(h);
}

/** One splitmix32 step: a bijective avalanche of a 32-bit integer. */
function splitmix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A stream keyed by any number of parts, e.g. `streamFor(seed, 'SPY', '2026-06-05', 'tape')`. */
export function streamFor(seed: number, ...parts: readonly string[]): Rng {
  return new Rng(hashString(`${seed >>> 0}|${parts.join('|')}`));
}

/**
 * sfc32 (Chris Doty-Humphrey's Small Fast Chaotic generator): 128 bits of state, passes
 * PractRand to 2^40+, and costs a handful of integer ops per draw in any JS engine.
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    this.a = splitmix32(seed);
    this.b = splitmix32(this.a ^ 0x5bd1e995);
    this.c = splitmix32(this.b ^ 0x27d4eb2f);
    this.d = 1;
    // The reference implementation discards the first outputs to decorrelate nearby seeds.
    for (let i = 0; i < 12; i++) this.nextUint32();
  }

  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  uniform(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform in (0, 1): safe under log. */
  open01(): number {
    return (this.nextUint32() + 0.5) / 4294967296;
  }

  /** Integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.uniform() * n);
  }

  bernoulli(p: number): boolean {
    return this.uniform() < p;
  }

  /** Standard normal (Marsaglia's polar method; the second value is kept for the next call). */
  normal(): number {
    if (this.spareNormal !== null) {
      const v = this.spareNormal;
      this.spareNormal = null;
      return v;
    }
    for (;;) {
      const u = 2 * this.uniform() - 1;
      const v = 2 * this.uniform() - 1;
      const s = u * u + v * v;
      if (s > 0 && s < 1) {
        const m = Math.sqrt((-2 * Math.log(s)) / s);
        this.spareNormal = v * m;
        return u * m;
      }
    }
  }

  exponential(mean: number): number {
    return -Math.log(this.open01()) * mean;
  }

  /** Poisson count; Knuth's product method for small means, a rounded normal above 30. */
  poisson(mean: number): number {
    if (mean <= 0) return 0;
    if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * this.normal()));
    const limit = Math.exp(-mean);
    let k = 0;
    let p = this.uniform();
    while (p > limit) {
      k++;
      p *= this.uniform();
    }
    return k;
  }

  /** Pareto(xmin, alpha): heavy-tailed, P(X > x) = (xmin / x)^alpha. */
  pareto(xmin: number, alpha: number): number {
    return xmin * Math.pow(this.open01(), -1 / alpha);
  }
}

const TABLE_SIZE = 4096;

/** Below this table index the curvature of u^(-1/alpha) is too high to interpolate. */
const EXACT_BELOW = 64;

/**
 * A Pareto sampler with the inverse CDF u^(-1/alpha) tabulated on [0, 1] and interpolated
 * linearly, exact in the far tail (u < 1/64): the tape draws a few hundred thousand sizes per
 * symbol-day and Math.pow is the slowest call on that path. One uniform per draw, like
 * Rng.pareto, with a relative error under 1e-4.
 */
export class ParetoSampler {
  private readonly table = new Float64Array(TABLE_SIZE + 1);

  constructor(private readonly alpha: number) {
    for (let j = 0; j <= TABLE_SIZE; j++) {
      this.table[j] = Math.pow(Math.max(j, 1) / TABLE_SIZE, -1 / alpha);
    }
  }

  draw(rng: Rng, xmin: number): number {
    const u = rng.open01();
    const x = u * TABLE_SIZE;
    if (x < EXACT_BELOW) return xmin * Math.pow(u, -1 / this.alpha);
    const j = Math.floor(x);
    const lo = this.table[j]!;
    return xmin * (lo + (x - j) * (this.table[j + 1]! - lo));
  }
}

/** A uniform in (0, 1) fixed by its key: for per-day draws that need no stream. */
export function hashUniform(seed: number, ...parts: readonly string[]): number {
  return (hashString(`${seed >>> 0}|${parts.join('|')}`) + 0.5) / 4294967296;
}

/** A standard normal fixed by its key (Box-Muller over two keyed uniforms). */
export function hashNormal(seed: number, ...parts: readonly string[]): number {
  const u = hashUniform(seed, ...parts, 'u');
  const v = hashUniform(seed, ...parts, 'v');
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

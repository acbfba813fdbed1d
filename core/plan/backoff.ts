// Exponential backoff with "equal jitter" (half the step fixed, half random): retries of many
// clients (or of our own symbols) spread out instead of arriving together, and no retry comes
// sooner than half its step. Randomness is injected so tests and benchmarks are repeatable.

export interface BackoffOptions {
  readonly baseMs: number;
  readonly maxMs: number;
  readonly factor: number;
  /** Uniform in [0, 1). */
  readonly random: () => number;
}

export const DEFAULT_BACKOFF: Omit<BackoffOptions, 'random'> = {
  baseMs: 2_000,
  maxMs: 120_000,
  factor: 2,
};

/** The delay before retry number `attempt` (1 = the first retry). */
export function backoffDelay(attempt: number, o: BackoffOptions): number {
  const n = Math.max(1, Math.floor(attempt));
  const step = Math.min(o.maxMs, o.baseMs * o.factor ** (n - 1));
  const r = Math.min(0.999_999, Math.max(0, o.random()));
  return Math.round(step / 2 + (step / 2) * r);
}

/** A small seeded generator (mulberry32) for deterministic jitter. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

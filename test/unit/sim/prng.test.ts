import { describe, expect, it } from 'vitest';
import { ParetoSampler, Rng, hashString, streamFor } from '../../../sim/engine/random/prng.js';

describe('seeded randomness', () => {
  it('replays the same stream for the same key and differs for another', () => {
    const a = streamFor(7, 'SPY', '2026-06-05', 'tape');
    const b = streamFor(7, 'SPY', '2026-06-05', 'tape');
    const c = streamFor(7, 'SPY', '2026-06-08', 'tape');
    const draws = (r: Rng): number[] => Array.from({ length: 5 }, () => r.nextUint32());
    expect(draws(a)).toEqual(draws(b));
    expect(draws(streamFor(7, 'SPY', '2026-06-05', 'tape'))).not.toEqual(draws(c));
    expect(hashString('SPY')).not.toBe(hashString('SPX'));
  });

  it('draws uniforms in [0, 1) and standard normals with the right moments', () => {
    const r = new Rng(42);
    let sum = 0;
    let sq = 0;
    let outside = 0;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      if (u < 0 || u >= 1) outside++;
      const z = r.normal();
      sum += z;
      sq += z * z;
    }
    expect(outside).toBe(0);
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(Math.abs(sq / n - 1)).toBeLessThan(0.02);
  });

  it('draws Poisson counts with the right mean below and above the normal switch', () => {
    const r = new Rng(3);
    for (const mean of [2.5, 80]) {
      let sum = 0;
      for (let i = 0; i < 20_000; i++) sum += r.poisson(mean);
      expect(sum / 20_000).toBeCloseTo(mean, 0);
    }
  });

  it('samples the tabulated Pareto like the exact inverse CDF', () => {
    const sampler = new ParetoSampler(1.6);
    const a = new Rng(9);
    const b = new Rng(9);
    let worst = 0;
    for (let i = 0; i < 100_000; i++) {
      const fast = sampler.draw(a, 4);
      const exact = b.pareto(4, 1.6);
      worst = Math.max(worst, Math.abs(fast - exact) / exact);
    }
    expect(worst).toBeLessThan(1e-4);
  });
});

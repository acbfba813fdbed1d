import { describe, expect, it } from 'vitest';
import { callGreeks, callPrice, normCdf } from '../../../sim/engine/model/bsm.js';

describe('Black-Scholes-Merton', () => {
  it('computes the normal CDF to double precision', () => {
    expect(normCdf(0)).toBe(0.5);
    expect(normCdf(1.96)).toBeCloseTo(0.9750021048517795, 14);
    expect(normCdf(-3)).toBeCloseTo(0.0013498980316301, 15);
    expect(normCdf(-40)).toBe(0);
  });

  it('matches a textbook value and finite differences for delta and gamma', () => {
    // S=100, K=100, sigma=20%, T=1, r=q=0: C = 7.9656.
    expect(callPrice(100, 100, 0.2, 1)).toBeCloseTo(7.965567, 5);
    const [s, k, v, t] = [590.4, 592, 0.14, 2 / (252 * 6.5)];
    const h = 0.01;
    const g = callGreeks(s, k, v, t);
    const fdDelta = (callPrice(s + h, k, v, t) - callPrice(s - h, k, v, t)) / (2 * h);
    const fdGamma =
      (callPrice(s + h, k, v, t) - 2 * callPrice(s, k, v, t) + callPrice(s - h, k, v, t)) / (h * h);
    expect(g.delta).toBeCloseTo(fdDelta, 6);
    expect(g.gamma).toBeCloseTo(fdGamma, 3);
  });
});

import { describe, expect, it } from 'vitest';
import { FaultInjector, parseFaultSpec } from '../../../sim/server/faults.js';

describe('fault spec', () => {
  it('parses every kind, with parameters and rates', () => {
    expect(
      parseFaultSpec(
        'latency=200ms:0.1, 5xx=0.05,reset=0.02,malformed=0.02,truncated=0.02,429burst=3:0.01,seed=9',
      ),
    ).toEqual({
      latency: { minMs: 200, maxMs: 200, rate: 0.1 },
      serverError: 0.05,
      reset: 0.02,
      malformed: 0.02,
      truncated: 0.02,
      burst429: { length: 3, rate: 0.01 },
      seed: 9,
    });
    expect(parseFaultSpec('latency=50-400ms').latency).toEqual({ minMs: 50, maxMs: 400, rate: 1 });
    expect(parseFaultSpec('latency=1.5s:0.5').latency).toEqual({
      minMs: 1500,
      maxMs: 1500,
      rate: 0.5,
    });
    expect(parseFaultSpec('429burst=0.2').burst429).toEqual({ length: 5, rate: 0.2 });
  });

  it('rejects unknown kinds, rates outside [0, 1] and bad durations', () => {
    expect(() => parseFaultSpec('flood=0.1')).toThrow(/unknown fault/);
    expect(() => parseFaultSpec('5xx=1.5')).toThrow(/probability/);
    expect(() => parseFaultSpec('reset')).toThrow(/KIND=RATE/);
    expect(() => parseFaultSpec('latency=fast:0.1')).toThrow(/duration/);
  });
});

describe('fault injector', () => {
  const decisions = (spec: string, seed: number, n: number): string[] => {
    const f = new FaultInjector(parseFaultSpec(spec), seed);
    return Array.from({ length: n }, () => {
      const d = f.next();
      return `${d.action}/${d.delayMs}/${d.detail}`;
    });
  };

  it('replays the same faults for the same seed and request order', () => {
    const spec =
      'latency=10-50ms:0.3,5xx=0.1,reset=0.1,malformed=0.1,truncated=0.1,429burst=2:0.05';
    expect(decisions(spec, 4, 200)).toEqual(decisions(spec, 4, 200));
    expect(decisions(spec, 4, 200)).not.toEqual(decisions(spec, 5, 200));
  });

  it('injects each fault at about its rate', () => {
    const f = new FaultInjector(parseFaultSpec('5xx=0.2'), 1);
    let errors = 0;
    for (let i = 0; i < 5000; i++) if (f.next().action === '5xx') errors++;
    expect(errors / 5000).toBeGreaterThan(0.17);
    expect(errors / 5000).toBeLessThan(0.23);
  });

  it('answers a whole burst of requests with 429 once one starts', () => {
    const f = new FaultInjector(parseFaultSpec('429burst=4:1'), 1);
    expect(Array.from({ length: 4 }, () => f.next().action)).toEqual(['429', '429', '429', '429']);
  });
});

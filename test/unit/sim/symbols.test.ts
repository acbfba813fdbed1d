import { describe, expect, it } from 'vitest';
import { completeProfile, resolveProfiles } from '../../../sim/engine/model/symbols.js';

describe('symbol profiles', () => {
  it('has SPX, SPY, QQQ and IWM by default, listed every weekday', () => {
    const profiles = resolveProfiles();
    expect([...profiles.keys()]).toEqual(['SPX', 'SPY', 'QQQ', 'IWM']);
    expect(profiles.get('SPX')!.strikeSpacing).toBe(5);
    expect(profiles.get('SPY')!.zeroDteWeekdays).toEqual([1, 2, 3, 4, 5]);
  });

  it('completes an extra symbol from its price and overrides a default by name', () => {
    const tsla = completeProfile({ symbol: ' tsla ', anchorPrice: 250 });
    expect(tsla).toMatchObject({ symbol: 'TSLA', strikeSpacing: 1, zeroDteWeekdays: [1, 3, 5] });
    const spy = resolveProfiles([{ symbol: 'SPY', anchorPrice: 700, annualVol: 0.2 }]).get('SPY')!;
    expect(spy).toMatchObject({ anchorPrice: 700, annualVol: 0.2, strikeSpacing: 1 });
  });

  it('rejects profiles the model cannot run', () => {
    expect(() => completeProfile({ symbol: 'X', anchorPrice: 0 })).toThrow(/anchorPrice/);
    expect(() => completeProfile({ symbol: 'X', anchorPrice: 10, tradeSizeScale: 0.5 })).toThrow(
      /tradeSizeScale/,
    );
    expect(() => completeProfile({ symbol: ' ', anchorPrice: 10 })).toThrow(/needs a symbol/);
  });
});

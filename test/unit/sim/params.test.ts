import { describe, expect, it } from 'vitest';
import {
  normalizeSymbol,
  parseBar,
  parseMinutes,
  parseSide,
} from '../../../sim/engine/api/params.js';
import { matchRoute } from '../../../sim/engine/api/router.js';

describe('query parameters', () => {
  it('defaults an absent or empty side and bar and rejects anything else', () => {
    expect(parseSide(null)).toBe('all');
    expect(parseSide('')).toBe('all');
    expect(parseSide('puts')).toBe('puts');
    expect(parseSide('PUTS')).toBeNull();
    expect(parseBar(null)).toBe('30s');
    expect(parseBar('15m')).toBe('15m');
    expect(parseBar('15')).toBeNull();
  });

  it('clamps minutes to 1-390 and falls back to 60 for non-numbers', () => {
    expect(parseMinutes(null)).toBe(60);
    expect(parseMinutes('0')).toBe(1);
    expect(parseMinutes('391')).toBe(390);
    expect(parseMinutes('12.9')).toBe(12);
    expect(parseMinutes('1e9')).toBe(390);
    expect(parseMinutes('ten')).toBe(60);
  });

  it('trims, decodes and upper-cases symbols', () => {
    expect(normalizeSymbol('%20spy%09')).toBe('SPY');
    expect(normalizeSymbol('%E0%A4%A')).toBeNull();
  });

  it('routes the five endpoints and nothing else', () => {
    expect(matchRoute('/health')).toEqual({ kind: 'health' });
    expect(matchRoute('/v1/account/')).toEqual({ kind: 'account' });
    expect(matchRoute('/stockquote/qqq')).toEqual({ kind: 'stockquote', symbol: 'QQQ' });
    expect(matchRoute('/v1/flow/zero-dte/hedge-flow/spx')).toEqual({
      kind: 'hedge-flow',
      symbol: 'SPX',
    });
    expect(matchRoute('/v1/flow/zero-dte/series/SPY')).toEqual({ kind: 'series', symbol: 'SPY' });
    expect(matchRoute('/v1/flow/zero-dte/series/')).toBeNull();
    expect(matchRoute('/v1/flow/zero-dte/series/%20')).toBeNull();
    expect(matchRoute('/v1/flow/zero-dte/hedge-flow/SPY/extra')).toBeNull();
  });
});

// Ten symbols for the benches that poll "10 symbols": the simulator's own four, and six more it
// is given a price for (all list a 0DTE expiry on Fridays).
export const EXTRA_SYMBOLS: readonly { readonly symbol: string; readonly anchorPrice: number }[] = [
  { symbol: 'XSP', anchorPrice: 685 },
  { symbol: 'DIA', anchorPrice: 470 },
  { symbol: 'TLT', anchorPrice: 90 },
  { symbol: 'GLD', anchorPrice: 300 },
  { symbol: 'SMH', anchorPrice: 280 },
  { symbol: 'XLF', anchorPrice: 52 },
];

export const TEN_SYMBOLS: readonly string[] = [
  'SPY',
  'QQQ',
  'SPX',
  'IWM',
  ...EXTRA_SYMBOLS.map((s) => s.symbol),
];

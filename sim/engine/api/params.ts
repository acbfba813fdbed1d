// Query parameters of the flow endpoints, parsed as ../shared/API.md states: the symbol is
// trimmed and upper-cased; side and bar must be one of their values (absent or empty means the
// default); minutes is clamped to 1-390, and anything that is not a number means the default.

const SIDES = ['all', 'calls', 'puts'] as const;
export type Side = (typeof SIDES)[number];

const BAR_SIZES = ['30s', '1m', '5m', '15m'] as const;
export type BarSize = (typeof BAR_SIZES)[number];

export const BAR_MS: Readonly<Record<BarSize, number>> = {
  '30s': 30_000,
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
};

const DEFAULT_MINUTES = 60;
const MAX_MINUTES = 390;

/** The side, or null when it is not one of all|calls|puts. */
export function parseSide(raw: string | null): Side | null {
  if (raw === null || raw === '') return 'all';
  return (SIDES as readonly string[]).includes(raw) ? (raw as Side) : null;
}

/** The bar size, or null when it is not one of 30s|1m|5m|15m. */
export function parseBar(raw: string | null): BarSize | null {
  if (raw === null || raw === '') return '30s';
  return (BAR_SIZES as readonly string[]).includes(raw) ? (raw as BarSize) : null;
}

export function parseMinutes(raw: string | null): number {
  if (raw === null || raw.trim() === '') return DEFAULT_MINUTES;
  const n = Number(raw);
  if (!Number.isFinite(n)) return DEFAULT_MINUTES;
  return Math.min(MAX_MINUTES, Math.max(1, Math.trunc(n)));
}

/** A path segment as a symbol: percent-decoded, trimmed, upper-cased; null if undecodable. */
export function normalizeSymbol(segment: string): string | null {
  try {
    return decodeURIComponent(segment).trim().toUpperCase();
  } catch {
    return null;
  }
}

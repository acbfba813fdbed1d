// The one place flow figures, signed numbers and ages become text (STYLE.md: formatting only
// here). Shared by the renderer, the CLI and the alert texts, so it imports nothing and uses
// only what both Node and Chromium have (Intl).

const UNITS = [
  { size: 1e12, suffix: 'T' },
  { size: 1e9, suffix: 'B' },
  { size: 1e6, suffix: 'M' },
  { size: 1e3, suffix: 'K' },
] as const;

const NOT_A_NUMBER = '—';

export interface UsdOptions {
  /** Prefix positive values with '+' (flow moves read better signed: "+$48.2M"). */
  readonly signed?: boolean;
}

/**
 * Delta-dollars to 3 significant digits with a unit: "$1.23B", "-$340M", "$12.5K", "$950".
 * Trailing zeros are dropped ("$1.2B", not "$1.20B") so a column of figures stays short.
 */
export function formatUsd(n: number, options: UsdOptions = {}): string {
  if (!Number.isFinite(n)) return NOT_A_NUMBER;
  const abs = Math.abs(n);
  const sign = n < 0 && abs >= 0.5 ? '-' : options.signed && abs >= 0.5 ? '+' : '';
  return `${sign}$${scaled(abs)}`;
}

function scaled(abs: number): string {
  for (let i = 0; i < UNITS.length; i++) {
    const unit = UNITS[i]!;
    if (abs >= unit.size) {
      const digits = significant(abs / unit.size);
      // Rounding can carry into the next unit (999.95K -> 1000K): show it as 1M instead.
      const bigger = UNITS[i - 1];
      if (Number(digits) >= 1000 && bigger)
        return `${significant(abs / bigger.size)}${bigger.suffix}`;
      return `${digits}${unit.suffix}`;
    }
  }
  const rounded = Math.round(abs);
  if (rounded >= 1000) return '1K';
  return String(rounded);
}

function significant(value: number): string {
  const decimals = value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return trimZeros(value.toFixed(decimals));
}

function trimZeros(text: string): string {
  return text.includes('.') ? text.replace(/\.?0+$/, '') : text;
}

/** A signed plain number: "+0.42", "-1.5", "0". For price moves, not for dollars. */
export function formatSigned(n: number, fractionDigits = 2): string {
  if (!Number.isFinite(n)) return NOT_A_NUMBER;
  const text = trimZeros(Math.abs(n).toFixed(fractionDigits));
  if (text === '0') return '0';
  return `${n < 0 ? '-' : '+'}${text}`;
}

/** An underlying price: "588.50". */
export function formatPrice(n: number): string {
  if (!Number.isFinite(n)) return NOT_A_NUMBER;
  return n.toFixed(2);
}

/** A ratio as a whole percentage: 0.823 -> "82%". */
export function formatPercent(ratio: number): string {
  if (!Number.isFinite(ratio)) return NOT_A_NUMBER;
  return `${Math.round(ratio * 100)}%`;
}

/**
 * A relative price move (a fraction) as a signed percentage: 0.0021 -> "+0.21%". A move too
 * small for two decimals keeps one significant digit ("+0.004%"), so a tiny gain never reads as
 * "+0.00%" beside a hit, and zero reads "0.00%".
 */
export function formatMove(fraction: number): string {
  if (!Number.isFinite(fraction)) return NOT_A_NUMBER;
  const pct = fraction * 100;
  if (pct === 0) return '0.00%';
  const abs = Math.abs(pct);
  const text = abs >= 0.005 ? abs.toFixed(2) : abs.toPrecision(1);
  return `${pct < 0 ? '-' : '+'}${text}%`;
}

/** A length of time: "45 s", "12 min", "1 h 5 min", "2 d". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return NOT_A_NUMBER;
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s} s`;
  const min = Math.round(s / 60);
  if (min < 60) return `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 24) return min % 60 === 0 ? `${h} h` : `${h} h ${min % 60} min`;
  return `${Math.round(h / 24)} d`;
}

/**
 * How long ago an instant was: "just now", "12 s ago", "3 min ago", "2 h ago". A moment in the
 * future (clock skew between server time and the local clock) also reads "just now".
 */
export function formatAge(thenMs: number, nowMs: number): string {
  const delta = nowMs - thenMs;
  if (!Number.isFinite(delta)) return NOT_A_NUMBER;
  if (delta < 1000) return 'just now';
  const s = Math.floor(delta / 1000);
  if (s < 60) return `${s} s ago`;
  const min = Math.floor(s / 60);
  if (min < 60) return `${min} min ago`;
  const h = Math.floor(min / 60);
  if (h < 24) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

const nyClock = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
});

/** Wall-clock time in New York, where the session runs: "10:32". */
export function formatNyTime(ms: number): string {
  if (!Number.isFinite(ms)) return NOT_A_NUMBER;
  return nyClock.format(new Date(ms));
}

const nyWeekday = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  weekday: 'short',
});
const nyDay = new Intl.DateTimeFormat('en-US', {
  timeZone: 'America/New_York',
  month: 'short',
  day: 'numeric',
});

/** A session time as traders say it: "09:30 ET". */
export function formatEt(ms: number): string {
  if (!Number.isFinite(ms)) return NOT_A_NUMBER;
  return `${formatNyTime(ms)} ET`;
}

/** When the market next opens: "Mon 09:30 ET". */
export function formatEtWeekday(ms: number): string {
  if (!Number.isFinite(ms)) return NOT_A_NUMBER;
  return `${nyWeekday.format(ms)} ${formatEt(ms)}`;
}

/** An alert's time in a history list: "Jun 5, 10:32 ET". */
export function formatEtDay(ms: number): string {
  if (!Number.isFinite(ms)) return NOT_A_NUMBER;
  return `${nyDay.format(ms)}, ${formatEt(ms)}`;
}

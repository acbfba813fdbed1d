// CSV export of alerts and bars (RFC 4180: CRLF rows, quoted where needed). Figures stay raw
// delta-dollars so a spreadsheet can compute with them; times are given in UTC and as New York
// wall time. Text cells that a spreadsheet would run as a formula are defused.
import { formatNyTime } from '../contract/format.js';
import type { AlertRecord } from '../contract/detector.js';
import { knownMove } from '../contract/outcomes.js';
import type { StoredBar } from './history-layout.js';

type Cell = string | number | boolean | null | undefined;

export function csvCell(value: Cell): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // =, +, -, @ (and tab/CR) start a formula in Excel and LibreOffice (CSV injection).
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRows(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

const iso = (ms: number) => new Date(ms).toISOString();

const ALERT_COLUMNS = [
  'id',
  'symbol',
  'kind',
  'direction',
  'severity',
  'bar_time_utc',
  'bar_time_ny',
  'fired_at_utc',
  'catch_up',
  'bar_count',
  'move',
  'cumulative',
  'title',
  'body',
  // How price moved after it (a fraction, signed by the alert's direction); empty when unknown.
  'bar_size',
  'spot',
  'move_5m',
  'move_15m',
  'move_30m',
  'move_close',
] as const;

export function alertsToCsv(alerts: readonly AlertRecord[]): string {
  return csvRows(
    ALERT_COLUMNS,
    alerts.map((a) => [
      a.id,
      a.symbol,
      a.kind,
      a.direction,
      a.severity,
      iso(a.t),
      formatNyTime(a.t),
      iso(a.firedAt),
      a.catchUp,
      a.evidence.barCount,
      a.evidence.move,
      a.evidence.cumulative,
      a.title,
      a.body,
      a.outcomes?.barSize,
      a.outcomes?.spot,
      knownMove(a.outcomes, '5m'),
      knownMove(a.outcomes, '15m'),
      knownMove(a.outcomes, '30m'),
      knownMove(a.outcomes, 'close'),
    ]),
  );
}

const BAR_COLUMNS = [
  'symbol',
  'bar_time_utc',
  'bar_time_ny',
  'bar',
  'cumulative',
  'calls_bar',
  'calls_cumulative',
  'puts_bar',
  'puts_cumulative',
  'spot',
  'gamma_flip',
] as const;

export function barsToCsv(symbol: string, bars: readonly StoredBar[]): string {
  return csvRows(
    BAR_COLUMNS,
    bars.map((b) => [
      symbol,
      iso(b.t),
      formatNyTime(b.t),
      b.all.bar,
      b.all.cumulative,
      b.calls?.bar,
      b.calls?.cumulative,
      b.puts?.bar,
      b.puts?.cumulative,
      b.spot,
      b.gammaFlip,
    ]),
  );
}

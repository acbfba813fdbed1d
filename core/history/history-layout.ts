// Where history lives under the data folder: one flat folder (every FileStorage lists its
// files alike), a file per New York session date, symbol and kind:
//
//   history/2026-06-05.SPY.1m.bars.ndjson     closed bars of SPY at 1 m, one JSON object a line
//   history/2026-06-05.SPY.1m.day.json        the day's completion record (day-record.ts)
//   history/2026-06-05.SPY.alerts.ndjson      alerts SPY fired that session
//
// Files are append-only; readers sort by `t` and let the last line of a bucket win, so a bar
// rewritten after a correction, or a gap filled later, needs no rewrite of the file.
import { z } from 'zod';
import { BAR_SIZES, SIDES, type BarSize } from '../model/flow.js';

export const HISTORY_DIR = 'history';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function barsFile(date: string, symbol: string, barSize: BarSize): string {
  return `${HISTORY_DIR}/${date}.${symbol}.${barSize}.bars.ndjson`;
}

export function alertsFile(date: string, symbol: string): string {
  return `${HISTORY_DIR}/${date}.${symbol}.alerts.ndjson`;
}

export function dayFile(date: string, symbol: string, barSize: BarSize): string {
  return `${HISTORY_DIR}/${date}.${symbol}.${barSize}.day.json`;
}

export type HistoryFile =
  | {
      readonly kind: 'bars' | 'day';
      readonly date: string;
      readonly symbol: string;
      readonly barSize: BarSize;
    }
  | { readonly kind: 'alerts'; readonly date: string; readonly symbol: string };

/** Parses a file name of the history folder; null for anything else. */
export function parseFileName(name: string): HistoryFile | null {
  const alerts = /^(\d{4}-\d{2}-\d{2})\.(.+)\.alerts\.ndjson$/.exec(name);
  if (alerts) return { kind: 'alerts', date: alerts[1]!, symbol: alerts[2]! };
  const m = /^(\d{4}-\d{2}-\d{2})\.(.+)\.([0-9]+[sm])\.(bars\.ndjson|day\.json)$/.exec(name);
  if (!m) return null;
  const [, date, symbol, size, kind] = m;
  if (!(BAR_SIZES as readonly string[]).includes(size!)) return null;
  const barSize = size as BarSize;
  return { kind: kind === 'day.json' ? 'day' : 'bars', date: date!, symbol: symbol!, barSize };
}

/** A projection's bar and cumulative; the bar is null when it is not known (never a guess). */
const Leg = z.object({ bar: z.number().nullable(), cumulative: z.number() });

/** One closed bar as stored: side=all always, legs and price when the poll fetched them. */
export const StoredBarSchema = z.object({
  t: z.number().int(),
  all: Leg,
  calls: Leg.nullable().default(null),
  puts: Leg.nullable().default(null),
  spot: z.number().nullable().default(null),
  gammaFlip: z.number().nullable().default(null),
});
export type StoredBar = z.output<typeof StoredBarSchema>;

const Run = z.object({ side: z.enum(SIDES), from: z.number().int(), to: z.number().int() });

/**
 * A settled session of one symbol at one bar size: every closed bar the server had is in the
 * bars file (`complete`), or the runs of buckets (per projection the app fetched) that the
 * server could no longer serve by the time the app asked (`incomplete`).
 */
export const DayRecordSchema = z.object({
  date: z.string().regex(DATE),
  symbol: z.string().min(1),
  barSize: z.enum(BAR_SIZES),
  state: z.enum(['complete', 'incomplete']),
  sides: z.array(z.enum(SIDES)),
  missing: z.array(Run),
  /** Market time the day was found settled. */
  settledAt: z.number(),
});
export type DayRecord = z.output<typeof DayRecordSchema>;

// Where history lives under the data folder: one flat folder (every FileStorage lists its
// files alike), a file per New York session date, symbol and kind:
//
//   history/2026-06-05.SPY.1m.bars.ndjson     closed bars of SPY at 1 m, one JSON object a line
//   history/2026-06-05.SPY.alerts.ndjson      alerts SPY fired that session
//
// Files are append-only; readers sort by `t` and let the last line of a bucket win, so a bar
// rewritten after a correction, or a gap filled later, needs no rewrite of the file.
import { z } from 'zod';
import { BAR_SIZES, type BarSize } from '../model/flow.js';

export const HISTORY_DIR = 'history';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(text: string): boolean {
  return DATE.test(text);
}

export function barsFile(date: string, symbol: string, barSize: BarSize): string {
  return `${HISTORY_DIR}/${date}.${symbol}.${barSize}.bars.ndjson`;
}

export function alertsFile(date: string, symbol: string): string {
  return `${HISTORY_DIR}/${date}.${symbol}.alerts.ndjson`;
}

export type HistoryFile =
  | {
      readonly kind: 'bars';
      readonly date: string;
      readonly symbol: string;
      readonly barSize: BarSize;
    }
  | { readonly kind: 'alerts'; readonly date: string; readonly symbol: string };

/** Parses a file name of the history folder; null for anything else. */
export function parseFileName(name: string): HistoryFile | null {
  const m = /^(\d{4}-\d{2}-\d{2})\.(.+)\.(alerts|([0-9]+[sm])\.bars)\.ndjson$/.exec(name);
  if (!m) return null;
  const [, date, symbol, kind, size] = m;
  if (kind === 'alerts') return { kind: 'alerts', date: date!, symbol: symbol! };
  if (size && (BAR_SIZES as readonly string[]).includes(size)) {
    return { kind: 'bars', date: date!, symbol: symbol!, barSize: size as BarSize };
  }
  return null;
}

const Leg = z.object({ bar: z.number(), cumulative: z.number() });

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

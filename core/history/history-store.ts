// Bars and alerts per session date and symbol, in append-only NDJSON files under the data
// folder (history-layout.ts), through the FileStorage port. A torn last line (a crash during
// an append) is skipped on read and sealed with a newline before the next append, so one bad
// write never corrupts the lines after it.
import { addDays } from '../../calendar/index.js';
import { AlertRecordSchema, type AlertRecord } from '../contract/detector.js';
import type { BarSize } from '../model/flow.js';
import type { FileStorage } from '../ports/storage.js';
import {
  DayRecordSchema,
  HISTORY_DIR,
  StoredBarSchema,
  alertsFile,
  barsFile,
  dayFile,
  parseFileName,
  type DayRecord,
  type HistoryFile,
  type StoredBar,
} from './history-layout.js';
import { parseNdjson, toNdjson } from './ndjson.js';

export interface AlertQuery {
  readonly symbol?: string;
  /** The newest this many alerts (all when absent). */
  readonly limit?: number;
}

export class HistoryStore {
  readonly #storage: FileStorage;
  /** Files this process has appended to (and so already sealed). */
  readonly #sealed = new Set<string>();

  constructor(storage: FileStorage) {
    this.#storage = storage;
  }

  async #files(): Promise<(HistoryFile & { readonly path: string })[]> {
    const out: (HistoryFile & { readonly path: string })[] = [];
    for (const name of await this.#storage.list(HISTORY_DIR)) {
      const f = parseFileName(name);
      if (f) out.push({ ...f, path: `${HISTORY_DIR}/${name}` });
    }
    return out;
  }

  /** Every history file, parsed from its name (for catalogues of what is stored). */
  async files(): Promise<HistoryFile[]> {
    return (await this.#files()).map(({ path: _path, ...file }) => file);
  }

  /** Session dates with any history, oldest first. */
  async days(): Promise<string[]> {
    return [...new Set((await this.#files()).map((f) => f.date))].sort();
  }

  async appendBars(date: string, symbol: string, barSize: BarSize, bars: readonly StoredBar[]) {
    if (bars.length === 0) return;
    await this.#append(barsFile(date, symbol, barSize), toNdjson(bars));
  }

  async appendAlert(date: string, alert: AlertRecord): Promise<void> {
    await this.#append(alertsFile(date, alert.symbol), toNdjson([alert]));
  }

  /** A stored day's bars of one symbol, ascending by `t`, the last line of a bucket winning. */
  async loadBars(date: string, symbol: string, barSize: BarSize): Promise<StoredBar[]> {
    const text = await this.#storage.read(barsFile(date, symbol, barSize));
    if (text === null) return [];
    const byT = new Map<number, StoredBar>();
    for (const b of parseNdjson(text, StoredBarSchema).records) byT.set(b.t, b);
    return [...byT.values()].sort((a, b) => a.t - b.t);
  }

  /** Replaces the day's completion record of one symbol and bar size. */
  async writeDay(record: DayRecord): Promise<void> {
    const file = dayFile(record.date, record.symbol, record.barSize);
    await this.#storage.writeAtomic(file, `${JSON.stringify(record)}\n`);
  }

  /** The day's completion record, or null when the day was never settled (or it is unreadable). */
  async loadDay(date: string, symbol: string, barSize: BarSize): Promise<DayRecord | null> {
    const text = await this.#storage.read(dayFile(date, symbol, barSize));
    if (text === null) return null;
    try {
      const parsed = DayRecordSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : null;
    } catch {
      return null; // a hand-edited or torn file: the day is as unknown as without one
    }
  }

  /** Which symbols and bar sizes a day has bars for. */
  async barFiles(date: string): Promise<{ symbol: string; barSize: BarSize }[]> {
    const out: { symbol: string; barSize: BarSize }[] = [];
    for (const f of await this.#files()) {
      if (f.kind === 'bars' && f.date === date) out.push({ symbol: f.symbol, barSize: f.barSize });
    }
    return out;
  }

  /** One day's alerts (all symbols, or one), oldest first, deduplicated by id. */
  async loadDayAlerts(date: string, symbol?: string): Promise<AlertRecord[]> {
    const byId = new Map<string, AlertRecord>();
    for (const f of await this.#files()) {
      if (f.kind !== 'alerts' || f.date !== date) continue;
      if (symbol !== undefined && f.symbol !== symbol) continue;
      const text = await this.#storage.read(f.path);
      if (text === null) continue;
      for (const a of parseNdjson(text, AlertRecordSchema).records) byId.set(a.id, a);
    }
    return [...byId.values()].sort((a, b) => a.firedAt - b.firedAt || a.id.localeCompare(b.id));
  }

  /** Alerts across the stored days, oldest first; `limit` keeps the newest. */
  async loadAlerts(query: AlertQuery = {}): Promise<AlertRecord[]> {
    const out: AlertRecord[] = [];
    const days = (await this.days()).reverse();
    for (const day of days) {
      out.unshift(...(await this.loadDayAlerts(day, query.symbol)));
      if (query.limit !== undefined && out.length >= query.limit) break;
    }
    return query.limit === undefined ? out : out.slice(-query.limit);
  }

  /**
   * |bar| of every stored closed bar of `symbol` in the `days` sessions before `beforeDate`:
   * the reference distribution the detector's relative threshold reads.
   */
  async pastAbsBars(symbol: string, barSize: BarSize, beforeDate: string, days: number) {
    const values: number[] = [];
    const dates = (await this.days()).filter((d) => d < beforeDate).slice(-days);
    for (const date of dates) {
      for (const b of await this.loadBars(date, symbol, barSize)) {
        if (b.all.bar !== null) values.push(Math.abs(b.all.bar));
      }
    }
    return values;
  }

  /** Removes the days older than `keepDays` calendar days before `today`; returns them. */
  async prune(today: string, keepDays: number): Promise<string[]> {
    const cutoff = addDays(today, -Math.max(1, keepDays));
    const removed = new Set<string>();
    for (const f of await this.#files()) {
      if (f.date >= cutoff) continue;
      await this.#storage.remove(f.path);
      this.#sealed.delete(f.path);
      removed.add(f.date);
    }
    return [...removed].sort();
  }

  async #append(path: string, text: string): Promise<void> {
    if (!this.#sealed.has(path)) {
      const existing = await this.#storage.read(path);
      // A torn last line from an earlier crash: end it, so the new line stands on its own.
      if (existing !== null && existing.length > 0 && !existing.endsWith('\n')) {
        await this.#storage.append(path, '\n');
      }
      this.#sealed.add(path);
    }
    await this.#storage.append(path, text);
  }
}

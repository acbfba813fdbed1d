// What the app keeps on disk beyond settings: closed bars and alerts per session date and
// symbol (core/history), and what the UI and the detector read back from them.
import { nyDate } from '../../calendar/index.js';
import type { AlertRecord } from '../contract/detector.js';
import { BarRecorder } from '../history/bar-recorder.js';
import { alertsToCsv, barsToCsv } from '../history/csv.js';
import { DayRecorder } from '../history/day-recorder.js';
import type { StoredBar } from '../history/history-layout.js';
import { HistoryStore, type AlertQuery } from '../history/history-store.js';
import type { BarSize } from '../model/flow.js';
import type { Logger } from '../ports/logger.js';
import type { FileStorage } from '../ports/storage.js';
import { messageOf } from '../base/error-message.js';

export interface CsvFile {
  readonly filename: string;
  readonly csv: string;
}

export interface ArchiveDeps {
  readonly storage: FileStorage;
  readonly logger: Logger;
  /** The bar size the user polls at (stored files are per bar size). */
  readonly barSize: () => BarSize;
  /** The current or latest session's New York date. */
  readonly sessionDate: () => string;
}

/** How many earlier sessions feed the detector's relative threshold. */
export const REFERENCE_SESSIONS = 20;

export class AppArchive {
  readonly history: HistoryStore;
  readonly recorder: BarRecorder;
  /** Writes each settled day's completion record. */
  readonly days: DayRecorder;
  readonly #deps: ArchiveDeps;

  constructor(deps: ArchiveDeps) {
    this.#deps = deps;
    this.history = new HistoryStore(deps.storage);
    this.recorder = new BarRecorder(this.history);
    this.days = new DayRecorder(this.history);
  }

  /** Alerts from the stored sessions, oldest first; `limit` keeps the newest. */
  listAlerts(query: AlertQuery = {}): Promise<AlertRecord[]> {
    return this.history.loadAlerts(query);
  }

  async exportAlertsCsv(query: { symbol?: string } = {}): Promise<CsvFile> {
    const alerts = await this.history.loadAlerts(query.symbol ? { symbol: query.symbol } : {});
    const day = this.#deps.sessionDate();
    return {
      filename: `hedgeflow-alerts-${query.symbol ?? 'all'}-${day}.csv`,
      csv: alertsToCsv(alerts),
    };
  }

  /** A stored session's closed bars of one symbol (the current or latest session by default). */
  storedBars(symbol: string, date?: string): Promise<StoredBar[]> {
    return this.history.loadBars(date ?? this.#deps.sessionDate(), symbol, this.#deps.barSize());
  }

  async exportBarsCsv(symbol: string, date?: string): Promise<CsvFile> {
    const day = date ?? this.#deps.sessionDate();
    const bars = await this.storedBars(symbol, day);
    return { filename: `hedgeflow-bars-${symbol}-${day}.csv`, csv: barsToCsv(symbol, bars) };
  }

  /** |bar| of the stored sessions before `beforeDate`: the detector's reference distribution. */
  referenceBars(symbol: string, beforeDate: string): Promise<number[]> {
    return this.history.pastAbsBars(symbol, this.#deps.barSize(), beforeDate, REFERENCE_SESSIONS);
  }

  /** Keeps an alert under its bar's session date; a failed write is logged, never thrown. */
  async recordAlert(alert: AlertRecord): Promise<void> {
    try {
      await this.history.appendAlert(nyDate(alert.t), alert);
    } catch (error) {
      this.#deps.logger.warn('alert history write failed', { error: messageOf(error) });
    }
  }

  /** Drops sessions older than `keepDays`; a failure is logged, never thrown. */
  async prune(today: string, keepDays: number): Promise<void> {
    try {
      const removed = await this.history.prune(today, keepDays);
      if (removed.length > 0) this.#deps.logger.info('history pruned', { days: removed.length });
    } catch (error) {
      this.#deps.logger.warn('history prune failed', { error: messageOf(error) });
    }
  }
}

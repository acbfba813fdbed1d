// Alert history: what main has kept, plus every alert pushed since, newest first. Like the live
// state it listens only while something reads it and reloads the history on (re)subscription.
import { createSubscriber } from 'svelte/reactivity';
import type { HedgeflowApi } from '../../core/contract/bridge.js';
import type { AlertRecord } from '../../core/contract/index.js';
import { mergeAlerts } from './merge.js';

const HISTORY_LIMIT = 500;

export interface CsvFile {
  readonly filename: string;
  readonly csv: string;
}

export class AlertsState {
  readonly #api: HedgeflowApi;
  #records = $state.raw<readonly AlertRecord[]>([]);
  #loadError = $state<string | null>(null);
  /** Symbol filter; null shows every symbol. */
  filter = $state<string | null>(null);

  #subscribe = createSubscriber(() => {
    const stop = this.#api.on('alert', (alert) => this.#add([alert]));
    // The same alert again as its outcomes become known.
    const stopUpdates = this.#api.on('alert-updated', (alert) => this.#add([alert]));
    void this.reload(); // fire-and-forget: a failure lands in loadError
    return () => {
      stop();
      stopUpdates();
    };
  });

  constructor(api: HedgeflowApi) {
    this.#api = api;
  }

  /** Newest first. */
  get all(): readonly AlertRecord[] {
    this.#subscribe();
    return this.#records;
  }

  get shown(): readonly AlertRecord[] {
    const filter = this.filter;
    return filter === null ? this.all : this.all.filter((a) => a.symbol === filter);
  }

  get loadError(): string | null {
    this.#subscribe();
    return this.#loadError;
  }

  forSymbol(symbol: string): readonly AlertRecord[] {
    return this.all.filter((a) => a.symbol === symbol);
  }

  async reload(): Promise<void> {
    const result = await this.#api.listAlerts({ limit: HISTORY_LIMIT });
    if (!result.ok) {
      this.#loadError = result.error.message;
      return;
    }
    this.#loadError = null;
    this.#add(result.value);
  }

  /** The CSV main builds for the current filter; an error message when it cannot. */
  async exportCsv(): Promise<{ ok: true; file: CsvFile } | { ok: false; message: string }> {
    const result = await this.#api.exportAlertsCsv(
      this.filter === null ? undefined : { symbol: this.filter },
    );
    return result.ok
      ? { ok: true, file: result.value }
      : { ok: false, message: result.error.message };
  }

  #add(incoming: readonly AlertRecord[]): void {
    this.#records = mergeAlerts(this.#records, incoming).slice(0, HISTORY_LIMIT);
  }
}

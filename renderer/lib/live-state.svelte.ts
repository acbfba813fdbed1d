// What main pushes: the app's status and one row per symbol. A snapshot replaces the list; a
// `symbol` push is a delta that replaces one row (main pushes a row only when it changed). The
// push subscription lives as long as something on screen reads the state (createSubscriber),
// and every (re)subscription starts by asking for a snapshot, so nothing pushed while nobody
// listened is ever missed; rows carry revisions, so an answer and the pushes that raced it merge
// exactly (merge.ts). Rows are immutable and kept in $state.raw: a 780-point series is replaced,
// never deep-proxied.
import { createSubscriber } from 'svelte/reactivity';
import type { HedgeflowApi } from '../../core/contract/bridge.js';
import type { AppStatusView, Snapshot, SymbolRow } from '../../core/contract/index.js';
import type { AppClock } from './app-clock.svelte.js';
import { newerRows, withRow } from './merge.js';

export class LiveState {
  readonly #api: HedgeflowApi;
  readonly #clock: AppClock;
  #status = $state.raw<AppStatusView | null>(null);
  #symbols = $state.raw<readonly SymbolRow[]>([]);
  #loadError = $state<string | null>(null);
  /** A pushed snapshot names the current list: an answer that raced it may name an older one. */
  #snapshotPushedDuringLoad = false;
  #loading = false;

  #subscribe = createSubscriber(() => {
    const stops = [
      this.#api.on('snapshot', (snapshot) => {
        this.#snapshotPushedDuringLoad = this.#loading;
        this.#applySnapshot(snapshot);
      }),
      this.#api.on('status', (status) => (this.#status = status)),
      this.#api.on('symbol', (row) => (this.#symbols = withRow(this.#symbols, row))),
    ];
    void this.refresh(); // fire-and-forget: a failure lands in loadError
    return () => {
      for (const stop of stops) stop();
    };
  });

  constructor(api: HedgeflowApi, clock: AppClock) {
    this.#api = api;
    this.#clock = clock;
  }

  get status(): AppStatusView | null {
    this.#subscribe();
    return this.#status;
  }

  get symbols(): readonly SymbolRow[] {
    this.#subscribe();
    return this.#symbols;
  }

  get loadError(): string | null {
    this.#subscribe();
    return this.#loadError;
  }

  symbol(name: string): SymbolRow | undefined {
    return this.symbols.find((view) => view.symbol === name);
  }

  /** Asks main for everything again (on start, and when the popover becomes visible). */
  async refresh(): Promise<void> {
    this.#loading = true;
    this.#snapshotPushedDuringLoad = false;
    const result = await this.#api.getSnapshot();
    this.#loading = false;
    if (!result.ok) {
      this.#loadError = result.error.message;
      return;
    }
    this.#loadError = null;
    if (this.#snapshotPushedDuringLoad) return;
    this.#applySnapshot(result.value);
  }

  /** A verb answered with a fresh status (pause, resume): show it without waiting for the push. */
  applyStatus(status: AppStatusView): void {
    this.#status = status;
  }

  #applySnapshot(snapshot: Snapshot): void {
    this.#clock.sync(snapshot.now);
    this.#status = snapshot.status;
    this.#symbols = newerRows(snapshot.symbols, this.#symbols);
  }
}

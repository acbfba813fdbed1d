// What main pushes: the app's status and one view per symbol. The push subscription lives as
// long as something on screen reads the state (createSubscriber), and every (re)subscription
// starts by asking for a snapshot, so nothing pushed while nobody listened is ever missed.
// Views are immutable snapshots kept in $state.raw: a 780-point series is replaced, never
// deep-proxied.
import { createSubscriber } from 'svelte/reactivity';
import type { HedgeflowApi } from '../../core/contract/bridge.js';
import type { AppStatusView, Snapshot, SymbolView } from '../../core/contract/index.js';
import type { AppClock } from './app-clock.svelte.js';
import { keepNewer, PushLog } from './merge.js';

export class LiveState {
  readonly #api: HedgeflowApi;
  readonly #clock: AppClock;
  #status = $state.raw<AppStatusView | null>(null);
  #symbols = $state.raw<readonly SymbolView[]>([]);
  #loadError = $state<string | null>(null);
  /** Symbols pushed while a snapshot request was in flight: the push is newer, keep it. */
  #pushedDuringLoad = new PushLog();
  #snapshotPushedDuringLoad = false;
  #loading = false;

  #subscribe = createSubscriber(() => {
    const stops = [
      this.#api.on('snapshot', (snapshot) => {
        this.#snapshotPushedDuringLoad = this.#loading;
        this.#applySnapshot(snapshot);
      }),
      this.#api.on('status', (status) => (this.#status = status)),
      this.#api.on('symbol', (view) => this.#upsert(view)),
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

  get symbols(): readonly SymbolView[] {
    this.#subscribe();
    return this.#symbols;
  }

  get loadError(): string | null {
    this.#subscribe();
    return this.#loadError;
  }

  symbol(name: string): SymbolView | undefined {
    return this.symbols.find((view) => view.symbol === name);
  }

  /** Asks main for everything again (on start, and when the popover becomes visible). */
  async refresh(): Promise<void> {
    this.#loading = true;
    this.#pushedDuringLoad.clear();
    this.#snapshotPushedDuringLoad = false;
    const result = await this.#api.getSnapshot();
    this.#loading = false;
    if (!result.ok) {
      this.#loadError = result.error.message;
      return;
    }
    this.#loadError = null;
    if (this.#snapshotPushedDuringLoad) return;
    this.#applySnapshot({
      ...result.value,
      symbols: keepNewer(result.value.symbols, this.#symbols, this.#pushedDuringLoad.names),
    });
  }

  /** A verb answered with a fresh status (pause, resume): show it without waiting for the push. */
  applyStatus(status: AppStatusView): void {
    this.#status = status;
  }

  #applySnapshot(snapshot: Snapshot): void {
    this.#clock.sync(snapshot.now);
    this.#status = snapshot.status;
    this.#symbols = snapshot.symbols;
  }

  #upsert(view: SymbolView): void {
    if (this.#loading) this.#pushedDuringLoad.add(view.symbol);
    const i = this.#symbols.findIndex((s) => s.symbol === view.symbol);
    if (i < 0) return; // not in the current list: a snapshot follows every change of the list
    const next = [...this.#symbols];
    next[i] = view;
    this.#symbols = next;
  }
}

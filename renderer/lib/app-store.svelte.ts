// The renderer's state: what main pushed, kept as immutable snapshots ($state.raw) so a
// 780-point series is replaced, never deep-proxied.
import type { HedgeflowApi } from '../../core/contract/bridge.js';
import type {
  AlertRecord,
  AppStatusView,
  Snapshot,
  SymbolView,
} from '../../core/contract/index.js';

export class AppStore {
  status = $state.raw<AppStatusView | null>(null);
  symbols = $state.raw<readonly SymbolView[]>([]);
  alerts = $state.raw<readonly AlertRecord[]>([]);
  focused = $state<string | null>(null);
  loadError = $state<string | null>(null);
  /** Local time, ticking, for "12 s ago". */
  now = $state(Date.now());

  readonly api: HedgeflowApi;
  #stops: (() => void)[] = [];

  constructor(api: HedgeflowApi) {
    this.api = api;
  }

  async start(): Promise<void> {
    // Subscribe before asking for the snapshot so no push between the two is lost.
    this.#stops.push(
      this.api.on('snapshot', (s) => this.#apply(s)),
      this.api.on('status', (s) => (this.status = s)),
      this.api.on('symbol', (v) => this.#upsert(v)),
      this.api.on('alert', (a) => (this.alerts = [...this.alerts, a].slice(-500))),
      this.api.on('focus-symbol', ({ symbol }) => (this.focused = symbol)),
    );
    const timer = setInterval(() => (this.now = Date.now()), 1000);
    this.#stops.push(() => clearInterval(timer));
    const result = await this.api.getSnapshot();
    if (result.ok) this.#apply(result.value);
    else this.loadError = result.error.message;
  }

  stop(): void {
    for (const stop of this.#stops.splice(0)) stop();
  }

  #apply(snapshot: Snapshot): void {
    this.status = snapshot.status;
    this.symbols = snapshot.symbols;
  }

  #upsert(view: SymbolView): void {
    const i = this.symbols.findIndex((s) => s.symbol === view.symbol);
    if (i < 0) return; // not in the current list: a snapshot will follow
    const next = [...this.symbols];
    next[i] = view;
    this.symbols = next;
  }
}

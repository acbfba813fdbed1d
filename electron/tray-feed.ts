// The tray's copy of what main pushes: the status, one row per symbol (replaced whole by each
// snapshot, one row at a time by each `symbol` push), the update notice and the failing alert
// channels. The tray renders from this copy, so a push costs one tray render and no view build;
// asking the app for every view on every push cost N view builds per push, N² per poll cycle.
import { channelProblems } from '../core/channels/channel-views.js';
import type { ChannelView } from '../core/contract/alert-channels.js';
import type {
  AppStatusView,
  Snapshot,
  SymbolRow,
  UpdateStatus,
  UpdateView,
} from '../core/contract/views.js';
import type { PushSource } from './ipc.js';
import type { TrayChannelProblem, TrayInput } from './tray-model.js';

/** What the tray starts from, before the first push. */
export interface TraySeed {
  readonly snapshot: Snapshot;
  readonly update: UpdateView | null;
  readonly channels: readonly ChannelView[];
}

/** The part of HedgeFlowApp the tray reads: its pushes, and where they start from. */
export interface TrayFeedSource extends PushSource {
  snapshot(): Snapshot;
  readonly updates: { readonly status: UpdateStatus };
  readonly channels: { views(): readonly ChannelView[] };
}

/** The tray's wiring in main.ts: seeded once from the app, then kept current by its pushes. */
export function feedTray(app: TrayFeedSource, render: (input: TrayInput) => void): TrayFeed {
  const seed = {
    snapshot: app.snapshot(),
    update: app.updates.status.available,
    channels: app.channels.views(),
  };
  const feed = new TrayFeed(seed, render);
  feed.follow(app);
  return feed;
}

export class TrayFeed {
  readonly #render: (input: TrayInput) => void;
  #status: AppStatusView;
  /** In the snapshot's order; a `symbol` push replaces its entry in place. */
  #rows = new Map<string, SymbolRow>();
  #update: UpdateView | null;
  #channels: readonly TrayChannelProblem[];

  constructor(seed: TraySeed, render: (input: TrayInput) => void) {
    this.#render = render;
    this.#status = seed.snapshot.status;
    this.#replaceRows(seed.snapshot.symbols);
    this.#update = seed.update;
    this.#channels = channelProblems(seed.channels);
  }

  get input(): TrayInput {
    return {
      status: this.#status,
      symbols: [...this.#rows.values()],
      update: this.#update,
      channels: this.#channels,
    };
  }

  render(): void {
    this.#render(this.input);
  }

  /** Keeps the copy current from `source`'s pushes, rendering after each; returns the unsubscribe. */
  follow(source: PushSource): () => void {
    const offs = [
      source.on('snapshot', (snapshot) => {
        this.#status = snapshot.status;
        this.#replaceRows(snapshot.symbols);
        this.render();
      }),
      source.on('symbol', (row) => {
        // Not in the list: a snapshot follows every change of the list.
        if (!this.#rows.has(row.symbol)) return;
        this.#rows.set(row.symbol, row);
        this.render();
      }),
      source.on('status', (status) => {
        this.#status = status;
        this.render();
      }),
      source.on('update', (status) => {
        this.#update = status.available;
        this.render();
      }),
      source.on('channels', (views) => {
        this.#channels = channelProblems(views);
        this.render();
      }),
    ];
    return () => {
      for (const off of offs) off();
    };
  }

  #replaceRows(rows: readonly SymbolRow[]): void {
    this.#rows = new Map(rows.map((row) => [row.symbol, row]));
  }
}

// The alert channels as main reports them: settings, a masked hint of their secrets, health.
// Listens only while something reads it, and reloads the list on (re)subscription; main pushes
// the whole list whenever a channel or its health changes.
import { createSubscriber } from 'svelte/reactivity';
import type { HedgeflowApi } from '../../core/contract/bridge.js';
import type { ChannelView } from '../../core/contract/index.js';

export class ChannelsState {
  readonly #api: HedgeflowApi;
  #views = $state.raw<readonly ChannelView[]>([]);
  #loadError = $state<string | null>(null);

  #subscribe = createSubscriber(() => {
    const stop = this.#api.on('channels', (views) => (this.#views = views));
    void this.reload(); // fire-and-forget: a failure lands in loadError
    return stop;
  });

  constructor(api: HedgeflowApi) {
    this.#api = api;
  }

  get views(): readonly ChannelView[] {
    this.#subscribe();
    return this.#views;
  }

  get loadError(): string | null {
    this.#subscribe();
    return this.#loadError;
  }

  async reload(): Promise<void> {
    const result = await this.#api.listChannels();
    if (result.ok) {
      this.#views = result.value;
      this.#loadError = null;
    } else {
      this.#loadError = result.error.message;
    }
  }

  /** An answer to add or edit: show it at once, without waiting for the push. */
  upsert(view: ChannelView): void {
    const i = this.#views.findIndex((v) => v.config.id === view.config.id);
    this.#views = i < 0 ? [...this.#views, view] : this.#views.with(i, view);
  }

  replace(views: readonly ChannelView[]): void {
    this.#views = views;
  }
}

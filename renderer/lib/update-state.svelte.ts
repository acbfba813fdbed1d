// The update notice as the popover sees it: main pushes 'update' when a newer HedgeFlow is found
// (or the notice goes away), and every (re)subscription asks again, so a push sent while nobody
// listened is never missed.
import { createSubscriber } from 'svelte/reactivity';
import type { HedgeflowApi } from '../../core/contract/bridge.js';
import type { UpdateView } from '../../core/contract/index.js';

export class UpdateState {
  readonly #api: HedgeflowApi;
  #available = $state.raw<UpdateView | null>(null);
  /** A push that arrived while the question was out is newer than its answer. */
  #pushedDuringLoad = false;

  #subscribe = createSubscriber(() => {
    const stop = this.#api.on('update', (status) => {
      this.#pushedDuringLoad = true;
      this.#available = status.available;
    });
    void this.#load(); // fire-and-forget: without an answer the notice simply stays hidden
    return stop;
  });

  constructor(api: HedgeflowApi) {
    this.#api = api;
  }

  /** The newer version and its release page, or null. */
  get available(): UpdateView | null {
    this.#subscribe();
    return this.#available;
  }

  async #load(): Promise<void> {
    this.#pushedDuringLoad = false;
    const result = await this.#api.getUpdate();
    if (result.ok && !this.#pushedDuringLoad) this.#available = result.value.available;
  }
}

// The OS appearance the popover follows. CSS handles colours and motion by itself through media
// queries; these reactive values exist for the canvases, which must repaint in the new colours.
import { MediaQuery } from 'svelte/reactivity';

export class OsPreferences {
  readonly #dark = new MediaQuery('(prefers-color-scheme: dark)');
  readonly #reducedMotion = new MediaQuery('(prefers-reduced-motion: reduce)');

  get dark(): boolean {
    return this.#dark.current;
  }

  get reducedMotion(): boolean {
    return this.#reducedMotion.current;
  }
}

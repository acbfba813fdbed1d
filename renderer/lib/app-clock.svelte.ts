// The app's time as the renderer estimates it, ticking once a second while something on screen
// reads it ("12 s ago"). Main's clock is the reference (it stamps receivedAt and snapshot.now);
// the renderer keeps the offset of its own clock to main's, measured at every snapshot. In the
// shipped app both read the same system clock and the offset is ~0.
import { createSubscriber } from 'svelte/reactivity';

const TICK_MS = 1000;

export class AppClock {
  #offset = $state(0);

  // The interval runs only while an effect (a freshness label, a countdown) reads `now`.
  #subscribe = createSubscriber((update) => {
    const id = setInterval(update, TICK_MS);
    return () => clearInterval(id);
  });

  get now(): number {
    this.#subscribe();
    return Date.now() + this.#offset;
  }

  /** Main said what time it is (a snapshot's `now`). */
  sync(appNow: number): void {
    this.#offset = appNow - Date.now();
  }
}

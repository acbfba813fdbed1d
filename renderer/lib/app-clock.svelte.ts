// The app's time as the renderer estimates it, ticking once a second while something on screen
// reads it ("12 s ago"). Main's clock is the reference (it stamps receivedAt and snapshot.now);
// the renderer keeps only an offset to its own clock, so a test's manual clock or a laptop whose
// main process runs a replayed session both read right.
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

  /** Main stamped something at `appTime`: the app's clock has reached at least that instant. */
  observe(appTime: number | null): void {
    if (appTime === null) return;
    const ahead = appTime - (Date.now() + this.#offset);
    if (ahead > 0) this.#offset += ahead;
  }
}

/** Time as the app sees it: real, scaled (a simulated session at 60x) or manual (tests). */
export interface Clock {
  /** Epoch ms of this clock's time. */
  now(): number;
  /** Runs `fn` after `ms` of this clock's time; returns a function that cancels it. */
  setTimer(ms: number, fn: () => void): () => void;
}

import type { Clock } from '../ports/clock.js';

interface Timer {
  readonly at: number;
  readonly seq: number;
  readonly fn: () => void;
}

/** A clock that moves only when told to; timers fire in time order as it advances. */
export class ManualClock implements Clock {
  #now: number;
  #timers: Timer[] = [];
  #seq = 0;

  constructor(startMs: number) {
    this.#now = startMs;
  }

  now(): number {
    return this.#now;
  }

  setTimer(ms: number, fn: () => void): () => void {
    const timer: Timer = { at: this.#now + Math.max(0, ms), seq: this.#seq++, fn };
    this.#timers.push(timer);
    return () => {
      this.#timers = this.#timers.filter((t) => t !== timer);
    };
  }

  /** Moves time forward, firing due timers in order (each sees `now()` at its due time). */
  advance(ms: number): void {
    this.advanceTo(this.#now + ms);
  }

  advanceTo(target: number): void {
    for (;;) {
      const due = this.#timers
        .filter((t) => t.at <= target)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.#timers = this.#timers.filter((t) => t !== due);
      this.#now = Math.max(this.#now, due.at);
      due.fn();
    }
    this.#now = Math.max(this.#now, target);
  }

  /** Jumps without firing anything in between, as a laptop waking from sleep does. */
  jump(ms: number): void {
    this.#now += ms;
  }

  get pendingTimers(): number {
    return this.#timers.length;
  }

  /** Time of the earliest pending timer, if any. */
  nextTimerAt(): number | null {
    return this.#timers.reduce<number | null>((m, t) => (m === null || t.at < m ? t.at : m), null);
  }
}

// Runs the poll loop's cycles one at a time on the market clock: one timer armed at a time, a
// cycle that falls due while another runs (it may be the one that armed it) runs right after
// it, a cycle that throws is logged and tried again a minute later (a bug must not end
// polling), and other work (the user's account refresh) takes its turn between cycles, never
// inside one. Timers run on market time: the demo's replayed session may switch to the live one.
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { messageOf } from '../base/error-message.js';

/** After a cycle that threw, the next one is tried this much later. */
const RETRY_AFTER_BUG_MS = 60_000;

export interface CycleRunnerDeps {
  /** The market clock the loop runs on. */
  readonly clock: Clock;
  readonly logger: Logger;
  readonly cycle: () => Promise<void>;
}

export class CycleRunner {
  readonly #clock: Clock;
  readonly #logger: Logger;
  readonly #cycle: () => Promise<void>;
  #cancelTimer: (() => void) | null = null;
  #plannedAt: number | null = null;
  /** The cycle (or other work) in flight. */
  #running: Promise<void> | null = null;
  #stopped = false;

  constructor(deps: CycleRunnerDeps) {
    this.#clock = deps.clock;
    this.#logger = deps.logger;
    this.#cycle = deps.cycle;
  }

  /** When the armed (or running) cycle was planned for, market time; null when none is. */
  get plannedAt(): number | null {
    return this.#plannedAt;
  }

  get stopped(): boolean {
    return this.#stopped;
  }

  /** Arms the next cycle `delayMs` from now, replacing the one armed. */
  schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#cancelTimer?.();
    const delay = Math.max(0, delayMs);
    this.#plannedAt = this.#clock.now() + delay;
    this.#cancelTimer = this.#clock.setTimer(delay, () => {
      this.#cancelTimer = null;
      if (this.#running) {
        void this.#running.then(() => this.schedule(0));
        return;
      }
      this.#running = this.#cycle()
        .catch((error: unknown) => {
          const why = messageOf(error);
          this.#logger.error('poll cycle failed', { error: why });
          this.schedule(RETRY_AFTER_BUG_MS);
        })
        .finally(() => {
          this.#running = null;
        });
    });
  }

  /** Nothing armed, nothing planned (asleep): `schedule` arms again. */
  cancel(): void {
    this.#cancelTimer?.();
    this.#cancelTimer = null;
    this.#plannedAt = null;
  }

  /** Runs `work` after the cycle in flight, holding the next one back until it is done. */
  async exclusive<T>(work: () => Promise<T>): Promise<T> {
    while (this.#running) await this.#running;
    const done = work();
    this.#running = done.then(
      () => undefined,
      () => undefined,
    );
    try {
      return await done;
    } finally {
      this.#running = null;
    }
  }

  /** No more cycles; resolves once the one in flight is over. */
  async stop(): Promise<void> {
    this.#stopped = true;
    this.#cancelTimer?.();
    await this.#running;
  }
}

// A progress bar on stderr for long runs (`hedgeflow backtest` over many sessions), drawn only
// when stderr is a terminal: in a pipe, a log file or CI it would be noise, so nothing is drawn
// there (docs/scorecard.md). Written here rather than taken from a package: it is one line of
// text redrawn with a carriage return.

const WIDTH = 24;

export class ProgressBar {
  readonly #write: ((text: string) => void) | undefined;
  readonly #label: string;
  #drawn = false;

  /** `write`: the raw stderr writer, undefined when stderr is not a terminal. */
  constructor(write: ((text: string) => void) | undefined, label: string) {
    this.#write = write;
    this.#label = label;
  }

  update(done: number, total: number): void {
    if (!this.#write || total <= 0) return;
    const filled = Math.round((Math.min(done, total) / total) * WIDTH);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(WIDTH - filled)}`;
    this.#write(`\r${bar} ${done}/${total} ${this.#label}`);
    this.#drawn = true;
  }

  /** Clears the line, so what follows starts clean. */
  done(): void {
    if (this.#write && this.#drawn) this.#write('\r\x1b[2K');
    this.#drawn = false;
  }
}

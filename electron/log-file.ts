// The tray app's log file: userData/logs/hedgeflow.log, rotated by size (hedgeflow.1.log is the
// previous one, and so on). Lines arrive already redacted by core/log/logger.ts. Synchronous
// appends: a handful of lines a minute, and nothing is lost when the app quits or crashes.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';

export interface LogFileOptions {
  /** Rotate when the current file would grow past this. */
  readonly maxBytes?: number;
  /** How many rotated files to keep beside the current one. */
  readonly keep?: number;
}

const LOG_FILE_NAME = 'hedgeflow.log';

export class RotatingLogFile {
  readonly file: string;
  readonly #dir: string;
  readonly #maxBytes: number;
  readonly #keep: number;
  #size: number | null = null;
  #broken = false;

  constructor(dir: string, options: LogFileOptions = {}) {
    this.#dir = dir;
    this.file = path.join(dir, LOG_FILE_NAME);
    this.#maxBytes = options.maxBytes ?? 1_000_000;
    this.#keep = options.keep ?? 3;
  }

  #rotated(n: number): string {
    return path.join(this.#dir, `hedgeflow.${n}.log`);
  }

  /** Appends one line. A log that cannot be written never takes the app down. */
  write(line: string): void {
    if (this.#broken) return;
    const text = `${line}\n`;
    try {
      if (this.#size === null) {
        mkdirSync(this.#dir, { recursive: true });
        this.#size = Math.max(0, fileSize(this.file));
      }
      const bytes = Buffer.byteLength(text);
      if (this.#size > 0 && this.#size + bytes > this.#maxBytes) this.#rotate();
      appendFileSync(this.file, text, { encoding: 'utf8', mode: 0o600 });
      this.#size = (this.#size ?? 0) + bytes;
    } catch {
      this.#broken = true;
    }
  }

  #rotate(): void {
    rmSync(this.#rotated(this.#keep), { force: true });
    for (let n = this.#keep - 1; n >= 1; n--) {
      if (fileSize(this.#rotated(n)) >= 0) renameSync(this.#rotated(n), this.#rotated(n + 1));
    }
    if (this.#keep >= 1) renameSync(this.file, this.#rotated(1));
    else rmSync(this.file, { force: true });
    this.#size = 0;
  }
}

function fileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

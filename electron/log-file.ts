// The tray app's log file: userData/logs/hedgeflow.log, rotated by size (hedgeflow.1.log is the
// previous one, and so on). Lines arrive already redacted by core/log/logger.ts. Synchronous
// appends: a handful of lines a minute, and nothing is lost when the app quits or crashes.
// The file is opened with O_NOFOLLOW: a link planted in its place (to a file outside the logs
// folder) is removed and replaced by a real file, never written through. Windows has no
// O_NOFOLLOW; making a link there takes rights the user's own processes usually lack.
import {
  closeSync,
  constants,
  lstatSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
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
      appendNoFollow(this.file, text);
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

const APPEND_NO_FOLLOW =
  constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | (constants.O_NOFOLLOW ?? 0);

function appendNoFollow(file: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(file, APPEND_NO_FOLLOW, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOOP') throw error;
    unlinkSync(file); // the link itself, not what it points to
    fd = openSync(file, APPEND_NO_FOLLOW, 0o600);
  }
  try {
    writeSync(fd, text, null, 'utf8');
  } finally {
    closeSync(fd);
  }
}

/** The size of the file itself (a link's own size, never its target's); -1 when absent. */
function fileSize(file: string): number {
  try {
    return lstatSync(file).size;
  } catch {
    return -1;
  }
}

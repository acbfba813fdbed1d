// The terminal's ports: data goes to stdout, logs to stderr (DESIGN.md).
import { readFile } from 'node:fs/promises';
import { messageOf } from '../core/base/error-message.js';
import { scrubMessage } from '../core/log/secret-registry.js';

export interface CliIo {
  /** Data: one JSON object or table frame per call. */
  out(text: string): void;
  /** Logs and diagnostics. */
  err(text: string): void;
  /** Reads a file, or standard input for '-'. */
  readInput(file: string): Promise<string>;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Whether stdout is a terminal (live table) or a pipe (plain lines). */
  readonly isTty: boolean;
  /**
   * Writes to stderr as is (no newline added), for a progress bar redrawn in place; present
   * only when stderr is a terminal, so logs and CI output never fill with redraws.
   */
  readonly progress?: (text: string) => void;
  /** Resolves when the user interrupts (SIGINT/SIGTERM). */
  readonly interrupted: Promise<void>;
}

export function processIo(): CliIo {
  const interrupted = new Promise<void>((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
    // `hedgeflow watch --json | head -3`: once the reader is gone there is no one to watch for.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE') resolve();
    });
  });
  return {
    out: (text) => void process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => void process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    readInput: async (file) => {
      if (file !== '-') return readFile(file, 'utf8');
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    env: process.env,
    isTty: Boolean(process.stdout.isTTY),
    ...(process.stderr.isTTY && { progress: (text: string) => void process.stderr.write(text) }),
    interrupted,
  };
}

/** A usage error: printed to stderr with exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
  /**
   * Whether the message ends by pointing at `--help`: when the user may not know the options
   * (an unknown option, a missing value, a stray argument; any flag error of detect and
   * backtest, whose detector flags are many). An error that names the flag and what it takes
   * is said alone.
   */
  readonly pointToHelp: boolean;

  constructor(message: string, options: ErrorOptions & { readonly pointToHelp?: boolean } = {}) {
    super(message, options);
    this.pointToHelp = options.pointToHelp ?? false;
  }
}

/**
 * Says on stderr why `hedgeflow <command>` failed, scrubbed like the log (no secret the process
 * knows, no URL credentials), and returns its exit code: 2 for a usage error, 1 otherwise.
 */
export function reportFailure(io: CliIo, command: string, error: unknown): 1 | 2 {
  const message = `hedgeflow ${command}: ${scrubMessage(messageOf(error))}`;
  if (!(error instanceof UsageError)) {
    io.err(message);
    return 1;
  }
  io.err(
    error.pointToHelp ? `${message}\nRun 'hedgeflow ${command} --help' for the options.` : message,
  );
  return 2;
}

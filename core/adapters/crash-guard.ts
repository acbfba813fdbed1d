// Errors nobody caught go through the redacting logger instead of Node's (or Electron's) default
// printer, so not even a crash can put the API key on a terminal, in a dialog or in a log file.
import { stackOf } from '../base/error-message.js';
import type { Logger } from '../ports/logger.js';

export interface CrashGuardOptions {
  /** A terminal program ends on an uncaught exception; the tray app logs it and stays up. */
  readonly exitOnException: boolean;
  readonly exit?: (code: number) => void;
}

export function installCrashGuard(logger: Logger, options: CrashGuardOptions): () => void {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const onException = (error: unknown): void => {
    logger.error('uncaught exception', { error: stackOf(error) });
    if (options.exitOnException) exit(1);
  };
  const onRejection = (reason: unknown): void => {
    logger.error('unhandled promise rejection', { error: stackOf(reason) });
  };
  process.on('uncaughtException', onException);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onException);
    process.off('unhandledRejection', onRejection);
  };
}

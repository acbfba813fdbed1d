import type { LogFields, LogLevel, Logger } from '../ports/logger.js';
import { processSecrets, type SecretRegistry } from './secret-registry.js';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface RedactingLogger extends Logger {
  /** Registers a secret that must never be written, whatever a message or field contains. */
  redact(secret: string): void;
}

/**
 * One line per event: `ISO level message key=value ...`. The finished line is scrubbed by the
 * secret registry (the process's unless one is given): every registered secret, any run of six
 * of its characters in any case or encoding, and URL credentials are gone before it is written,
 * so no code path can leak the API key into a log.
 */
export function createLogger(
  write: (line: string) => void,
  options: { level?: LogLevel; now?: () => number; secrets?: SecretRegistry } = {},
): RedactingLogger {
  const min = ORDER[options.level ?? 'info'];
  const now = options.now ?? Date.now;
  const secrets = options.secrets ?? processSecrets;
  const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (ORDER[level] < min) return;
    const parts = [new Date(now()).toISOString(), level, message];
    for (const [k, v] of Object.entries(fields ?? {})) {
      if (v !== undefined)
        parts.push(`${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : String(v)}`);
    }
    write(secrets.scrub(parts.join(' ')));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    redact: (secret) => void secrets.add(secret),
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

import type { LogFields, LogLevel, Logger } from '../ports/logger.js';

const ORDER: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

export interface RedactingLogger extends Logger {
  /** Registers a secret that must never be written, whatever a message or field contains. */
  redact(secret: string): void;
}

/**
 * One line per event: `ISO level message key=value ...`. Every registered secret is replaced
 * by "[redacted]" in the finished line, so no code path can leak the API key into a log.
 */
export function createLogger(
  write: (line: string) => void,
  options: { level?: LogLevel; now?: () => number } = {},
): RedactingLogger {
  const min = ORDER[options.level ?? 'info'];
  const now = options.now ?? Date.now;
  const secrets = new Set<string>();
  const scrub = (line: string): string => {
    let out = line;
    for (const s of secrets) out = out.split(s).join('[redacted]');
    return out;
  };
  const emit = (level: LogLevel, message: string, fields?: LogFields): void => {
    if (ORDER[level] < min) return;
    const parts = [new Date(now()).toISOString(), level, message];
    for (const [k, v] of Object.entries(fields ?? {})) {
      if (v !== undefined)
        parts.push(`${k}=${typeof v === 'string' && /\s/.test(v) ? JSON.stringify(v) : String(v)}`);
    }
    write(scrub(parts.join(' ')));
  };
  return {
    debug: (m, f) => emit('debug', m, f),
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
    redact: (secret) => {
      if (secret.length >= 4) secrets.add(secret);
    },
  };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

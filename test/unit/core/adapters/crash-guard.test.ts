import { afterEach, describe, expect, it } from 'vitest';
import { installCrashGuard } from '../../../../core/adapters/crash-guard.js';
import { createLogger } from '../../../../core/log/logger.js';

const KEY = 'fa_live_9c1e77d0b5a4';

describe('the crash guard', () => {
  let uninstall: (() => void) | null = null;
  afterEach(() => uninstall?.());

  it('logs an uncaught exception through the redacting logger, without the key, and exits when asked', () => {
    const lines: string[] = [];
    const logger = createLogger((l) => lines.push(l));
    logger.redact(KEY);
    const exits: number[] = [];
    uninstall = installCrashGuard(logger, {
      exitOnException: true,
      exit: (c) => void exits.push(c),
    });
    process.emit('uncaughtException', new Error(`request with key ${KEY} blew up`));
    expect(exits).toEqual([1]);
    expect(lines.join('\n')).toContain('uncaught exception');
    expect(lines.join('\n')).toContain('[redacted]');
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('logs an unhandled rejection and keeps the process up', () => {
    const lines: string[] = [];
    const logger = createLogger((l) => lines.push(l));
    logger.redact(KEY);
    const exits: number[] = [];
    uninstall = installCrashGuard(logger, {
      exitOnException: false,
      exit: (c) => void exits.push(c),
    });
    process.emit('unhandledRejection', new Error(`no ${KEY}`), Promise.resolve());
    expect(exits).toEqual([]);
    expect(
      lines.some((l) => l.includes('unhandled promise rejection') && l.includes('[redacted]')),
    ).toBe(true);
    expect(lines.join('\n')).not.toContain(KEY);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MIN_SECRET_LENGTH,
  REDACTED,
  SECRET_RUN,
  SecretMatcher,
  stripUrlCredentials,
} from '../../../../core/log/redact.js';
import { SecretRegistry } from '../../../../core/log/secret-registry.js';
import { createLogger } from '../../../../core/log/logger.js';
import { leakedRuns, percentEncodeAll } from '../../../support/secret-leaks.js';

const KEY = 'fa+live/7D3c=91e2:b5A4_0f68';
const redact = (text: string, ...secrets: string[]) =>
  new SecretMatcher(secrets.map((s) => ({ text: s }))).redact(text);

describe('redacting a secret', () => {
  it('replaces the whole secret, and any run of 6+ of its characters, with one marker each', () => {
    expect(redact(`key ${KEY} end`, KEY)).toBe(`key ${REDACTED} end`);
    expect(redact(`cut at ${KEY.slice(0, 6)}`, KEY)).toBe(`cut at ${REDACTED}`);
    expect(redact(`tail ${KEY.slice(-9)}!`, KEY)).toBe(`tail ${REDACTED}!`);
    // Five characters are not a run: too short to be told from ordinary text.
    expect(redact(`five ${KEY.slice(3, 8)} only`, KEY)).toBe(`five ${KEY.slice(3, 8)} only`);
    // Two echoes side by side become one marker, not two with a piece between.
    expect(redact(`${KEY}${KEY}`, KEY)).toBe(REDACTED);
  });

  it('ignores letter case', () => {
    expect(redact(KEY.toUpperCase(), KEY)).toBe(REDACTED);
    expect(redact(`x ${KEY.toLowerCase().slice(2, 12)} y`, KEY)).toBe(`x ${REDACTED} y`);
  });

  it('finds it percent-encoded (either hex case, even twice) and as JSON or HTML escapes', () => {
    const forms = [
      encodeURIComponent(KEY),
      encodeURIComponent(KEY).toLowerCase(),
      percentEncodeAll(KEY),
      percentEncodeAll(KEY, true),
      encodeURIComponent(encodeURIComponent(KEY)),
      [...KEY].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join(''),
      [...KEY].map((c) => `&#${c.charCodeAt(0)};`).join(''),
      [...KEY].map((c) => `&#x${c.charCodeAt(0).toString(16)};`).join(''),
    ];
    for (const form of forms) expect(redact(`<${form}>`, KEY), form).toBe(`<${REDACTED}>`);
  });

  it('keeps every character that is not part of a run, and text without the secret as is', () => {
    const text =
      'FlashAlpha answered 503: upstream 10.0.0.7 timed out (50%25 of requests) &amp; more';
    expect(redact(text, KEY)).toBe(text);
    expect(redact('', KEY)).toBe('');
  });

  it('matches a secret shorter than a run only whole, and refuses one shorter than that', () => {
    expect(SECRET_RUN).toBe(6);
    expect(redact('token abcd and ABCD and abc', 'abcd')).toBe(
      `token ${REDACTED} and ${REDACTED} and abc`,
    );
    expect(redact('abcde', 'abcdef0')).toBe('abcde');
    // A 1-3 character "secret" would redact ordinary words: it is not registered at all.
    const registry = new SecretRegistry();
    expect(registry.add('abc')).toBe(false);
    expect(registry.add(' '.repeat(10))).toBe(false);
    expect(registry.scrub('abc abc')).toBe('abc abc');
    expect(MIN_SECRET_LENGTH).toBe(4);
  });

  it('leaves no run of the key in any text, at any offset, in any case (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 80 }),
        fc.string({ maxLength: 80 }),
        fc.integer({ min: 0, max: KEY.length - SECRET_RUN }),
        fc.integer({ min: SECRET_RUN, max: KEY.length }),
        fc.constantFrom<(s: string) => string>(
          (s) => s,
          (s) => s.toUpperCase(),
          (s) => s.toLowerCase(),
          encodeURIComponent,
          (s) => percentEncodeAll(s, true),
        ),
        (before, after, from, length, form) => {
          const piece = KEY.slice(from, Math.min(KEY.length, from + length));
          fc.pre(piece.length >= SECRET_RUN);
          const out = redact(`${before}${form(piece)}${after}`, KEY);
          return leakedRuns(out, KEY).length === 0;
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('URL credentials', () => {
  it('strips user:password@ from every URL in a text, including a password with an @', () => {
    expect(
      stripUrlCredentials(
        'Request cannot be constructed from a URL that includes credentials: http://me:s3cr@t@127.0.0.1:8080/v1/x?q=1',
      ),
    ).toBe(
      'Request cannot be constructed from a URL that includes credentials: http://127.0.0.1:8080/v1/x?q=1',
    );
    expect(stripUrlCredentials('a https://u@h.example/ and HTTP://x:y@h2/p b')).toBe(
      'a https://h.example/ and HTTP://h2/p b',
    );
    expect(stripUrlCredentials('mail me@example.com, see https://example.com/a@b')).toBe(
      'mail me@example.com, see https://example.com/a@b',
    );
  });
});

describe('the secret registry', () => {
  it('scrubs registered secrets, extra ones given per call, and URL credentials', () => {
    const registry = new SecretRegistry();
    registry.add(KEY);
    expect(
      registry.scrub(
        `old ${KEY.toUpperCase()}; new token-0123456789; http://u:pw@h/`,
        'token-0123456789',
      ),
    ).toBe(`old ${REDACTED}; new ${REDACTED}; http://h/`);
    expect(registry.scrub('new token-0123456789')).toBe('new token-0123456789');
  });

  it('registers a webhook URL whole and by its token, without redacting every https://', () => {
    const registry = new SecretRegistry();
    const hook = 'https://hooks.example.com/services/T0001/B0001/abcDEF123456ghiJKL789xyz';
    registry.add(hook);
    expect(registry.scrub(`posting to ${hook} failed`)).toBe(`posting to ${REDACTED} failed`);
    expect(registry.scrub('token ghiJKL789x leaked')).toBe(`token ${REDACTED} leaked`);
    const innocent = 'could not reach https://hooks.example.com/services: ECONNRESET';
    expect(registry.scrub(innocent)).toBe(innocent);
    // A password in a registered URL is a secret of its own.
    registry.add('https://bot:pa55w0rd-xyz@chat.example.org/send');
    expect(registry.scrub('auth pa55w0rd-xyz refused')).toBe(`auth ${REDACTED} refused`);
  });
});

describe('the logger', () => {
  it('writes no run of a registered secret, in any form, whatever the message or fields', () => {
    const lines: string[] = [];
    const logger = createLogger((l) => lines.push(l), { secrets: new SecretRegistry() });
    logger.redact(KEY);
    logger.warn(`echo ${KEY.slice(0, 12).toUpperCase()}`, {
      url: `https://x.example/?k=${encodeURIComponent(KEY)}`,
      proxy: 'http://user:hunter22@proxy.local:3128/',
    });
    expect(lines).toHaveLength(1);
    expect(leakedRuns(lines[0]!, KEY)).toEqual([]);
    expect(lines[0]).not.toContain('hunter22');
    expect(lines[0]).toContain(`echo ${REDACTED} url=https://x.example/?k=${REDACTED}`);
  });
});

import { describe, expect, it } from 'vitest';
import { createIpcRouter, type Handlers } from '../../../../core/app/ipc-router.js';
import { contract } from '../../../../core/contract/channels.js';
import { err, ok } from '../../../../core/contract/result.js';
import { silentLogger } from '../../../../core/log/logger.js';
import { SecretStoreUnavailableError } from '../../../../core/ports/secret-store.js';

const TRUSTED = { id: 'popover' };

function handlers(overrides: Partial<Handlers> = {}): Handlers {
  const notCalled = async () => {
    throw new Error('handler must not run');
  };
  const base = Object.fromEntries(Object.keys(contract).map((verb) => [verb, notCalled]));
  return { ...base, ...overrides } as Handlers;
}

function router(h: Handlers) {
  const warnings: string[] = [];
  const r = createIpcRouter(h, {
    isTrustedSender: (sender) => sender === TRUSTED,
    logger: { ...silentLogger, warn: (m) => void warnings.push(m) },
    now: () => 0,
  });
  return { r, warnings };
}

describe('the IPC router', () => {
  it('rejects a sender that is not one of our windows, before looking at the payload', async () => {
    const { r, warnings } = router(handlers());
    const result = await r.invoke('key:set', { key: 'abcdefgh12345' }, { id: 'evil' });
    expect(result).toMatchObject({ ok: false, error: { code: 'bad-request' } });
    expect(warnings).toEqual(['ipc: rejected a call from an untrusted sender']);
  });

  it('rejects an unknown channel', async () => {
    const { r } = router(handlers());
    const result = await r.invoke('fs:read', {}, TRUSTED);
    expect(result).toMatchObject({ ok: false, error: { message: "Unknown call 'fs:read'." } });
  });

  it('rejects an invalid payload with the field and the reason, without running the handler', async () => {
    const { r } = router(handlers());
    expect(await r.invoke('app:set-paused', { paused: 'yes' }, TRUSTED)).toMatchObject({
      ok: false,
      error: { code: 'bad-request', message: expect.stringMatching(/^paused: /) },
    });
    expect(await r.invoke('key:set', { key: 'short' }, TRUSTED)).toMatchObject({
      ok: false,
      error: { message: 'key: That key is too short' },
    });
    expect(await r.invoke('key:set', { key: 'abcdefgh12345', extra: 1 }, TRUSTED)).toMatchObject({
      ok: false,
    });
    expect(await r.invoke('symbol:detail', { symbol: 'not a symbol!' }, TRUSTED)).toMatchObject({
      ok: false,
    });
  });

  it('passes the validated, normalised payload to the handler and returns its result', async () => {
    const seen: unknown[] = [];
    const { r } = router(
      handlers({
        getDetail: async (req) => {
          seen.push(req);
          return err({ code: 'not-found', message: 'nope', action: 'none' });
        },
        setPaused: async ({ paused }) => ok({ paused } as never),
      }),
    );
    await r.invoke('symbol:detail', { symbol: ' spy ' }, TRUSTED);
    expect(seen).toEqual([{ symbol: 'SPY' }]);
    expect(await r.invoke('app:set-paused', { paused: true }, TRUSTED)).toEqual({
      ok: true,
      value: { paused: true },
    });
  });

  it('turns a thrown handler error into an error value, and a keychain failure into a keychain error', async () => {
    const { r } = router(
      handlers({
        setApiKey: async () => {
          throw new SecretStoreUnavailableError('The system keychain is not available (locked).');
        },
        getSettings: async () => {
          throw new Error('disk on fire');
        },
      }),
    );
    expect(await r.invoke('key:set', { key: 'abcdefgh12345' }, TRUSTED)).toEqual({
      ok: false,
      error: {
        code: 'keychain',
        message: 'The system keychain is not available (locked).',
        action: 'none',
      },
    });
    expect(await r.invoke('settings:get', undefined, TRUSTED)).toMatchObject({
      ok: false,
      error: { code: 'internal', message: 'disk on fire' },
    });
  });
});

// The shell's keychain: when the native binding cannot load (no build for this platform, a
// damaged install), HedgeFlow still starts, on demo data, and says why; the key goes nowhere.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '../../../core/contract/result.js';
import type { AppStatusView, KeyStatus } from '../../../core/contract/views.js';
import { POPOVER_URL } from '../../../electron/security-policy.js';

const fake = await vi.hoisted(() => import('./fake-electron.js'));
vi.mock('electron', () => fake);
vi.mock('../../../electron/demo-simulator.js', () => ({
  dailySeed: () => 1,
  demoSimulator: () => ({
    handle: () => ({ status: 503, headers: {}, body: '{"detail":"simulator down"}' }),
  }),
}));

/** The keychain binding as a machine without a usable binary has it: importing it throws. */
function bindingThatCannotLoad(): void {
  // (A factory that throws is reported by vitest as its own error; the export throwing when
  // read fails inside loadSecretStore's import just as a binary that cannot load does.)
  vi.doMock('../../../core/adapters/keyring-secret-store.js', () => ({
    get keyringSecretStore(): never {
      throw new Error(
        'Cannot find native binding. npm has a bug related to optional dependencies\nmore detail',
      );
    },
  }));
}

let dir: string;
const env = { ...process.env };

beforeEach(() => {
  vi.resetModules();
  fake.resetFakes();
  dir = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-keychain-'));
  process.env.XDG_CONFIG_HOME = dir;
  delete process.env.HEDGEFLOW_E2E;
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  fake.app.emit('before-quit');
  vi.doUnmock('../../../core/adapters/keyring-secret-store.js');
  process.env = { ...env };
  vi.restoreAllMocks();
  rmSync(dir, { recursive: true, force: true });
});

describe('loadSecretStore', () => {
  it('uses the OS keychain adapter when its binding loads', async () => {
    const store = { get: vi.fn(async () => 'k'), set: vi.fn(), delete: vi.fn() };
    vi.doMock('../../../core/adapters/keyring-secret-store.js', () => ({
      keyringSecretStore: () => store,
    }));
    const { loadSecretStore } = await import('../../../electron/secret-store.js');
    expect(await loadSecretStore()).toBe(store);
  });

  it('reports a binding that cannot load as an unavailable keychain, saying why, on every call', async () => {
    bindingThatCannotLoad();
    const { loadSecretStore } = await import('../../../electron/secret-store.js');
    // The module instance secret-store.ts sees (the registry was reset for this test).
    const { SecretStoreUnavailableError } = await import('../../../core/ports/secret-store.js');
    const store = await loadSecretStore();
    for (const call of [() => store.get(), () => store.set('secret-1234'), () => store.delete()]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SecretStoreUnavailableError);
      // The first line of the loader's error, not its whole stack of detail.
      expect((error as Error).message).toBe(
        'The keychain library could not be loaded (Cannot find native binding. npm has a bug related to optional dependencies)',
      );
    }
  });
});

describe('the tray app without a keychain', () => {
  async function launch() {
    bindingThatCannotLoad();
    fake.app.isPackaged = true;
    fake.app.setPath('userData', dir);
    await import('../../../electron/main.js');
    await vi.waitFor(
      () => {
        expect(fake.Tray.instances).toHaveLength(1);
        expect(fake.ipcMain.handlers.size).toBeGreaterThan(0);
      },
      { timeout: 10_000 },
    );
    const popover = fake.BrowserWindow.instances[0]!;
    const from = { sender: popover.webContents, senderFrame: { url: POPOVER_URL, parent: null } };
    return { popover, tray: fake.Tray.instances[0]!, from };
  }

  it('starts on demo data and says the keychain is unavailable, in the tray and the status', async () => {
    const { tray, from } = await launch();
    expect(fake.app.exitCode).toBeNull();
    expect(tray.tooltip).toMatch(/^HedgeFlow: Demo data \(keychain unavailable\)/);
    const snapshot = (await fake.ipcMain.invoke('app:get-snapshot', from)) as Result<{
      status: AppStatusView;
    }>;
    expect(snapshot.ok).toBe(true);
    const status = snapshot.ok ? snapshot.value.status : null;
    expect(status).toMatchObject({ source: 'demo', demoReason: 'keychain-unavailable' });
    expect(status!.keychain.available).toBe(false);
    expect(status!.keychain.message).toMatch(/keychain library could not be loaded/);
    expect(status!.keychain.message).toMatch(/keeps running on demo data/);
  });

  it('refuses to store a key with that message, keeps it nowhere, and keeps running', async () => {
    const { from, tray } = await launch();
    const key = 'fa_live_0123456789abcdef';
    const result = (await fake.ipcMain.invoke('key:set', from, { key })) as Result<KeyStatus>;
    expect(result).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/keychain library could not be loaded/) },
    });
    const after = (await fake.ipcMain.invoke('app:get-snapshot', from)) as Result<{
      status: AppStatusView;
    }>;
    expect(after.ok && after.value.status.key).toEqual({ hasKey: false, hint: null });
    expect(after.ok && after.value.status.source).toBe('demo');
    expect(tray.destroyed).toBe(false);
    // Not on disk: nothing HedgeFlow wrote holds the key.
    const written = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(path.join(entry.parentPath, entry.name), 'utf8'));
    expect(written.length).toBeGreaterThan(0);
    for (const text of written) expect(text).not.toContain(key);
  });
});

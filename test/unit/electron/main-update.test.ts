// The update notice in the composed main process (electron/main.ts against the fake `electron`):
// a newer release found on a loopback stand-in for GitHub shows as the tray menu's first item and
// is pushed to the popover; the item and the popover's link open that release page, and
// shell.openExternal refuses every other GitHub page. As shipped (package.json names no
// repository) nothing is ever requested.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { InProcessSimulator } from '../../../core/source/sim-transport.js';
import type { E2eHooks } from '../../../electron/e2e-hooks.js';
import { PUSH_CHANNEL } from '../../../electron/ipc-channels.js';
import { POPOVER_URL } from '../../../electron/security-policy.js';
import { startReleasesServer, type ReleasesServer } from '../../support/github-releases-server.js';

const fake = await vi.hoisted(() => import('./fake-electron.js'));
vi.mock('electron', () => fake);
vi.mock('../../../electron/demo-simulator.js', () => ({
  dailySeed: () => 1,
  demoSimulator: (): InProcessSimulator => ({
    handle: () => ({ status: 503, headers: {}, body: '{"detail":"simulator down"}' }),
  }),
}));
vi.mock('../../../electron/secret-store.js', async () => {
  const { MemorySecretStore } = await import('../../../core/fakes/memory-secret-store.js');
  const { MemoryKeyedSecretStore } =
    await import('../../../core/fakes/memory-keyed-secret-store.js');
  return {
    loadSecretStore: async () => new MemorySecretStore(),
    loadKeyedSecretStore: async () => new MemoryKeyedSecretStore(),
  };
});

type Main = typeof globalThis & { __hedgeflowE2E?: E2eHooks };
const RELEASE_PAGE = 'https://github.com/hedgeflow-app/hedgeflow/releases/tag/v0.2.0';

let userData: string;
let github: ReleasesServer;
const env = { ...process.env };
const netFetch = fake.net.fetch;
const fetched: string[] = [];

beforeEach(async () => {
  vi.resetModules();
  fake.resetFakes();
  userData = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-main-update-'));
  github = await startReleasesServer({
    owner: 'hedgeflow-app',
    repo: 'hedgeflow',
    releases: [{ tag_name: 'v0.2.0' }],
  });
  // net.fetch as Chromium's stack would do it: a real request.
  fetched.length = 0;
  fake.net.fetch = ((url: string, init: RequestInit) => {
    fetched.push(url);
    return fetch(url, init);
  }) as typeof fake.net.fetch;
  process.env.HEDGEFLOW_E2E = '1';
  process.env.HEDGEFLOW_E2E_USER_DATA = userData;
  process.env.XDG_CONFIG_HOME = userData;
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(async () => {
  fake.app.emit('before-quit');
  delete (globalThis as Main).__hedgeflowE2E;
  fake.net.fetch = netFetch;
  process.env = { ...env };
  vi.restoreAllMocks();
  await github.close();
  rmSync(userData, { recursive: true, force: true });
});

function fromPopover() {
  const popover = fake.BrowserWindow.instances[0]!;
  return { sender: popover.webContents, senderFrame: { url: POPOVER_URL, parent: null } };
}

function menuLabels(): string[] {
  return (fake.Menu.built.at(-1)?.items ?? []).map((item) => item.label ?? '---');
}

describe('the update notice in the tray app', () => {
  it('shows a newer release in the tray menu and the popover, and opens its page', async () => {
    process.env.HEDGEFLOW_E2E_REPOSITORY = 'hedgeflow-app/hedgeflow';
    process.env.HEDGEFLOW_E2E_GITHUB_API = github.url;
    await import('../../../electron/main.js');
    await vi.waitFor(() => expect(menuLabels()[0]).toBe('HedgeFlow 0.2.0 is available…'), {
      timeout: 10_000,
    });
    expect(fetched).toEqual([`${github.url}/repos/hedgeflow-app/hedgeflow/releases/latest`]);
    const popover = fake.BrowserWindow.instances[0]!;
    expect(popover.webContents.sent).toContainEqual([
      PUSH_CHANNEL,
      'update',
      { available: { version: '0.2.0', url: RELEASE_PAGE } },
    ]);

    fake.Menu.built.at(-1)!.items[0]!.click!();
    await vi.waitFor(() => expect(fake.shell.opened).toEqual([RELEASE_PAGE]));

    // The popover's link goes through app:open-external, allow-listed for that page only.
    expect(
      await fake.ipcMain.invoke('app:open-external', fromPopover(), { url: RELEASE_PAGE }),
    ).toEqual({ ok: true, value: null });
    for (const url of [
      'https://github.com/someone-else/hedgeflow/releases/tag/v0.2.0',
      'https://github.com/hedgeflow-app/hedgeflow/releases/download/v0.2.0/HedgeFlow.exe',
      `${github.url}/repos/hedgeflow-app/hedgeflow/releases/latest`,
    ]) {
      expect(
        await fake.ipcMain.invoke('app:open-external', fromPopover(), { url }),
        url,
      ).toMatchObject({ ok: false });
    }
    expect(fake.shell.opened).toEqual([RELEASE_PAGE, RELEASE_PAGE]);
  });

  it('as shipped (no repository in package.json): no request, no item, no GitHub link', async () => {
    fake.app.isPackaged = true;
    fake.app.setPath('userData', userData);
    await import('../../../electron/main.js');
    await vi.waitFor(() => expect(fake.ipcMain.handlers.size).toBeGreaterThan(0), {
      timeout: 10_000,
    });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fetched).toEqual([]);
    expect(github.requests).toEqual([]);
    expect(menuLabels().some((label) => /is available/.test(label))).toBe(false);
    expect(await fake.ipcMain.invoke('update:get', fromPopover())).toEqual({
      ok: true,
      value: { available: null },
    });
    expect(
      await fake.ipcMain.invoke('app:open-external', fromPopover(), { url: RELEASE_PAGE }),
    ).toMatchObject({ ok: false });
    expect(fake.shell.opened).toEqual([]);
  });
});

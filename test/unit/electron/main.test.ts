// electron/main.ts composed for real (core, IPC router, tray, popover, notifier, hardening)
// against the fake `electron` module: the wiring a launch performs, observed from outside.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Settings } from '../../../core/contract/settings.js';
import type { Result } from '../../../core/contract/result.js';
import type { AppStatusView } from '../../../core/contract/views.js';
import type { InProcessSimulator } from '../../../core/source/sim-transport.js';
import type { E2eHooks } from '../../../electron/e2e-hooks.js';
import { PUSH_CHANNEL } from '../../../electron/ipc-channels.js';
import { POPOVER_URL } from '../../../electron/security-policy.js';
import type {
  BrowserWindow as FakeWindow,
  FakeMenuItem,
  Tray as FakeTray,
} from './fake-electron.js';

// One fake module for the test and every fresh import of main.ts (vi.resetModules below).
const fake = await vi.hoisted(() => import('./fake-electron.js'));
vi.mock('electron', () => fake);
// The wiring is under test here, not the market: a simulator that is down.
vi.mock('../../../electron/demo-simulator.js', () => ({
  dailySeed: () => 1,
  demoSimulator: (): InProcessSimulator => ({
    handle: () => ({ status: 503, headers: {}, body: '{"detail":"simulator down"}' }),
  }),
}));
// Never the machine's real keychain from a unit test.
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

let userData: string;
const env = { ...process.env };

async function launch(): Promise<{
  hooks: E2eHooks;
  popover: FakeWindow;
  tray: FakeTray;
}> {
  await import('../../../electron/main.js');
  await vi.waitFor(() => expect((globalThis as Main).__hedgeflowE2E).toBeDefined(), {
    timeout: 10_000,
  });
  return {
    hooks: (globalThis as Main).__hedgeflowE2E!,
    popover: fake.BrowserWindow.instances[0]!,
    tray: fake.Tray.instances[0]!,
  };
}

/** Launches as an installed app would run: no test hooks, so it is observed through the fakes. */
async function launchPackaged(): Promise<{ popover: FakeWindow; tray: FakeTray }> {
  fake.app.isPackaged = true;
  fake.app.setPath('userData', userData);
  await import('../../../electron/main.js');
  await vi.waitFor(
    () => {
      expect(fake.Tray.instances).toHaveLength(1);
      expect(fake.ipcMain.handlers.size).toBeGreaterThan(0);
    },
    { timeout: 10_000 },
  );
  return { popover: fake.BrowserWindow.instances[0]!, tray: fake.Tray.instances[0]! };
}

/** An invoke from the popover's main frame, as ipcRenderer.invoke in its preload makes it. */
function fromPopover(popover: FakeWindow) {
  return { sender: popover.webContents, senderFrame: { url: POPOVER_URL, parent: null } };
}

function menuItem(label: string | RegExp): FakeMenuItem {
  const items = fake.Menu.built.at(-1)!.items;
  const item = items.find((i) =>
    typeof label === 'string' ? i.label === label : label.test(i.label ?? ''),
  );
  if (!item) throw new Error(`no menu item ${String(label)} in ${items.map((i) => i.label)}`);
  return item;
}

/** Runs `body` as if on another OS (main reads process.platform when it starts). */
const realPlatform = process.platform;
function onPlatform(platform: NodeJS.Platform): void {
  Object.defineProperty(process, 'platform', { value: platform, configurable: true });
}

beforeEach(() => {
  vi.resetModules();
  fake.resetFakes();
  userData = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-main-'));
  process.env.HEDGEFLOW_E2E = '1';
  process.env.HEDGEFLOW_E2E_USER_DATA = userData;
  process.env.HEDGEFLOW_E2E_CLOCK = '2026-06-05T10:30:00-04:00@1';
  process.env.XDG_CONFIG_HOME = userData;
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true); // the app's log lines
});

afterEach(() => {
  Object.defineProperty(process, 'platform', { value: realPlatform, configurable: true });
  fake.app.emit('before-quit');
  delete (globalThis as Main).__hedgeflowE2E;
  process.env = { ...env };
  vi.restoreAllMocks();
  rmSync(userData, { recursive: true, force: true });
});

describe('the main process', () => {
  it('quits at once when another HedgeFlow holds the lock', async () => {
    fake.app.lockGranted = false;
    await import('../../../electron/main.js');
    expect(fake.app.quitCalls).toBe(1);
    expect(fake.Tray.instances).toHaveLength(0);
  });

  it('registers the app scheme before ready and keeps test data out of the real userData', async () => {
    await launch();
    expect(fake.protocol.privileged).toMatchObject([{ scheme: 'hedgeflow' }]);
    expect(fake.app.getPath('userData')).toBe(userData);
    expect(fake.app.dockHidden).toBe(true);
  });

  it('has no test hooks and no test overrides in a packaged app, whatever the environment', async () => {
    fake.app.isPackaged = true;
    fake.app.setPath('userData', path.join(userData, 'real'));
    await import('../../../electron/main.js');
    await vi.waitFor(() => expect(fake.Tray.instances).toHaveLength(1), { timeout: 10_000 });
    expect((globalThis as Main).__hedgeflowE2E).toBeUndefined();
    expect(fake.app.getPath('userData')).toBe(path.join(userData, 'real'));
    expect(fake.BrowserWindow.instances[0]!.options.webPreferences).toMatchObject({
      devTools: false,
    });
  });

  it('creates a hardened popover on its own session, serving our page', async () => {
    const { popover } = await launch();
    expect(popover.loadedUrl).toBe(POPOVER_URL);
    expect(popover.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      partition: 'hedgeflow-popover',
    });
    const ses = fake.session.partitions.get('hedgeflow-popover')!;
    expect(ses.protocol.handlers.has('hedgeflow')).toBe(true);
    expect(ses.permissionRequest).not.toBeNull();
    expect(ses.beforeRequest).not.toBeNull();
  });

  it('guards every webContents the process creates', async () => {
    await launch();
    const contents = new fake.WebContents();
    fake.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
  });

  it('puts the demo state in the tray with a line per default symbol', async () => {
    const { hooks, tray } = await launch();
    const model = hooks.tray()!;
    const labels = model.menu.flatMap((item) => (item.kind === 'item' ? [item.label] : []));
    for (const symbol of ['SPY', 'QQQ', 'SPX'])
      expect(labels.some((l) => l.startsWith(symbol))).toBe(true);
    expect(model.tooltip).toMatch(/^HedgeFlow: Demo data/);
    expect(tray.tooltip).toBe(model.tooltip);
    expect(hooks.tray()!.iconPath).toMatch(/build[/\\]icons[/\\]tray[/\\]/);
  });

  it('answers IPC from the popover only', async () => {
    const { popover } = await launch();
    const fromPopover = {
      sender: popover.webContents,
      senderFrame: { url: POPOVER_URL, parent: null },
    };
    const ok = (await fake.ipcMain.invoke('app:get-snapshot', fromPopover)) as Result<{
      status: AppStatusView;
    }>;
    expect(ok.ok && ok.value.status.source).toBe('demo');
    const stranger = {
      sender: new fake.WebContents(),
      senderFrame: { url: POPOVER_URL, parent: null },
    };
    expect(await fake.ipcMain.invoke('app:get-snapshot', stranger)).toMatchObject({ ok: false });
  });

  it('names an alert channel its service refused in the tray tooltip and menu', async () => {
    const { hooks, popover } = await launch();
    // Discord's answer to a webhook whose token was revoked, through Electron's net.fetch.
    vi.spyOn(fake.net, 'fetch').mockResolvedValue(
      new Response(JSON.stringify({ message: 'Invalid Webhook Token', code: 50027 }), {
        status: 401,
      }),
    );
    const added = (await fake.ipcMain.invoke('channels:add', fromPopover(popover), {
      config: { kind: 'discord', name: 'Trading room' },
      secrets: {
        kind: 'discord',
        url: 'https://discord.com/api/webhooks/112233445566778899/Xk3vP9qLm2Zt7Rw8Yb4Nc6Hd1Jf5Gs0',
      },
    })) as Result<{ config: { id: string } }>;
    expect(added.ok).toBe(true);
    const id = added.ok ? added.value.config.id : '';
    const tested = await fake.ipcMain.invoke('channels:test', fromPopover(popover), { id });
    expect(tested).toMatchObject({ ok: true, value: { ok: false } });
    const line =
      'Alert channel "Trading room" failing: Discord answered 401 Unauthorized (Invalid Webhook Token)';
    expect(hooks.tray()!.tooltip.split('\n')).toContain(line);
    expect(menuItem('Alert channel "Trading room" failing…')).toBeDefined();
    expect(hooks.tray()!.tooltip).not.toContain('Xk3vP9qLm2Zt7Rw8Yb4Nc6Hd1Jf5Gs0');
  });

  it('opens the popover on a notification click, on that symbol', async () => {
    const { hooks, popover } = await launch();
    hooks.clickNotification('QQQ');
    expect(popover.visible).toBe(true);
    expect(popover.webContents.sent).toContainEqual([
      PUSH_CHANNEL,
      'focus-symbol',
      { symbol: 'QQQ' },
    ]);
  });

  it('opens the popover when HedgeFlow is launched a second time', async () => {
    const { popover } = await launch();
    fake.app.emit('second-instance');
    expect(popover.visible).toBe(true);
  });

  it('pauses from the tray menu, re-rendering the menu and pushing the status', async () => {
    const { hooks, popover, tray } = await launch();
    const pause = fake.Menu.built.at(-1)!.items.find((i) => i.label === 'Pause updates')!;
    pause.click!();
    expect(hooks.tray()!.state).toBe('paused');
    expect(tray.contextMenu!.items.map((i) => i.label)).toContain('Resume updates');
    expect(popover.webContents.sent).toContainEqual([
      PUSH_CHANNEL,
      'status',
      expect.objectContaining({ paused: true }),
    ]);
  });

  it('tells the core when the network goes away', async () => {
    const { hooks } = await launch();
    fake.net.online = false;
    fake.powerMonitor.emit('suspend');
    fake.powerMonitor.emit('resume');
    expect(hooks.tray()!.tooltip).toMatch(/^HedgeFlow: Offline/);
  });

  it('quits from the tray menu', async () => {
    await launch();
    fake.Menu.built.at(-1)!.items.find((i: FakeMenuItem) => i.label === 'Quit HedgeFlow')!.click!();
    expect(fake.app.quitCalls).toBe(1);
  });
  it('sandboxes every renderer, before the app is ready', async () => {
    await launch();
    expect(fake.app.sandboxed).toBe(true);
  });

  it('opens the popover from the tray menu: Open, Settings… and a symbol line', async () => {
    const { popover } = await launch();
    menuItem('Open HedgeFlow').click!();
    expect(popover.visible).toBe(true);
    popover.hide();
    menuItem('Settings…').click!();
    expect(popover.visible).toBe(true);
    expect(popover.webContents.sent).toContainEqual([
      PUSH_CHANNEL,
      'open-view',
      { view: 'settings' },
    ]);
    popover.hide();
    menuItem(/^QQQ /).click!();
    expect(popover.visible).toBe(true);
    expect(popover.webContents.sent).toContainEqual([
      PUSH_CHANNEL,
      'focus-symbol',
      { symbol: 'QQQ' },
    ]);
  });

  it('toggles the popover with a click on the tray icon', async () => {
    const { popover, tray } = await launch();
    tray.emit('click');
    expect(popover.visible).toBe(true);
    tray.emit('click');
    expect(popover.visible).toBe(false);
  });

  it('opens that symbol when the user clicks a native notification', async () => {
    const { hooks, popover } = await launch();
    hooks.notify({
      id: 'SPX:squeeze:down:1:building',
      symbol: 'SPX',
      title: 'SPX: downside squeeze building',
      body: '5 bars of growing dealer selling',
      sound: true,
      direction: 'down',
    });
    const [native] = fake.Notification.instances;
    expect(native!.shown).toBe(true);
    expect(native!.options).toMatchObject({ title: 'SPX: downside squeeze building' });
    expect(popover.visible).toBe(false);
    native!.emit('click');
    expect(popover.visible).toBe(true);
    expect(popover.webContents.sent).toContainEqual([
      PUSH_CHANNEL,
      'focus-symbol',
      { symbol: 'SPX' },
    ]);
  });

  it('hands sleep and wake to the core, and rereads the network on wake', async () => {
    const { HedgeFlowApp } = await import('../../../core/app/hedgeflow-app.js');
    const suspend = vi.spyOn(HedgeFlowApp.prototype, 'suspend');
    const resume = vi.spyOn(HedgeFlowApp.prototype, 'resume');
    const setOnline = vi.spyOn(HedgeFlowApp.prototype, 'setOnline');
    const { hooks } = await launch();
    expect(setOnline).toHaveBeenLastCalledWith(true);
    fake.powerMonitor.emit('suspend');
    expect(suspend).toHaveBeenCalledTimes(1);
    expect(resume).not.toHaveBeenCalled();
    fake.net.online = false;
    fake.powerMonitor.emit('resume');
    expect(setOnline).toHaveBeenLastCalledWith(false);
    expect(resume).toHaveBeenCalledTimes(1);
    expect(hooks.tray()!.tooltip).toMatch(/^HedgeFlow: Offline/);
    // Back online at the next wake: the tray says so again.
    fake.net.online = true;
    fake.powerMonitor.emit('resume');
    expect(hooks.tray()!.tooltip).toMatch(/^HedgeFlow: Demo data/);
    // After quit nothing reaches the stopped core any more.
    fake.app.emit('before-quit');
    fake.powerMonitor.emit('suspend');
    expect(suspend).toHaveBeenCalledTimes(1);
  });

  it('attributes notifications to the AppUserModelID on Windows (execPath when unpackaged)', async () => {
    onPlatform('win32');
    await launch();
    expect(fake.app.appUserModelId).toBe(process.execPath);
  });

  it("uses the installer's AppUserModelID (the appId) in a packaged Windows app", async () => {
    onPlatform('win32');
    await launchPackaged();
    expect(fake.app.appUserModelId).toBe('com.hedgeflow.app');
  });

  it('sets no AppUserModelID elsewhere', async () => {
    onPlatform('darwin');
    await launch();
    expect(fake.app.appUserModelId).toBeNull();
  });

  it('launches at login through login items on macOS and Windows, following the setting', async () => {
    for (const platform of ['darwin', 'win32'] as const) {
      vi.resetModules();
      fake.resetFakes();
      onPlatform(platform);
      const { popover } = await launchPackaged();
      expect(fake.app.loginItem.openAtLogin, platform).toBe(false);
      const on = (await fake.ipcMain.invoke('settings:update', fromPopover(popover), {
        launchAtLogin: true,
      })) as Result<Settings>;
      expect(on.ok).toBe(true);
      await vi.waitFor(() => expect(fake.app.loginItem.openAtLogin, platform).toBe(true));
      await fake.ipcMain.invoke('settings:update', fromPopover(popover), { launchAtLogin: false });
      await vi.waitFor(() => expect(fake.app.loginItem.openAtLogin, platform).toBe(false));
      fake.app.emit('before-quit');
    }
  });

  it('launches at login through an XDG autostart entry on Linux, pointing at the AppImage', async () => {
    onPlatform('linux');
    process.env.APPIMAGE = '/home/trader/Apps/HedgeFlow-0.1.0-linux-x86_64.AppImage';
    const { popover } = await launchPackaged();
    const entry = path.join(userData, 'autostart', 'hedgeflow.desktop');
    expect(existsSync(entry)).toBe(false);
    await fake.ipcMain.invoke('settings:update', fromPopover(popover), { launchAtLogin: true });
    await vi.waitFor(() => expect(existsSync(entry)).toBe(true));
    expect(readFileSync(entry, 'utf8')).toContain(
      'Exec=/home/trader/Apps/HedgeFlow-0.1.0-linux-x86_64.AppImage\n',
    );
    expect(fake.app.loginItem.openAtLogin).toBe(false);
    await fake.ipcMain.invoke('settings:update', fromPopover(popover), { launchAtLogin: false });
    await vi.waitFor(() => expect(existsSync(entry)).toBe(false));
  });

  it('never registers an unpackaged run at login', async () => {
    onPlatform('darwin');
    const { popover } = await launch();
    await fake.ipcMain.invoke('settings:update', fromPopover(popover), { launchAtLogin: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fake.app.loginItem.openAtLogin).toBe(false);
  });
});

// The tray app's main process: take the single-instance lock, then compose the core with the
// shell's adapters. Behaviour lives in core/; this file only wires (docs/desktop.md).
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { app, ipcMain, net, powerMonitor, session, shell } from 'electron';
import { installCrashGuard } from '../core/adapters/crash-guard.js';
import { fsStorage } from '../core/adapters/fs-storage.js';
import { appHandlers } from '../core/app/app-handlers.js';
import { HedgeFlowApp } from '../core/app/hedgeflow-app.js';
import { createIpcRouter } from '../core/app/ipc-router.js';
import { messageOf, stackOf } from '../core/base/error-message.js';
import { systemClock } from '../core/clock/system-clock.js';
import { createLogger } from '../core/log/logger.js';
import { scrubMessage } from '../core/log/secret-registry.js';
import type { Logger } from '../core/ports/logger.js';
import { repositoryFromManifest } from '../core/update/github-repository.js';
import { registerAppScheme, serveRenderer } from './app-protocol.js';
import { dailySeed, demoSimulator } from './demo-simulator.js';
import { allowListedOpenExternal, hardenSession, hardenWebContents } from './hardening.js';
import { forwardPushEvents, registerIpc } from './ipc.js';
import { applyLaunchAtLogin } from './launch-at-login.js';
import { RotatingLogFile } from './log-file.js';
import { createNetTransport } from './net-transport.js';
import { ElectronNotifier } from './notifier.js';
import {
  E2E_HOOKS_PATH,
  PACKAGE_JSON,
  PRELOAD_PATH,
  RENDERER_ROOT,
  TRAY_ICON_DIR,
} from './paths.js';
import { Popover } from './popover-window.js';
import { loadKeyedSecretStore, loadSecretStore } from './secret-store.js';
import { POPOVER_URL } from './security-policy.js';
import { createSenderCheck } from './sender-trust.js';
import { watchSystemEvents } from './system-events.js';
import { trayIconFile, type TrayAction } from './tray-model.js';
import { feedTray } from './tray-feed.js';
import { TrayService } from './tray-service.js';
import { WindowStateStore } from './window-state.js';

/** electron-builder.yml's appId: Windows attributes toasts to it (the installer's shortcut). */
const APP_ID = 'com.hedgeflow.app';
/** The popover's session: in memory, hardened, the only one serving hedgeflow://. */
const POPOVER_PARTITION = 'hedgeflow-popover';
/**
 * Test hooks only with HEDGEFLOW_E2E=1 and only where their module exists: unpackaged, or in the
 * release workflow's smoke build (electron-builder.smoke.yml). No installer contains it, so an
 * installed app cannot be put into test mode (docs/desktop.md).
 */
const E2E = process.env.HEDGEFLOW_E2E === '1' && (!app.isPackaged || existsSync(E2E_HOOKS_PATH));

// Before the lock: the lock lives in userData, and tests run beside a real install.
if (E2E && process.env.HEDGEFLOW_E2E_USER_DATA) {
  app.setPath('userData', process.env.HEDGEFLOW_E2E_USER_DATA);
}
registerAppScheme();
// Every renderer sandboxed, whatever its webPreferences say (Electron's security checklist);
// must run before the app is ready.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another HedgeFlow runs; it opens its popover on 'second-instance'.
  app.quit();
} else {
  // A tray app keeps running with no window open.
  app.on('window-all-closed', () => undefined);
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      process.stderr.write(`hedgeflow: could not start: ${scrubMessage(stackOf(error))}\n`);
      app.exit(1);
    });
}

async function start(): Promise<void> {
  const platform = process.platform;
  if (platform === 'win32') app.setAppUserModelId(app.isPackaged ? APP_ID : process.execPath);
  app.dock?.hide();

  const userData = app.getPath('userData');
  const logFile = new RotatingLogFile(path.join(userData, 'logs'));
  const logger = createLogger((line) => {
    process.stderr.write(`${line}\n`);
    logFile.write(line);
  });
  // Before anything can throw: Electron's default handler would show the error in a dialog.
  installCrashGuard(logger, { exitOnException: false });
  const e2e = E2E ? await import('./e2e-hooks.js') : null;
  const e2eConfig = e2e?.e2eConfig(process.env) ?? null;
  const clock = e2eConfig?.clock ?? systemClock;
  // The update notice follows package.json's repository (none named: no check, no link).
  const repository =
    e2eConfig?.updates.repository ?? repositoryFromManifest(await readManifest(logger));
  const openExternal = allowListedOpenExternal((url) => shell.openExternal(url), repository);

  app.on('web-contents-created', (_event, contents) =>
    hardenWebContents(contents, { openExternal, logger }),
  );
  const popoverSession = session.fromPartition(POPOVER_PARTITION);
  hardenSession(popoverSession, { dir: app.getPath('downloads'), logger });
  serveRenderer(popoverSession, RENDERER_ROOT);

  // The popover needs the app (IPC) and the app's notifier needs the popover: late-bound.
  let popover: Popover | null = null;
  let hedgeflow: HedgeFlowApp | null = null;
  const openPopover = (symbol?: string): void => {
    popover?.show();
    if (symbol !== undefined) hedgeflow?.focusSymbol(symbol);
  };

  const electronNotifier = new ElectronNotifier({
    platform,
    linuxIcon: (direction) =>
      path.join(
        TRAY_ICON_DIR,
        trayIconFile(direction === 'up' ? 'up-squeeze' : 'down-squeeze', 'linux'),
      ),
    onClick: (symbol) => openPopover(symbol),
    logger,
  });
  const recorder = e2e?.recordingNotifier(electronNotifier) ?? null;
  const storage = fsStorage(userData);

  hedgeflow = await HedgeFlowApp.create({
    clock,
    http: createNetTransport((url, init) => net.fetch(url, init)),
    secrets: e2eConfig?.secrets ?? (await loadSecretStore()),
    channelSecrets: e2eConfig?.channelSecrets ?? (await loadKeyedSecretStore()),
    notifier: recorder ?? electronNotifier,
    storage,
    logger,
    createSimulator: () => demoSimulator(e2eConfig?.seed ?? dailySeed(clock.now())),
    openExternal,
    updates: {
      currentVersion: app.getVersion(),
      repository,
      ...(e2eConfig?.updates.apiBase ? { apiBase: e2eConfig.updates.apiBase } : {}),
    },
    onSettings: (settings) =>
      void applyLaunchAtLogin(settings.launchAtLogin, {
        platform,
        isPackaged: app.isPackaged,
        execPath: process.execPath,
        env: process.env,
        home: os.homedir(),
        getLoginItem: () => app.getLoginItemSettings().openAtLogin,
        setLoginItem: (openAtLogin) => app.setLoginItemSettings({ openAtLogin }),
        logger,
      }),
  });

  const onTrayAction = (action: TrayAction): void => {
    switch (action.type) {
      case 'open-symbol':
        openPopover(action.symbol);
        return;
      case 'toggle-pause':
        hedgeflow.setPaused(!hedgeflow.status().paused);
        return;
      case 'open':
        openPopover();
        return;
      case 'settings':
        openPopover();
        hedgeflow.openView('settings');
        return;
      case 'open-release':
        openExternal(action.url).catch((error: unknown) =>
          logger.warn('could not open the release page', { error: messageOf(error) }),
        );
        return;
      case 'quit':
        app.quit();
        return;
    }
  };
  const tray = new TrayService({
    iconDir: TRAY_ICON_DIR,
    platform,
    onClick: () => popover?.toggle(),
    onAction: onTrayAction,
  });

  const windowState = new WindowStateStore(storage);
  popover = new Popover({
    url: POPOVER_URL,
    preload: PRELOAD_PATH,
    partition: POPOVER_PARTITION,
    size: await windowState.load(),
    platform,
    devTools: !app.isPackaged,
    trayBounds: () => tray.bounds,
    onResized: (size) =>
      void windowState
        .save(size)
        .catch((error: unknown) =>
          logger.warn('could not remember the popover size', { error: messageOf(error) }),
        ),
    ...(platform === 'darwin' ? { focusApp: () => app.focus({ steal: true }) } : {}),
  });
  const popoverWindow = popover;

  const router = createIpcRouter(appHandlers(hedgeflow), {
    isTrustedSender: createSenderCheck((id) => id === popoverWindow.webContentsId),
    logger,
    now: () => clock.now(),
  });
  registerIpc(ipcMain, router);
  forwardPushEvents(hedgeflow, () => popoverWindow.webContents);

  // The tray keeps the rows it is pushed (tray-feed.ts): a push never rebuilds every view.
  const trayFeed = feedTray(hedgeflow, (input) => tray.render(input));
  const stopSystemEvents = watchSystemEvents(hedgeflow, {
    power: powerMonitor,
    isOnline: () => net.isOnline(),
  });

  app.on('second-instance', () => openPopover());
  app.on('before-quit', () => {
    popoverWindow.allowClose();
    stopSystemEvents();
    tray.destroy();
    void hedgeflow.stop(); // fire-and-forget: stopping only cancels the poll loop's timers
  });

  if (e2e !== null && recorder !== null) {
    e2e.installE2eHooks({
      tray: () => {
        const model = tray.model;
        return model === null ? null : { ...model, iconPath: tray.iconPath(model.state) };
      },
      notifications: () => recorder.sent,
      notify: (request) => recorder.notify(request),
      showPopover: () => openPopover(),
      popoverVisible: () => popoverWindow.isVisible(),
      clickNotification: (symbol) => openPopover(symbol),
    });
  }

  hedgeflow.start();
  trayFeed.render();
  logger.info('HedgeFlow started', { version: app.getVersion(), source: hedgeflow.sourceKind });
}

/** package.json as shipped (inside app.asar when packaged); null when it cannot be read. */
async function readManifest(logger: Logger): Promise<unknown> {
  try {
    return JSON.parse(await readFile(PACKAGE_JSON, 'utf8')) as unknown;
  } catch (error) {
    logger.warn('could not read package.json', { error: messageOf(error) });
    return null;
  }
}

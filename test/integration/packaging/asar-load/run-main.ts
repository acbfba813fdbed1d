// The child process of the archive-load test: loads the main-process entry from the extracted
// app.asar as an installed app would run it (packaged: no test hooks), under the fake `electron`
// module, and reports what started, as one JSON line on stdout. Loaded after register.ts, so
// every module it pulls in must come from inside the archive.
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import type * as FakeElectron from '../../../unit/electron/fake-electron.js';

export interface MainReport {
  readonly started: boolean;
  readonly error?: string;
  /** Whether the e2e hooks were installed (HEDGEFLOW_E2E=1 where their module exists). */
  readonly hooks?: boolean;
  readonly source?: string;
  readonly keychain?: { readonly available: boolean; readonly message: string | null };
  readonly channels?: readonly string[];
  readonly trayTooltip?: string;
  readonly trayIcon?: { readonly path: string; readonly exists: boolean };
  readonly preload?: { readonly path: string; readonly exists: boolean };
  readonly page?: { readonly status: number; readonly csp: string | null; readonly html: boolean };
}

const [fakeElectronPath, mainPath, userData] = process.argv.slice(2);

async function until(what: string, ok: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function run(): Promise<MainReport> {
  const fake = (await import(pathToFileURL(fakeElectronPath!).href)) as typeof FakeElectron;
  fake.app.isPackaged = true;
  fake.app.setPath('userData', userData!);
  fake.app.setPath('downloads', userData!);
  await import(pathToFileURL(mainPath!).href);
  await until('the tray and the IPC handlers', () => {
    if (fake.app.exitCode !== null) throw new Error(`the app exited with ${fake.app.exitCode}`);
    return fake.Tray.instances.length === 1 && fake.ipcMain.handlers.size > 0;
  });
  const popover = fake.BrowserWindow.instances[0]!;
  const frame = {
    sender: popover.webContents,
    senderFrame: { url: popover.loadedUrl, parent: null },
  };
  const snapshot = (await fake.ipcMain.invoke('app:get-snapshot', frame)) as {
    ok: boolean;
    value?: {
      status: { source: string; keychain: { available: boolean; message: string | null } };
    };
    error?: { message: string };
  };
  if (!snapshot.ok) throw new Error(`app:get-snapshot failed: ${snapshot.error?.message}`);
  const serve = fake.session.partitions
    .get('hedgeflow-popover')
    ?.protocol.handlers.get('hedgeflow');
  const page = serve ? await serve({ url: popover.loadedUrl ?? '' }) : null;
  const tray = fake.Tray.instances[0]!;
  const preload = String(popover.options.webPreferences?.preload ?? '');
  const report: MainReport = {
    started: true,
    hooks: typeof (globalThis as { __hedgeflowE2E?: unknown }).__hedgeflowE2E === 'object',
    source: snapshot.value!.status.source,
    keychain: snapshot.value!.status.keychain,
    channels: [...fake.ipcMain.handlers.keys()].sort(),
    trayTooltip: tray.tooltip,
    trayIcon: { path: tray.image.path, exists: existsSync(tray.image.path) },
    preload: { path: preload, exists: existsSync(preload) },
    page: page
      ? {
          status: page.status,
          csp: page.headers.get('content-security-policy'),
          html: (await page.text()).includes('<div id="app"'),
        }
      : { status: 0, csp: null, html: false },
  };
  fake.app.emit('before-quit');
  return report;
}

run().then(
  (report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    // The demo's poll loop and the log file keep timers; an app that quit is done here.
    process.exit(0);
  },
  (error: unknown) => {
    const report: MainReport = {
      started: false,
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(1);
  },
);

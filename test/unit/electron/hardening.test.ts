// Window guards, the popover session, the allow-listed openExternal and the app protocol.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../core/log/logger.js';
import {
  appAssetResponse,
  registerAppScheme,
  serveRenderer,
} from '../../../electron/app-protocol.js';
import {
  allowListedOpenExternal,
  hardenSession,
  hardenWebContents,
  secureWebPreferences,
  withContentSecurityPolicy,
} from '../../../electron/hardening.js';
import { CONTENT_SECURITY_POLICY, POPOVER_URL } from '../../../electron/security-policy.js';
import { fakeEvent, protocol, resetFakes, Session, WebContents } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

beforeEach(() => resetFakes());

function guarded() {
  const contents = new WebContents();
  const opened: string[] = [];
  const warn = vi.fn();
  hardenWebContents(contents as unknown as Electron.WebContents, {
    openExternal: async (url) => {
      opened.push(url);
    },
    logger: { ...silentLogger, warn },
  });
  return { contents, opened, warn };
}

describe('every window', () => {
  it('is created sandboxed, isolated, without Node and with web security', () => {
    expect(
      secureWebPreferences({ preload: '/p.cjs', partition: 'x', devTools: false }),
    ).toMatchObject({
      preload: '/p.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
  });

  it('denies window.open, sending only vendor links to the browser', () => {
    const { contents, opened, warn } = guarded();
    expect(contents.windowOpenHandler!({ url: 'https://evil.example/' })).toEqual({
      action: 'deny',
    });
    expect(contents.windowOpenHandler!({ url: 'https://flashalpha.com/pricing' })).toEqual({
      action: 'deny',
    });
    expect(opened).toEqual(['https://flashalpha.com/pricing']);
    expect(warn).toHaveBeenCalledWith('blocked window.open', { url: 'https://evil.example/' });
  });

  it('prevents navigation to https://evil.example and any page but ours', () => {
    const { contents, opened } = guarded();
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://flashalpha.com/']) {
      const event = fakeEvent({ url, isMainFrame: true });
      contents.emit('will-frame-navigate', event);
      expect(event.defaultPrevented, url).toBe(true);
    }
    const own = fakeEvent({ url: POPOVER_URL, isMainFrame: true });
    contents.emit('will-frame-navigate', own);
    expect(own.defaultPrevented).toBe(false);
    expect(opened).toEqual([]);
  });

  it('turns a click on a vendor link into the default browser, not a navigation', () => {
    const { contents, opened } = guarded();
    const event = fakeEvent({ url: 'https://lab.flashalpha.com/docs', isMainFrame: true });
    contents.emit('will-frame-navigate', event);
    expect(event.defaultPrevented).toBe(true);
    expect(opened).toEqual(['https://lab.flashalpha.com/docs']);
  });

  it('prevents redirects away from our page and refuses <webview>', () => {
    const { contents } = guarded();
    const redirect = fakeEvent({ url: 'https://evil.example/' });
    contents.emit('will-redirect', redirect);
    expect(redirect.defaultPrevented).toBe(true);
    const webview = fakeEvent({});
    contents.emit('will-attach-webview', webview);
    expect(webview.defaultPrevented).toBe(true);
  });
});

describe("the popover's session", () => {
  it('grants no permission', () => {
    const ses = new Session();
    hardenSession(ses as unknown as Electron.Session);
    const answers: boolean[] = [];
    for (const permission of ['notifications', 'media', 'geolocation', 'clipboard-read']) {
      ses.permissionRequest!({}, permission, (granted) => answers.push(granted));
    }
    expect(answers).toEqual([false, false, false, false]);
    expect(ses.permissionCheck!({}, 'notifications')).toBe(false);
  });

  it('saves only the CSV the page built, into Downloads, never over a file; refuses any other download', () => {
    const ses = new Session();
    const warn = vi.fn();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'hf-dl-'));
    writeFileSync(path.join(dir, 'hedgeflow-alerts-all-2026-06-05.csv'), 'older');
    hardenSession(ses as unknown as Electron.Session, { dir, logger: { ...silentLogger, warn } });
    const item = (url: string, name: string) => ({
      saved: null as string | null,
      getURL: () => url,
      getFilename: () => name,
      setSavePath(p: string) {
        this.saved = p;
      },
    });

    const csv = item('blob:hedgeflow://app/5d1c-77', 'hedgeflow-alerts-all-2026-06-05.csv');
    const ok = fakeEvent({});
    ses.emit('will-download', ok, csv);
    expect(ok.defaultPrevented).toBe(false);
    expect(csv.saved).toBe(path.join(dir, 'hedgeflow-alerts-all-2026-06-05 (1).csv'));

    for (const [url, name] of [
      ['https://evil.example/x.csv', 'x.csv'],
      ['blob:https://evil.example/1', 'x.csv'],
      ['blob:hedgeflow://app/1', 'run-me.exe'],
    ] as const) {
      const event = fakeEvent({});
      const other = item(url, name);
      ses.emit('will-download', event, other);
      expect(event.defaultPrevented).toBe(true);
      expect(other.saved).toBeNull();
    }
    expect(warn).toHaveBeenCalledTimes(3);
  });

  it('loads nothing from the network', () => {
    const ses = new Session();
    hardenSession(ses as unknown as Electron.Session);
    expect(ses.beforeRequest!.filter.urls).toEqual([
      'http://*/*',
      'https://*/*',
      'ws://*/*',
      'wss://*/*',
    ]);
    const decision = vi.fn();
    ses.beforeRequest!.handler({ url: 'https://cdn.example/x.js' }, decision);
    expect(decision).toHaveBeenCalledWith({ cancel: true });
  });

  it('adds the CSP header to responses that lack one', () => {
    const ses = new Session();
    hardenSession(ses as unknown as Electron.Session);
    const done = vi.fn();
    ses.headersReceived!({ responseHeaders: { 'Content-Type': ['text/html'] } }, done);
    expect(done).toHaveBeenCalledWith({
      responseHeaders: {
        'Content-Type': ['text/html'],
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
    expect(
      withContentSecurityPolicy({ 'content-security-policy': ["default-src 'self'"] }),
    ).toEqual({
      'content-security-policy': ["default-src 'self'"],
    });
  });

  it('has a strict policy: only our own scripts and styles, no network, no framing', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("connect-src 'none'");
    expect(CONTENT_SECURITY_POLICY).toContain("frame-ancestors 'none'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe');
  });
});

describe('shell.openExternal', () => {
  it('opens https links to the vendor only', async () => {
    const open = vi.fn(async () => undefined);
    const safeOpen = allowListedOpenExternal(open);
    await safeOpen('https://flashalpha.com/pricing');
    await expect(safeOpen('http://flashalpha.com/pricing')).rejects.toThrow(
      /only opens https links/,
    );
    await expect(safeOpen('https://evil.example/')).rejects.toThrow(/flashalpha\.com/);
    await expect(safeOpen('file:///etc/passwd')).rejects.toThrow();
    expect(open).toHaveBeenCalledTimes(1);
  });

  it("opens the followed repository's release pages too, and no other GitHub page", async () => {
    const open = vi.fn(async () => undefined);
    const safeOpen = allowListedOpenExternal(open, { owner: 'hedgeflow-app', name: 'hedgeflow' });
    await safeOpen('https://github.com/hedgeflow-app/hedgeflow/releases/tag/v0.2.0');
    await safeOpen('https://flashalpha.com/pricing');
    await expect(safeOpen('https://github.com/hedgeflow-app/hedgeflow')).rejects.toThrow(
      /release pages/,
    );
    expect(open).toHaveBeenCalledTimes(2);
  });
});

describe('hedgeflow://app', () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'hedgeflow-renderer-'));
  mkdirSync(path.join(root, 'assets'));
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>HedgeFlow</title>');
  writeFileSync(path.join(root, 'assets', 'index.js'), 'console.log(1)');
  writeFileSync(path.join(path.dirname(root), 'outside-secret.txt'), 'secret');
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(path.join(path.dirname(root), 'outside-secret.txt'), { force: true });
  });

  it('is registered as a standard, secure scheme', () => {
    registerAppScheme();
    expect(protocol.privileged).toEqual([
      { scheme: 'hedgeflow', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    ]);
  });

  it('serves the renderer with the CSP header and the right type', async () => {
    const ses = new Session();
    serveRenderer(ses as unknown as Electron.Session, root);
    const response = await ses.protocol.handlers.get('hedgeflow')!({ url: POPOVER_URL });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toContain('<title>HedgeFlow</title>');
    const script = await appAssetResponse('hedgeflow://app/assets/index.js', root);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('answers 404 outside the renderer folder and for missing files', async () => {
    const name = path.basename(root);
    for (const url of [
      `hedgeflow://app/assets%2f..%2f..%2f${name}%2f..%2foutside-secret.txt`,
      'hedgeflow://app/%2e%2e/outside-secret.txt',
      'hedgeflow://app/missing.js',
      'hedgeflow://other/index.html',
    ]) {
      expect((await appAssetResponse(url, root)).status, url).toBe(404);
    }
  });
});

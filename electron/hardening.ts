// Every window's hardening in one place (Electron's security checklist,
// https://www.electronjs.org/docs/latest/tutorial/security): locked-down webPreferences for the
// windows we create, a guard on every webContents the process ever sees, and a session that
// grants no permission and fetches nothing from the network.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Session, WebContents, WebPreferences } from 'electron';
import { messageOf } from '../core/base/error-message.js';
import type { Logger } from '../core/ports/logger.js';
import type { GitHubRepository } from '../core/update/github-repository.js';
import {
  CONTENT_SECURITY_POLICY,
  downloadTarget,
  isAllowedExternalUrl,
  navigationVerdict,
} from './security-policy.js';

/** `remote` no longer exists in Electron (removed in 14), so there is nothing to switch off. */
export function secureWebPreferences(options: {
  preload: string;
  partition: string;
  devTools: boolean;
}): WebPreferences {
  return {
    preload: options.preload,
    partition: options.partition,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    devTools: options.devTools,
  };
}

export interface HardeningDeps {
  /** Opens an allow-listed link in the default browser. */
  readonly openExternal: (url: string) => Promise<void>;
  readonly logger: Logger;
}

/**
 * Applied to every webContents (app.on('web-contents-created')): no new windows (a vendor link
 * opens in the browser instead), no navigation or redirect away from our page, no <webview>.
 */
export function hardenWebContents(contents: WebContents, deps: HardeningDeps): void {
  const refuse = (url: string, what: string): void => {
    if (navigationVerdict(url) === 'open-external') {
      deps.openExternal(url).catch((error: unknown) => {
        deps.logger.warn('could not open a link', {
          error: messageOf(error),
        });
      });
      return;
    }
    deps.logger.warn(`blocked ${what}`, { url: safeForLog(url) });
  };
  contents.setWindowOpenHandler(({ url }) => {
    refuse(url, 'window.open');
    return { action: 'deny' };
  });
  contents.on('will-frame-navigate', (details) => {
    if (navigationVerdict(details.url) === 'allow') return;
    details.preventDefault();
    refuse(details.url, 'a navigation');
  });
  contents.on('will-redirect', (details) => {
    if (navigationVerdict(details.url) === 'allow') return;
    details.preventDefault();
    deps.logger.warn('blocked a redirect', { url: safeForLog(details.url) });
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Origin and path only: a blocked URL's query could carry anything. */
function safeForLog(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(unparseable)';
  }
}

/** Adds our CSP to a response's headers unless one is already there. */
export function withContentSecurityPolicy(
  headers: Record<string, string[]> | undefined,
): Record<string, string[]> {
  const out = { ...headers };
  const present = Object.keys(out).some((k) => k.toLowerCase() === 'content-security-policy');
  if (!present) out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}

const REMOTE = ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*'];

/**
 * The popover's own session (a non-persistent partition; main's net.fetch uses the default
 * session, so the API is unaffected): every permission refused, nothing loaded from the
 * network, the CSP header on every response.
 */
export function hardenSession(
  ses: Session,
  downloads?: { readonly dir: string; readonly logger: Logger },
): void {
  ses.on('will-download', (event, item) => {
    const target = downloads
      ? downloadTarget(item.getURL(), item.getFilename(), downloads.dir, existsSync, path.join)
      : null;
    if (target === null) {
      event.preventDefault();
      downloads?.logger.warn('blocked a download', { url: safeForLog(item.getURL()) });
      return;
    }
    item.setSavePath(target);
  });
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onBeforeRequest({ urls: REMOTE }, (_details, callback) =>
    callback({ cancel: true }),
  );
  ses.webRequest.onHeadersReceived((details, callback) =>
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) }),
  );
}

/**
 * shell.openExternal behind the allow-list: https links to the vendor's site, and the release
 * pages of the repository the update notice follows (`releasesOf`, from package.json).
 */
export function allowListedOpenExternal(
  open: (url: string) => Promise<void>,
  releasesOf: GitHubRepository | null = null,
): (url: string) => Promise<void> {
  return async (url) => {
    if (!isAllowedExternalUrl(url, releasesOf)) {
      throw new Error(
        releasesOf === null
          ? 'HedgeFlow only opens https links to flashalpha.com.'
          : 'HedgeFlow only opens https links to flashalpha.com and its own release pages.',
      );
    }
    await open(url);
  };
}

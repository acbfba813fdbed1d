// What the popover may load, where it may navigate, and which links may leave the app. Pure
// decisions: hardening.ts and app-protocol.ts apply them to Electron.
import path from 'node:path';
import { isReleasePageUrl, type GitHubRepository } from '../core/update/github-repository.js';

/**
 * The popover is served from its own privileged scheme rather than file://: the page gets a real
 * origin ('self' in the CSP means only our files), the protocol handler can serve nothing but
 * dist/renderer, and the sender check can recognise our page by URL (docs/desktop.md).
 */
export const APP_SCHEME = 'hedgeflow';
const APP_HOST = 'app';
const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const POPOVER_URL = `${APP_ORIGIN}/index.html`;

/**
 * Sent as a header with every page the protocol serves; the renderer's index.html carries the
 * same policy in a meta tag (frame-ancestors only works as a header). Keep the two in step.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'none'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** The vendor's site: the only place a link from the app may open (in the default browser). */
const VENDOR_DOMAIN = 'flashalpha.com';

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Our popover page (query and fragment aside), and nothing else the scheme could name. */
export function isOwnPageUrl(url: string): boolean {
  const u = parse(url);
  return (
    u !== null &&
    u.protocol === `${APP_SCHEME}:` &&
    u.host === APP_HOST &&
    (u.pathname === '/index.html' || u.pathname === '/')
  );
}

/**
 * https only, on the vendor's domain or a subdomain, default port, no credentials; or, when the
 * app follows a GitHub repository's releases, a release page of that repository (the update
 * notice's link) and nothing else on GitHub.
 */
export function isAllowedExternalUrl(
  url: string,
  releasesOf: GitHubRepository | null = null,
): boolean {
  if (releasesOf !== null && isReleasePageUrl(url, releasesOf)) return true;
  const u = parse(url);
  if (u === null || u.protocol !== 'https:') return false;
  if (u.username !== '' || u.password !== '' || u.port !== '') return false;
  const host = u.hostname.toLowerCase();
  return host === VENDOR_DOMAIN || host.endsWith(`.${VENDOR_DOMAIN}`);
}

export type NavigationVerdict = 'allow' | 'open-external' | 'deny';

/**
 * A window may only (re)load our own page. A link to the vendor's site opens in the default
 * browser instead; everything else is refused.
 */
export function navigationVerdict(url: string): NavigationVerdict {
  if (isOwnPageUrl(url)) return 'allow';
  if (isAllowedExternalUrl(url)) return 'open-external';
  return 'deny';
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

export interface AppAsset {
  readonly file: string;
  readonly contentType: string;
}

/**
 * The file under `root` that a `hedgeflow://app/...` request names, or null when the request is
 * for another host or would leave `root` (`..`, encoded or not, absolute paths, NUL bytes).
 */
export function resolveAppAsset(requestUrl: string, root: string): AppAsset | null {
  const u = parse(requestUrl);
  if (u === null || u.protocol !== `${APP_SCHEME}:` || u.host !== APP_HOST) return null;
  let rel: string;
  try {
    rel = decodeURIComponent(u.pathname);
  } catch {
    return null;
  }
  if (rel.includes('\0') || rel.includes('\\')) return null;
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel}`);
  if (!file.startsWith(base + path.sep)) return null;
  const contentType = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
  return { file, contentType };
}

/**
 * Where a download from the popover goes, or null to refuse it. Only files the page built itself
 * (blob: URLs of our own origin: the alerts CSV) are saved, straight into the Downloads folder
 * without a dialog (a dialog would blur and hide the popover), never over an existing file.
 */
export function downloadTarget(
  url: string,
  suggestedName: string,
  downloadsDir: string,
  exists: (path: string) => boolean,
  join: (dir: string, name: string) => string,
): string | null {
  if (!url.startsWith(`blob:${APP_ORIGIN}/`)) return null;
  const base = [...suggestedName]
    .map((c) => (c.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(c) ? '_' : c))
    .join('')
    .replace(/^\.+/, '');
  if (!/\.csv$/i.test(base)) return null;
  const stem = base.slice(0, -4) || 'hedgeflow';
  for (let n = 0; n < 1000; n++) {
    const path = join(downloadsDir, `${stem}${n === 0 ? '' : ` (${n})`}.csv`);
    if (!exists(path)) return path;
  }
  return null;
}

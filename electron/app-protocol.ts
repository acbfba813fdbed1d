// hedgeflow://app/ serves dist/renderer and nothing else, with the CSP as a header.
import { readFile } from 'node:fs/promises';
import { protocol, type Session } from 'electron';
import { APP_SCHEME, CONTENT_SECURITY_POLICY, resolveAppAsset } from './security-policy.js';

/**
 * Must run before the app is ready. `standard` gives the page a real origin (relative URLs,
 * 'self' in the CSP); `secure` makes it a secure context like https.
 */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
}

export async function appAssetResponse(url: string, root: string): Promise<Response> {
  const asset = resolveAppAsset(url, root);
  if (asset === null) return new Response('Not found', { status: 404 });
  let body: Buffer;
  try {
    body = await readFile(asset.file);
  } catch {
    return new Response('Not found', { status: 404 });
  }
  return new Response(new Uint8Array(body), {
    status: 200,
    headers: {
      'Content-Type': asset.contentType,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-store',
    },
  });
}

/** Serves the renderer in `ses` only: no other session can load our page. */
export function serveRenderer(ses: Session, root: string): void {
  ses.protocol.handle(APP_SCHEME, (request) => appAssetResponse(request.url, root));
}

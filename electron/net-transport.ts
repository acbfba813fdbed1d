// The HttpTransport port over Electron's `net.fetch` (Chromium's network stack: the system proxy
// settings, PAC files and the OS certificate store apply, which Node's own fetch ignores). The
// transport itself is core's; only the fetch differs.
import { createFetchTransport, type FetchLike } from '../core/adapters/fetch-transport.js';
import type { HttpTransport } from '../core/ports/http.js';

export type { FetchLike };

export function createNetTransport(fetchImpl: FetchLike): HttpTransport {
  return createFetchTransport(fetchImpl);
}

// Builds the two sources. Both are the FlashAlpha client; only the transport differs.
import { FlashAlphaClient } from '../api/client.js';
import type { HttpTransport } from '../ports/http.js';
import type { Logger } from '../ports/logger.js';
import type { FlowSource } from './flow-source.js';
import { simTransport, type InProcessSimulator } from './sim-transport.js';

/** The key the in-process simulator knows (on an unlimited plan). */
export const DEMO_KEY = 'demo-key-unlimited';
const DEMO_BASE_URL = 'https://demo.hedgeflow.invalid';

export function flashAlphaSource(options: {
  baseUrl: string;
  apiKey: () => string | null;
  transport: HttpTransport;
  now: () => number;
  /** Sees one debug line per request (`watch --verbose`). */
  logger?: Logger;
}): FlowSource {
  const client = new FlashAlphaClient(options);
  return bind('flashalpha', client);
}

export function demoSource(
  simulator: InProcessSimulator,
  now: () => number,
  logger?: Logger,
): FlowSource {
  const client = new FlashAlphaClient({
    baseUrl: DEMO_BASE_URL,
    apiKey: () => DEMO_KEY,
    transport: simTransport(simulator, now),
    now,
    ...(logger ? { logger } : {}),
  });
  return bind('demo', client);
}

function bind(kind: FlowSource['kind'], client: FlashAlphaClient): FlowSource {
  return {
    kind,
    hedgeFlow: (symbol, query, signal) => client.hedgeFlow(symbol, query, signal),
    series: (symbol, query, signal) => client.series(symbol, query, signal),
    account: (signal) => client.account(signal),
  };
}

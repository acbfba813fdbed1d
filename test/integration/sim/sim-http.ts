// Loopback helpers for the simulator's integration tests: a server on 127.0.0.1 port 0 with a
// manual clock, and a GET that returns status, headers and the parsed body.
import {
  startSimServer,
  type SimServer,
  type SimServerOptions,
} from '../../../sim/server/http-server.js';

export interface Reply {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  /** The body parsed as JSON (undefined when it is not JSON). */
  readonly json: unknown;
}

/** A server whose clock stands still at `iso` until the test moves it. */
export function manualServer(iso: string, options: SimServerOptions = {}): Promise<SimServer> {
  return startSimServer({ clock: { start: Date.parse(iso), speed: 0 }, ...options });
}

export async function get(
  server: SimServer,
  path: string,
  key: string | null = 'growth-key',
): Promise<Reply> {
  const res = await fetch(`${server.url}${path}`, {
    headers: key === null ? {} : { 'X-Api-Key': key },
  });
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

interface WireBar {
  t: string;
  bar: number;
  cumulative: number;
}

export interface WireHedgeFlow {
  symbol: string;
  expiration: string;
  as_of: string;
  side: string;
  bar_size: string;
  bars: WireBar[];
}

export const FLOW = '/v1/flow/zero-dte/hedge-flow';
export const SERIES = '/v1/flow/zero-dte/series';

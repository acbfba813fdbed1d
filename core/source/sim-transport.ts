// The simulator's router called in-process, behind the same HttpTransport port the real API
// uses: demo mode exercises exactly the client code (auth header, rate-limit headers, schema
// validation, error mapping) that talks to FlashAlpha.
import { TransportError, type HttpTransport } from '../ports/http.js';

/** The part of sim/engine's Simulator this transport needs. */
export interface InProcessSimulator {
  handle(
    request: { method: string; url: string; headers: Readonly<Record<string, string | undefined>> },
    nowMs: number,
  ): { status: number; headers: Readonly<Record<string, string>>; body: string };
}

export function simTransport(sim: InProcessSimulator, now: () => number): HttpTransport {
  return async (request) => {
    if (request.signal?.aborted) throw new TransportError('aborted', 'request was cancelled');
    const url = new URL(request.url);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(request.headers)) headers[k.toLowerCase()] = v;
    const res = sim.handle({ method: 'GET', url: `${url.pathname}${url.search}`, headers }, now());
    const lower = new Map(Object.entries(res.headers).map(([k, v]) => [k.toLowerCase(), v]));
    return {
      status: res.status,
      header: (name) => lower.get(name.toLowerCase()) ?? null,
      text: async () => res.body,
    };
  };
}

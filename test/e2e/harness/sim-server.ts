// The simulator's HTTP server (sim/server) as the harness uses it: on 127.0.0.1, port 0, with
// the plans' test keys (free-key, basic-key, growth-key, alpha-key) and a clock that reads the
// harness's ManualClock, so the server and the app agree on "now" and the test alone moves it.
import type { SimClock } from '../../../sim/server/clock.js';

export interface FlashAlphaServer {
  /** Base URL, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  close(): Promise<void>;
}

/** The server's view of the harness clock: read-only, since only the test moves time. */
function followClock(now: () => number): SimClock {
  const refuse = (): never => {
    throw new Error('the e2e harness owns the clock: move it with harness.advance/jump');
  };
  return { now, set: refuse, advance: refuse, speed: 0, setSpeed: refuse };
}

export async function startFlashAlphaServer(options: {
  readonly seed: number;
  readonly now: () => number;
}): Promise<FlashAlphaServer> {
  // Loaded on demand: demo-mode tests never start an HTTP simulator.
  const { startSimServer } = await import('../../../sim/server/http-server.js');
  const server = await startSimServer({
    host: '127.0.0.1',
    port: 0,
    seed: options.seed,
    clock: followClock(options.now),
  });
  return { url: server.url.replace(/\/$/, ''), close: () => server.close() };
}

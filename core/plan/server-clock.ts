// The server's clock as seen from ours, learned from every answer. Bars close on the server's
// clock (`as_of`), and a request is served some time after it is sent (latency, queues, a
// scaled test clock), so two figures matter and both come from `d = as_of - sent`, our send
// time against the server's time when it served the request:
//
// - where to lay the poll grid: the smallest recent `d` is the server's lead over us plus the
//   quickest delivery; polling that much earlier (or later, when the server trails) than our
//   own bar closes reaches the server just after its close (`lagMs`);
// - how far back a request's window must reach: a request sent now is served at about
//   now + the largest recent `d` (`serveAt`), so its window is sized from there. That is an
//   estimate, not a promise: every answer is checked afterwards (response-check.ts).
//
// A few recent answers, not a decaying average: the clocks and the latency may jump (sleep, a
// clock correction, a slow proxy) and the estimate must follow them within a few answers.

/** A difference this small is the truncation of `as_of` to whole seconds plus latency. */
const CLOCK_TOLERANCE_MS = 2_000;
/**
 * A server short of the close a poll was for is asked again when it should have caught up, but
 * never later than this: its clock may be further behind than the last answers showed.
 */
export const MAX_LAG_MS = 20_000;
/**
 * Beyond this the difference is not a clock but a broken answer; the grid follows anything
 * smaller (a clock corrected by an hour, a server an hour behind), because bars close on the
 * server's clock whatever ours says.
 */
const MAX_SKEW_MS = 12 * 3_600_000;
/** Answers the estimate is taken over. */
const RECENT = 5;
/** `as_of` is whole seconds: it reads up to this much before the instant it was served at. */
const AS_OF_TRUNCATION_MS = 1_000;

/**
 * How much later than our clock's bar closes to poll, given `lead` = the server's as_of minus
 * our clock: positive when the server trails us, negative when it runs ahead (a slow local
 * clock: its bars close earlier on our clock, and polling on our own grid would find nothing
 * new every other time). Aims a second later than measured, for the truncation of `as_of`.
 */
export function lagFor(lead: number): number {
  if (Math.abs(lead) <= CLOCK_TOLERANCE_MS) return 0;
  return Math.min(MAX_SKEW_MS, Math.max(-MAX_SKEW_MS, -lead + AS_OF_TRUNCATION_MS));
}

export class ServerClock {
  /** The last few `as_of - sent` (ms), oldest first. */
  #recent: number[] = [];

  /** A response served at `asOf` (server time) to a request sent at `sentAt` (our clock). */
  observe(sentAt: number, asOf: number): void {
    this.#recent.push(asOf - sentAt);
    if (this.#recent.length > RECENT) this.#recent.shift();
  }

  /** Whether any answer has been seen. */
  get known(): boolean {
    return this.#recent.length > 0;
  }

  /** The grid's shift on our clock (see lagFor); 0 until an answer is seen. */
  get lagMs(): number {
    return this.known ? lagFor(Math.min(...this.#recent)) : 0;
  }

  /** The server's time now, as the quickest recent answers put it. */
  serverNow(now: number): number {
    return now - this.lagMs;
  }

  /**
   * The server time a request sent at `now` is likely served at: the slowest recent answer's
   * delay (a second more for the truncation of `as_of`), never earlier than `serverNow`.
   */
  serveAt(now: number): number {
    if (!this.known) return now;
    const slowest = Math.max(...this.#recent) + AS_OF_TRUNCATION_MS;
    return Math.max(this.serverNow(now), now + slowest);
  }
}

// How often to poll so that the rest of today's quota lasts the rest of the session. Polls sit
// on a grid of bar closes anchored at the open: every bar close when the budget allows, else
// every k-th, with the session's close always on the grid (its final poll completes the day).
import type { Count } from './quota.js';

export interface CadenceInput {
  readonly now: number;
  readonly open: number;
  readonly close: number;
  readonly barMs: number;
  /** Requests one poll of every active symbol costs. */
  readonly perPoll: number;
  readonly remaining: Count;
  /** Requests kept back for backfills (sleep/resume, gaps, retries). */
  readonly reserve: number;
}

/** Requests kept back: two full backfills of every symbol plus a few for the account and retries. */
export function reserveFor(perPoll: number): number {
  return 2 * perPoll + 3;
}

/** Grid boundaries (open + j*step, and the close) in (from, close]. */
export function pollsLeft(from: number, open: number, close: number, stepMs: number): number {
  if (from >= close) return 0;
  const first = Math.max(1, Math.floor((from - open) / stepMs) + 1);
  const last = Math.floor((close - open) / stepMs);
  const onGrid = Math.max(0, last - first + 1);
  const closeOnGrid = (close - open) % stepMs === 0;
  return onGrid + (closeOnGrid ? 0 : 1);
}

/**
 * The smallest k (poll every k-th bar close) whose remaining polls fit in the budget less the
 * reserve; null when not even one more poll fits (then only the reserve's final backfill at the
 * close remains).
 */
export function chooseCadence(input: CadenceInput): number | null {
  if (input.remaining === 'unlimited' || input.perPoll === 0) return 1;
  const spendable = input.remaining - input.reserve;
  if (spendable < input.perPoll) return null;
  const maxK = Math.max(1, Math.ceil((input.close - input.open) / input.barMs));
  for (let k = 1; k <= maxK; k++) {
    const polls = pollsLeft(input.now, input.open, input.close, k * input.barMs);
    if (polls * input.perPoll <= spendable) return k;
  }
  return null;
}

/** The first grid boundary after `t` (the close at the latest), or null past the close. */
export function nextBoundary(
  t: number,
  open: number,
  close: number,
  stepMs: number,
): number | null {
  if (t >= close) return null;
  if (t < open) return Math.min(open + stepMs, close);
  const g = open + (Math.floor((t - open) / stepMs) + 1) * stepMs;
  return Math.min(g, close);
}

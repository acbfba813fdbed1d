// Demo mode's data: the simulator engine in-process, on an unlimited plan with the demo key.
import type { InProcessSimulator } from '../core/source/sim-transport.js';
import { DEMO_KEY } from '../core/source/sources.js';
import { createSimulator } from '../sim/engine/simulator.js';

/** A new market every day, the same one all day (20260605 on 2026-06-05, UTC). */
export function dailySeed(nowMs: number): number {
  return Number(new Date(nowMs).toISOString().slice(0, 10).replaceAll('-', ''));
}

export function demoSimulator(seed: number): InProcessSimulator {
  return createSimulator({ seed, keys: [{ key: DEMO_KEY, plan: 'alpha' }] });
}

// The customer-flow regime: a Markov chain over balanced, pinning, call-chasing and
// put-buying. The two chasing regimes are the squeeze episodes: a burst of one-sided option
// buying whose intensity ramps up geometrically for 12-35 minutes and then stops, so squeezes
// arrive as a few discrete events per symbol per week rather than as a background hum.
import type { Rng } from '../random/prng.js';

export const REGIMES = ['balanced', 'pinning', 'call_chasing', 'put_buying'] as const;
export type RegimeName = (typeof REGIMES)[number];
export const REGIME_CODE: Readonly<Record<RegimeName, number>> = {
  balanced: 0,
  pinning: 1,
  call_chasing: 2,
  put_buying: 3,
};

/** Squeeze episodes per session, on a day the dealer book opens long and short gamma. */
export const EPISODES_PER_DAY_LONG_GAMMA = 0.45;
export const EPISODES_PER_DAY_SHORT_GAMMA = 1.5;
/** Pinning onsets per session (afternoon only) and mean pinning duration. */
export const PIN_ONSETS_PER_DAY = 1.2;
export const PIN_MEAN_MINUTES = 70;
/** Episode length range and intensity ramp (last/first intensity). */
export const EPISODE_MINUTES: readonly [number, number] = [12, 35];
export const EPISODE_RAMP: readonly [number, number] = [8, 16];
/** Chasing trade rate at an episode's start, as a multiple of the balanced trade rate. */
export const EPISODE_START_INTENSITY = 0.1;

export interface RegimeState {
  name: RegimeName;
  /** Chasing: extra trade rate as a multiple of the base rate (0 otherwise). */
  intensity: number;
  /** +1 for call chasing, -1 for put buying, 0 otherwise. */
  direction: number;
  /** Pinning: the strike customers sell around (0 otherwise). */
  magnet: number;
}

export class RegimeProcess {
  readonly state: RegimeState = { name: 'balanced', intensity: 0, direction: 0, magnet: 0 };
  private stepsLeft = 0;
  private growth = 1;
  private readonly episodeHazard: number;
  private readonly pinHazard: number;
  private readonly pinExit: number;

  constructor(
    private readonly rng: Rng,
    private readonly steps: number,
    stepMs: number,
    gammaBias: number,
  ) {
    const fullSessionSteps = (390 * 60_000) / stepMs;
    const perDay = gammaBias >= 0 ? EPISODES_PER_DAY_LONG_GAMMA : EPISODES_PER_DAY_SHORT_GAMMA;
    this.episodeHazard = perDay / fullSessionSteps;
    const pinPerDay = gammaBias >= 0 ? PIN_ONSETS_PER_DAY : PIN_ONSETS_PER_DAY / 4;
    this.pinHazard = pinPerDay / (fullSessionSteps * 0.55);
    this.pinExit = stepMs / (PIN_MEAN_MINUTES * 60_000);
    this.stepMs = stepMs;
  }

  private readonly stepMs: number;

  /** Advances one step at state index `i`; draws the same number of uniforms every step. */
  step(i: number, spot: number, nearestStrike: (price: number) => number): void {
    const u1 = this.rng.uniform();
    const u2 = this.rng.uniform();
    const u3 = this.rng.uniform();
    const f = i / this.steps;
    const s = this.state;
    switch (s.name) {
      case 'balanced': {
        const minutesLeft = ((this.steps - i) * this.stepMs) / 60_000;
        if (f > 0.008 && minutesLeft > 15 && u1 < this.episodeHazard) {
          this.startEpisode(u2 < 0.5 ? 1 : -1, u3, minutesLeft);
        } else if (f > 0.45 && u1 > 1 - this.pinHazard) {
          s.name = 'pinning';
          s.magnet = nearestStrike(spot);
        }
        return;
      }
      case 'pinning':
        if (u1 < this.pinExit) this.toBalanced();
        return;
      case 'call_chasing':
      case 'put_buying':
        s.intensity *= this.growth;
        if (--this.stepsLeft <= 0) this.toBalanced();
        return;
    }
  }

  private startEpisode(direction: number, u: number, minutesLeft: number): void {
    const [minLen, maxLen] = EPISODE_MINUTES;
    const minutes = Math.min(minLen + (maxLen - minLen) * u, minutesLeft - 5);
    const [minRamp, maxRamp] = EPISODE_RAMP;
    const ramp = minRamp + (maxRamp - minRamp) * ((u * 7.31) % 1);
    this.stepsLeft = Math.max(1, Math.round((minutes * 60_000) / this.stepMs));
    this.growth = Math.pow(ramp, 1 / this.stepsLeft);
    this.state.name = direction > 0 ? 'call_chasing' : 'put_buying';
    this.state.direction = direction;
    this.state.intensity = EPISODE_START_INTENSITY;
  }

  private toBalanced(): void {
    this.state.name = 'balanced';
    this.state.intensity = 0;
    this.state.direction = 0;
    this.state.magnet = 0;
  }
}

// The customer-flow regime: a Markov chain over balanced, pinning, call-chasing and
// put-buying. The two chasing regimes are the squeeze episodes: a burst of one-sided option
// buying whose intensity ramps up ever faster for 8-45 minutes and then stops, so squeezes
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
const EPISODES_PER_DAY_LONG_GAMMA = 0.45;
const EPISODES_PER_DAY_SHORT_GAMMA = 1.4;
/** No episode starts in the last 45 minutes, when 0DTE gamma makes any flow explosive. */
const LAST_ONSET_MINUTES = 45;
/** Pinning onsets per session (afternoon only) and mean pinning duration. */
const PIN_ONSETS_PER_DAY = 1.2;
const PIN_MEAN_MINUTES = 70;
/** Episode length range and intensity ramp (last/first intensity). */
const EPISODE_MINUTES: readonly [number, number] = [8, 16];
const EPISODE_RAMP: readonly [number, number] = [16, 26];
/** Share of episodes that are slow burns (visible on 5m bars), with their length and ramp. */
const SLOW_BURN_SHARE = 0.25;
const SLOW_BURN_MINUTES: readonly [number, number] = [30, 45];
const SLOW_BURN_RAMP: readonly [number, number] = [8, 14];
const SLOW_BURN_START_INTENSITY = 0.1;
/** Chasing trade rate at an episode's start, as a multiple of the balanced trade rate. */
const EPISODE_START_INTENSITY = 0.2;

export interface RegimeState {
  name: RegimeName;
  /** Chasing: extra trade rate as a multiple of the base rate (0 otherwise). */
  intensity: number;
  /** +1 for call chasing, -1 for put buying, 0 otherwise. */
  direction: number;
  /** Pinning: the strike customers sell around (0 otherwise). */
  magnet: number;
  /**
   * After an episode: chasers selling back what they bought, as a multiple of the base rate,
   * decaying; with the episode's direction and the spot it started from.
   */
  unwind: number;
  unwindDirection: number;
  unwindAnchor: number;
}

/** Profit-taking after an episode: starts at this share of the final chase rate... */
const UNWIND_SHARE = 0.5;
/** ...and decays with this time constant. */
const UNWIND_MINUTES = 12;

export class RegimeProcess {
  readonly state: RegimeState = {
    name: 'balanced',
    intensity: 0,
    direction: 0,
    magnet: 0,
    unwind: 0,
    unwindDirection: 0,
    unwindAnchor: 0,
  };
  private readonly unwindDecay: number;
  private episodeStep = 0;
  private episodeSteps = 0;
  private logRamp = 0;
  private episodeAnchor = 0;
  private startIntensity = 0;
  private readonly episodeHazard: number;
  private readonly pinHazard: number;
  private readonly pinExit: number;

  constructor(
    private readonly rng: Rng,
    private readonly steps: number,
    private readonly stepMs: number,
    gammaBias: number,
  ) {
    const fullSessionSteps = (390 * 60_000) / stepMs;
    const perDay = gammaBias >= 0 ? EPISODES_PER_DAY_LONG_GAMMA : EPISODES_PER_DAY_SHORT_GAMMA;
    this.episodeHazard = perDay / fullSessionSteps;
    const pinPerDay = gammaBias >= 0 ? PIN_ONSETS_PER_DAY : PIN_ONSETS_PER_DAY / 4;
    this.pinHazard = pinPerDay / (fullSessionSteps * 0.55);
    this.pinExit = stepMs / (PIN_MEAN_MINUTES * 60_000);
    this.unwindDecay = Math.exp(-stepMs / (UNWIND_MINUTES * 60_000));
  }

  /** Advances one step at state index `i`; draws the same number of uniforms every step. */
  step(i: number, spot: number, nearestStrike: (price: number) => number): void {
    const [u1, u2, u3, u4, u5] = [1, 2, 3, 4, 5].map(() => this.rng.uniform()) as [
      number,
      number,
      number,
      number,
      number,
    ];
    const f = i / this.steps;
    const s = this.state;
    s.unwind = s.unwind < 0.01 ? 0 : s.unwind * this.unwindDecay;
    switch (s.name) {
      case 'balanced': {
        const minutesLeft = ((this.steps - i) * this.stepMs) / 60_000;
        if (f > 0.008 && minutesLeft > LAST_ONSET_MINUTES && u1 < this.episodeHazard) {
          this.startEpisode(u2 < 0.5 ? 1 : -1, u3, u4, u5, minutesLeft);
          this.episodeAnchor = spot;
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
        if (++this.episodeStep >= this.episodeSteps) {
          s.unwind = UNWIND_SHARE * s.intensity;
          s.unwindDirection = s.direction;
          s.unwindAnchor = this.episodeAnchor;
          this.toBalanced();
        } else {
          s.intensity = this.episodeIntensity();
        }
        return;
    }
  }

  private startEpisode(
    direction: number,
    uLength: number,
    uKind: number,
    uRamp: number,
    minutesLeft: number,
  ): void {
    const slow = uKind < SLOW_BURN_SHARE;
    const [minLen, maxLen] = slow ? SLOW_BURN_MINUTES : EPISODE_MINUTES;
    const [minRamp, maxRamp] = slow ? SLOW_BURN_RAMP : EPISODE_RAMP;
    const minutes = Math.min(minLen + (maxLen - minLen) * uLength, minutesLeft - 5);
    const ramp = minRamp + (maxRamp - minRamp) * uRamp;
    this.episodeSteps = Math.max(1, Math.round((minutes * 60_000) / this.stepMs));
    this.episodeStep = 0;
    this.logRamp = Math.log(ramp);
    this.startIntensity = slow ? SLOW_BURN_START_INTENSITY : EPISODE_START_INTENSITY;
    this.state.name = direction > 0 ? 'call_chasing' : 'put_buying';
    this.state.direction = direction;
    this.state.intensity = this.episodeIntensity();
  }

  /**
   * I0 * ramp^((elapsed / length)^1.5): growth that itself accelerates (chasers pile in
   * faster the further the move has run), slow at first and steepest in the last minutes,
   * as in the squeezes traders describe; it ends at I0 * ramp.
   */
  private episodeIntensity(): number {
    const x = this.episodeStep / this.episodeSteps;
    return this.startIntensity * Math.exp(this.logRamp * x * Math.sqrt(x));
  }

  private toBalanced(): void {
    this.state.name = 'balanced';
    this.state.intensity = 0;
    this.state.direction = 0;
    this.state.magnet = 0;
  }
}

// `--explain`: one sentence per rule saying why it held or which bar broke it. Rendered from the
// same Reason values the rules return, so an explanation cannot contradict its verdict.
import type { DetectorSettings } from '../contract/detector.js';
import { formatPercent, formatSigned, formatUsd } from '../contract/format.js';
import type { Reason, Weakness } from './types.js';

/** A bar's time as the CLI prints bars (UTC, like the API), without the date. */
function at(t: number): string {
  return `${new Date(t).toISOString().slice(11, 19)}Z`;
}

function usd(n: number): string {
  return formatUsd(n, { signed: true });
}

function weak(w: Weakness): string {
  switch (w.type) {
    case 'zero':
      return 'is zero';
    case 'below-min':
      return `is below the minimum |bar| ${formatUsd(w.min)}`;
    case 'below-percentile':
      return `is below the ${w.percentile}th percentile of |bar| (${formatUsd(w.threshold)} over ${w.sampleSize} bars)`;
    default:
      return w satisfies never;
  }
}

function runBreakText(b: 'sign-flip' | 'smaller' | 'not-larger'): string {
  switch (b) {
    case 'sign-flip':
      return 'the sign flipped';
    case 'smaller':
      return 'the magnitude decreased';
    case 'not-larger':
      return 'the magnitude did not grow (accelerating)';
    default:
      return b satisfies never;
  }
}

export function describeReason(reason: Reason, settings: DetectorSettings): string {
  const n = settings.runLength;
  switch (reason.rule) {
    case 'squeeze':
      switch (reason.code) {
        case 'held':
          return `squeeze ${reason.direction}: ${reason.run}-bar run since ${at(reason.since)}; the last ${n} bars share one sign, none is zero, magnitudes ${settings.accelerating ? 'always grow' : 'never decrease'}`;
        case 'too-few-bars':
          return `no squeeze: ${reason.have} closed bar${reason.have === 1 ? '' : 's'}, ${n} needed`;
        case 'weak-bar':
          return `no squeeze: bar ${at(reason.t)} (${usd(reason.bar)}) ${weak(reason.weakness)}`;
        case 'run-broken': {
          if (reason.break === 'gap') {
            return `no squeeze: run of ${reason.run} < ${n}; the bars before ${at(reason.at)} are missing (a hole in the data restarts the run)`;
          }
          return `no squeeze: run of ${reason.run} < ${n}; ${runBreakText(reason.break)} at ${at(reason.at)} (${usd(reason.bar)} after ${usd(reason.previous)})`;
        }
        case 'no-price':
          return 'no squeeze: price confirmation required but spot is unknown (pass series data)';
        case 'fading':
          return `no squeeze: price not confirming (spot ${formatSigned(reason.priceMove)} over the run): dealers fading`;
        case 'no-legs':
          return 'no squeeze: call/put attribution required but the legs are unknown';
        case 'not-one-sided':
          return `no squeeze: not one-sided (calls ${formatPercent(reason.callShare)} / puts ${formatPercent(1 - reason.callShare)}, ${formatPercent(settings.oneSidedShare)} needed)`;
        case 'not-aligned':
          return `no squeeze: not driven by the leg that matches its direction (calls ${formatPercent(reason.callShare)} / puts ${formatPercent(1 - reason.callShare)})`;
        default:
          return reason satisfies never;
      }
    case 'reversal':
      switch (reason.code) {
        case 'held':
          return `reversal ${reason.direction}: the sign flipped after ${reason.run} bars`;
        case 'no-flip':
          return 'no reversal: the sign did not flip';
        case 'weak-bar':
          return `no reversal: the flipping bar ${weak(reason.weakness)}`;
        case 'short-run':
          return `no reversal: the sign flipped after ${reason.run} bar${reason.run === 1 ? '' : 's'}, ${settings.flipAfter ?? '?'} needed`;
        default:
          return reason satisfies never;
      }
    case 'gamma-flip':
      switch (reason.code) {
        case 'held':
          return `gamma flip: spot crossed ${reason.direction === 'up' ? 'above' : 'below'} the gamma-flip level`;
        case 'no-series':
          return 'no gamma-flip cross: spot or the gamma-flip level is unknown';
        case 'no-cross':
          return `no gamma-flip cross: spot stays ${reason.side} the level`;
        default:
          return reason satisfies never;
      }
    default:
      return reason satisfies never;
  }
}

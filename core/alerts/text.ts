// The words of a notification: a title a trader can act on at a glance, and a body with the
// evidence (run length, flow, cumulative, which leg drives it, what price did).
import type { AlertSeverity, Verdict } from '../contract/detector.js';
import {
  formatNyTime,
  formatPercent,
  formatPrice,
  formatSigned,
  formatUsd,
} from '../contract/format.js';

function acting(direction: Verdict['direction']): string {
  return direction === 'up' ? 'buying' : 'selling';
}

function side(direction: Verdict['direction']): string {
  return direction === 'up' ? 'upside' : 'downside';
}

export function alertTitle(symbol: string, v: Verdict, severity: AlertSeverity): string {
  switch (v.kind) {
    case 'squeeze':
      if (severity === 'escalated') {
        return `${symbol}: ${side(v.direction)} squeeze escalating — ${v.barCount} bars of dealer ${acting(v.direction)}`;
      }
      // Only claim "into strength" when price agrees (or is unknown); never contradict the tape.
      if (v.price?.confirmation === 'fading') {
        return `${symbol}: dealers ${acting(v.direction)}, price not following — ${side(v.direction)} pressure building`;
      }
      return v.direction === 'up'
        ? `${symbol}: dealers buying into strength — upside squeeze building`
        : `${symbol}: dealers selling into weakness — downside squeeze building`;
    case 'reversal':
      return `${symbol}: dealer hedging reversed — now ${acting(v.direction)} after ${v.barCount} bars of ${acting(v.direction === 'up' ? 'down' : 'up')}`;
    case 'gamma-flip': {
      const level = v.gammaFlip ? ` (${formatPrice(v.gammaFlip.level)})` : '';
      return v.direction === 'up'
        ? `${symbol}: spot crossed above the gamma flip${level} — dealers long gamma, moves dampen`
        : `${symbol}: spot crossed below the gamma flip${level} — dealers short gamma, moves amplify`;
    }
    default:
      return v.kind satisfies never;
  }
}

export function alertBody(v: Verdict): string {
  const parts: string[] = [];
  const since = formatNyTime(v.since);
  switch (v.kind) {
    case 'squeeze':
      parts.push(
        `${v.barCount} bars of growing dealer ${acting(v.direction)} since ${since} ET: ${formatUsd(v.move, { signed: true })}`,
      );
      break;
    case 'reversal':
      parts.push(
        `Dealers were ${acting(v.direction === 'up' ? 'down' : 'up')} for ${v.barCount} bars; the ${since} ET bar is ${formatUsd(v.move, { signed: true })}`,
      );
      break;
    case 'gamma-flip':
      parts.push(`Dealer flow in the ${since} ET bar: ${formatUsd(v.move, { signed: true })}`);
      break;
    default:
      return v.kind satisfies never;
  }
  parts.push(`session cumulative ${formatUsd(v.cumulative, { signed: true })}`);
  const first = parts.join('; ');
  const more: string[] = [];
  if (v.legs) {
    const label =
      v.legs.driver === 'both'
        ? 'both legs'
        : `${v.legs.driver === 'calls' ? 'call' : 'put'}-driven`;
    more.push(
      `Calls ${formatPercent(v.legs.callShare)} / puts ${formatPercent(v.legs.putShare)} (${label})`,
    );
  }
  if (v.price) {
    const reading = v.price.confirmation === 'chasing' ? 'dealers chasing' : 'dealers fading';
    more.push(`Price ${formatSigned(v.price.move)} (${reading})`);
  }
  if (v.gammaFlip && v.kind !== 'gamma-flip') {
    const g = v.gammaFlip;
    more.push(
      g.crossedAt !== null && g.crossDirection
        ? `Spot crossed ${g.crossDirection === 'up' ? 'above' : 'below'} the gamma flip (${formatPrice(g.level)}) at ${formatNyTime(g.crossedAt)} ET`
        : `Spot ${formatPrice(g.spot)}, ${g.side} the gamma flip (${formatPrice(g.level)})`,
    );
  } else if (v.gammaFlip) {
    more.push(`Spot ${formatPrice(v.gammaFlip.spot)} vs flip ${formatPrice(v.gammaFlip.level)}`);
  }
  return [first, ...more].map((s) => `${s}.`).join(' ');
}

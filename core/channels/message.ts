// The words of a delivered alert, shared by the chat services (Discord, Slack, Telegram, ntfy):
// the alert's own title and body, its evidence as short facts, and the notes a reader on a
// phone needs (test, demo data, late, caught up). Figures become text only through format.ts.
import {
  formatDuration,
  formatEt,
  formatPercent,
  formatPrice,
  formatSigned,
  formatUsd,
} from '../contract/format.js';
import type { AlertRecord } from '../contract/detector.js';
import { lateness, type DeliveryContext, type DeliveryPayload } from './delivery.js';

interface MessageFact {
  readonly name: string;
  readonly value: string;
}

export interface AlertMessage {
  readonly title: string;
  readonly body: string;
  readonly facts: readonly MessageFact[];
  /** Short lines that qualify the alert: test, demo data, late, caught up. */
  readonly notes: readonly string[];
  readonly footer: string;
  readonly direction: 'up' | 'down' | null;
  readonly severity: 'building' | 'escalated' | 'test';
  readonly late: boolean;
}

function facts(alert: AlertRecord): MessageFact[] {
  const e = alert.evidence;
  const out: MessageFact[] = [
    { name: 'Bars', value: `${e.barCount} since ${formatEt(e.since)}` },
    { name: 'Flow over the run', value: formatUsd(e.move, { signed: true }) },
    { name: 'Session cumulative', value: formatUsd(e.cumulative, { signed: true }) },
  ];
  if (e.legs) {
    const driver = e.legs.driver === 'both' ? 'both legs' : `${e.legs.driver}-driven`;
    out.push({
      name: 'Calls / puts',
      value: `${formatPercent(e.legs.callShare)} / ${formatPercent(e.legs.putShare)} (${driver})`,
    });
  }
  if (e.price) {
    const p = e.price;
    out.push({
      name: 'Price',
      value: `${formatPrice(p.from)} → ${formatPrice(p.to)} (${formatSigned(p.move)}, ${p.confirmation})`,
    });
  }
  if (e.gammaFlip) {
    const g = e.gammaFlip;
    out.push({
      name: 'Gamma flip',
      value: `${formatPrice(g.level)}, spot ${formatPrice(g.spot)} ${g.side === 'at' ? 'at it' : `${g.side} it`}`,
    });
  }
  return out;
}

export function alertMessage(payload: DeliveryPayload, context: DeliveryContext): AlertMessage {
  const { late, delayMs } = lateness(context);
  if (payload.type === 'test') {
    return {
      title: 'HedgeFlow test alert',
      body: `This is a test from HedgeFlow: the channel "${context.channelName}" works. It is not a market signal.`,
      facts: [],
      notes: ['Test: not a market signal.'],
      footer: `HedgeFlow · test · ${formatEt(context.sentAt)}`,
      direction: null,
      severity: 'test',
      late: false,
    };
  }
  const { alert, source } = payload;
  const notes: string[] = [];
  if (source === 'demo') notes.push('Demo data: a simulated market, not FlashAlpha data.');
  if (late) notes.push(`Late: sent ${formatDuration(delayMs)} after the alert fired.`);
  if (alert.catchUp) notes.push('Caught up after a gap in the data (sleep or a backfill).');
  return {
    title: alert.title,
    body: alert.body,
    facts: facts(alert),
    notes,
    footer: `HedgeFlow · ${source === 'demo' ? 'demo data' : 'FlashAlpha'} · bar ${formatEt(alert.t)}`,
    direction: alert.direction,
    severity: alert.severity,
    late,
  };
}

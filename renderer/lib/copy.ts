// Words for states. Every state the popover can be in says what it is and, when there is
// something to do, offers exactly one action. Direction is never colour alone: arrows and words
// carry it too.
import { formatAge, formatDuration, formatUsd } from '../../core/contract/format.js';
import { BAR_MS } from '../../core/model/flow.js';
import type {
  ActiveSignal,
  AlertRecord,
  Direction,
  ErrorView,
  SymbolView,
} from '../../core/contract/index.js';
import type { SettingsSection } from './navigation.svelte.js';
import {
  formatEt as etTime,
  formatEtWeekday as etWeekdayTime,
} from '../../core/contract/format.js';

const PRICING_URL = 'https://flashalpha.com/pricing';

export type Tone = 'ok' | 'warn' | 'error' | 'muted';

/** The one thing a state lets the user do; `info` is a fact shown where a button would be. */
export type StateAction =
  | {
      readonly kind: 'open-settings';
      readonly label: string;
      readonly section: SettingsSection | null;
    }
  | { readonly kind: 'upgrade-plan'; readonly label: string; readonly url: string }
  | { readonly kind: 'retry'; readonly label: string }
  | { readonly kind: 'resume'; readonly label: string }
  | { readonly kind: 'info'; readonly label: string };

export interface StateCopy {
  readonly label: string;
  readonly tone: Tone;
  readonly action: StateAction | null;
}

function arrow(direction: Direction): string {
  return direction === 'up' ? '▲' : '▼';
}

/** The sign of a flow figure in words, for screen readers and colour-blind eyes. */
export function flowWord(value: number): string {
  if (value > 0) return 'dealers buying';
  if (value < 0) return 'dealers selling';
  return 'flat';
}

export function flowArrow(value: number): string {
  if (value > 0) return '▲';
  if (value < 0) return '▼';
  return '–';
}

export function flowTone(value: number | null): 'up' | 'down' | 'flat' {
  if (value === null || value === 0) return 'flat';
  return value > 0 ? 'up' : 'down';
}

/** When something resumes: a time today, a weekday and time further out. */
function resumeTime(at: number, now: number): string {
  return at - now < 20 * 3_600_000 ? etTime(at) : etWeekdayTime(at);
}

export function errorAction(error: ErrorView, now: number): StateAction | null {
  switch (error.action) {
    case 'open-settings':
      if (error.code === 'auth')
        return { kind: 'open-settings', label: 'Check API key', section: 'key' };
      if (error.code === 'not-found')
        return { kind: 'open-settings', label: 'Edit symbols', section: 'symbols' };
      return { kind: 'open-settings', label: 'Open settings', section: null };
    case 'upgrade-plan':
      return {
        kind: 'upgrade-plan',
        label: `Upgrade to ${error.requiredPlan ?? 'Growth'}`,
        url: PRICING_URL,
      };
    case 'wait':
      return {
        kind: 'info',
        label:
          error.retryAt === undefined
            ? 'Resumes automatically'
            : `Resumes at ${resumeTime(error.retryAt, now)}`,
      };
    case 'retry':
      return { kind: 'retry', label: 'Retry now' };
    case 'none':
      return null;
  }
}

/** The message of an error, with the plan facts the API gave. */
export function errorMessage(error: ErrorView): string {
  if (error.code !== 'tier') return error.message;
  const parts = [error.message.trim().replace(/([^.])$/, '$1.')];
  if (error.requiredPlan && !error.message.includes(error.requiredPlan))
    parts.push(`Hedge flow needs the ${error.requiredPlan} plan.`);
  const plan = error.currentPlan;
  if (plan && !error.message.toLowerCase().includes(plan.toLowerCase()))
    parts.push(`Your plan: ${plan}.`);
  return parts.join(' ');
}

/** How long without an update before a live row warns, whatever main last said. */
function staleAfterMs(view: SymbolView): number {
  return 2 * BAR_MS[view.barSize] + 30_000;
}

/** A row's words for an error the app-wide bar already explains (with its action). */
const SHORT_ERRORS: Partial<Record<ErrorView['code'], string>> = {
  auth: 'Waiting for a valid API key',
  tier: 'Waiting for a plan with hedge flow',
  quota: 'Waiting for the quota to reset',
  'rate-limit': 'Waiting: rate limited',
  keychain: 'Waiting for the keychain',
};

export function statusCopy(
  view: SymbolView,
  now: number,
  appError: ErrorView | null = null,
): StateCopy {
  const status = view.status;
  switch (status.kind) {
    case 'loading':
      return { label: 'Loading…', tone: 'muted', action: null };
    case 'live': {
      if (view.receivedAt !== null && now - view.receivedAt > staleAfterMs(view)) {
        return {
          label: `No update for ${formatDuration(now - view.receivedAt)}`,
          tone: 'warn',
          action: null,
        };
      }
      return { label: 'Live', tone: 'ok', action: null };
    }
    case 'stale':
      return {
        label: `Stale: last update ${formatAge(status.since, now)}`,
        tone: 'warn',
        action: { kind: 'retry', label: 'Retry now' },
      };
    case 'closed':
      return {
        label: 'Market closed',
        tone: 'muted',
        action: { kind: 'info', label: `Opens ${etWeekdayTime(status.nextOpen)}` },
      };
    case 'no-0dte':
      // A fact, not a button: the next session that lists one for this symbol.
      return {
        label: 'No 0DTE expiry today',
        tone: 'muted',
        action: { kind: 'info', label: `Next 0DTE ${etWeekdayTime(status.nextOpen)}` },
      };
    case 'paused':
      return { label: 'Paused', tone: 'muted', action: { kind: 'resume', label: 'Resume' } };
    case 'error':
      if (appError && appError.code === status.error.code) {
        // Said once, in the app-wide bar, with its one action; the row only points at it.
        return { label: SHORT_ERRORS[status.error.code] ?? 'Waiting', tone: 'warn', action: null };
      }
      return {
        label: errorMessage(status.error),
        tone: 'error',
        action: errorAction(status.error, now),
      };
  }
}

const KIND_WORDS = { squeeze: 'Squeeze', reversal: 'Reversal', 'gamma-flip': 'Gamma flip' };

/** "Squeeze ▲ up", "Reversal ▼ down", "Gamma flip ▲ crossed above". */
function signalHeadline(kind: ActiveSignal['kind'], direction: Direction): string {
  if (kind === 'gamma-flip')
    return `${KIND_WORDS[kind]} ${arrow(direction)} crossed ${direction === 'up' ? 'above' : 'below'}`;
  return `${KIND_WORDS[kind]} ${arrow(direction)} ${direction}`;
}

/** The live signal beside a row: what, how long, how much, and how price answers. */
export function signalCopy(signal: ActiveSignal): string {
  const parts = [signalHeadline(signal.kind, signal.direction)];
  if (signal.kind !== 'gamma-flip') parts.push(`${signal.barCount} bars`);
  parts.push(formatUsd(signal.move, { signed: true }));
  if (signal.confirmation) parts.push(signal.confirmation);
  if (signal.legs && signal.legs.driver !== 'both') parts.push(`${signal.legs.driver}-driven`);
  if (signal.severity === 'escalated') parts.push('escalated');
  if (!signal.alerted && signal.pending) parts.push(`held: ${signal.pending.replace(/-/g, ' ')}`);
  return parts.join(' · ');
}

export function alertHeadline(alert: AlertRecord): string {
  return `${alert.symbol} ${signalHeadline(alert.kind, alert.direction)}`;
}

/**
 * What the detail view says about the session's completeness: nothing while it fills without a
 * hole; the holes being fetched; the day complete; or what the server could no longer serve.
 */
export function dayCopy(view: SymbolView): { text: string; tone: Tone } | null {
  const { missing, missingBars: n } = view.day;
  const bars = `${n} ${n === 1 ? 'bar' : 'bars'}`;
  const first = Math.min(...missing.map((r) => r.from));
  const last = Math.max(...missing.map((r) => r.to)) - BAR_MS[view.barSize];
  const span =
    n === 0 ? '' : n === 1 ? ` (${etTime(first)})` : ` (${etTime(first)} – ${etTime(last)})`;
  switch (view.day.state) {
    case 'complete':
      return { text: "Session complete: every bar is the server's final value.", tone: 'ok' };
    case 'incomplete':
      return {
        text: `Session incomplete: ${bars} could not be fetched before the server dropped them${span}.`,
        tone: 'warn',
      };
    case 'filling':
      return n === 0 ? null : { text: `Fetching ${bars} missing${span}…`, tone: 'muted' };
  }
}

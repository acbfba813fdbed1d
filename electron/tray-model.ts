// What the tray shows for an app state: the icon's state, the tooltip and the context menu as
// plain data. Pure: tray-service.ts turns the model into Electron objects and re-renders only
// when the model changed.
import { formatUsd } from '../core/contract/format.js';
import type { AppStatusView, SymbolView, UpdateView } from '../core/contract/views.js';

export const TRAY_STATES = [
  'neutral',
  'up-squeeze',
  'down-squeeze',
  'stale',
  'paused',
  'demo',
] as const;
export type TrayState = (typeof TRAY_STATES)[number];

/** An alert channel its service refused, or whose secrets are missing. */
export interface TrayChannelProblem {
  readonly name: string;
  readonly reason: string;
}

export interface TrayInput {
  readonly status: AppStatusView;
  readonly symbols: readonly SymbolView[];
  /** A newer HedgeFlow (the update notice); absent or null: none. */
  readonly update?: UpdateView | null;
  /** Failing alert channels (docs/channels.md); none when absent. */
  readonly channels?: readonly TrayChannelProblem[];
}

export type TrayAction =
  | { readonly type: 'open-symbol'; readonly symbol: string }
  | { readonly type: 'toggle-pause' }
  | { readonly type: 'open' }
  | { readonly type: 'settings' }
  /** The update notice: open the release page in the browser (allow-listed in hardening.ts). */
  | { readonly type: 'open-release'; readonly url: string }
  | { readonly type: 'quit' };

export type TrayMenuItem =
  | { readonly kind: 'separator' }
  | {
      readonly kind: 'item';
      readonly label: string;
      /** null: an informational line, shown disabled. */
      readonly action: TrayAction | null;
    };

export interface TrayModel {
  readonly state: TrayState;
  readonly tooltip: string;
  readonly menu: readonly TrayMenuItem[];
}

/** Windows truncates tray tooltips past 127 characters (NOTIFYICONDATA.szTip). */
const WINDOWS_TOOLTIP_MAX = 127;

function squeezeOf(view: SymbolView): 'up' | 'down' | null {
  const signal = view.signal;
  return signal !== null && signal.kind === 'squeeze' ? signal.direction : null;
}

function isStale(view: SymbolView): boolean {
  return view.status.kind === 'stale' || view.status.kind === 'error';
}

/**
 * One icon for the whole app, most urgent first: paused (nothing updates), an app-wide problem
 * or no network (what is shown is stale), a squeeze in progress (newest episode wins), a symbol
 * that went stale, demo data, else neutral.
 */
export function trayState({ status, symbols }: TrayInput): TrayState {
  if (status.paused) return 'paused';
  if (status.error !== null || !status.online) return 'stale';
  let newest: { since: number; direction: 'up' | 'down' } | null = null;
  for (const view of symbols) {
    const direction = squeezeOf(view);
    if (direction !== null && view.signal !== null) {
      if (newest === null || view.signal.since > newest.since) {
        newest = { since: view.signal.since, direction };
      }
    }
  }
  if (newest !== null) return newest.direction === 'up' ? 'up-squeeze' : 'down-squeeze';
  if (symbols.some(isStale)) return 'stale';
  if (status.source === 'demo') return 'demo';
  return 'neutral';
}

/** The headline the tooltip and the menu's first line share, or null when all is normal. */
function trayHeadline({ status }: TrayInput): string | null {
  if (status.paused) return 'Paused';
  if (!status.online) return 'Offline';
  if (status.error !== null) return status.error.message;
  if (status.source === 'demo') {
    return status.demoReason === 'keychain-unavailable'
      ? 'Demo data (keychain unavailable)'
      : 'Demo data';
  }
  if (!status.market.open) return 'Market closed';
  return null;
}

function signalText(view: SymbolView): string {
  const signal = view.signal;
  if (signal === null) return '';
  return ` ${signal.direction === 'up' ? '▲' : '▼'} ${signal.kind}`;
}

/** "SPY +$48.2M ▲ squeeze", "QQQ —", "SPX closed". */
function symbolLine(view: SymbolView): string {
  switch (view.status.kind) {
    case 'error':
      return `${view.symbol} unavailable`;
    case 'closed':
    case 'no-0dte':
      return view.cumulative === null
        ? `${view.symbol} closed`
        : `${view.symbol} ${formatUsd(view.cumulative, { signed: true })} (closed)`;
    case 'loading':
    case 'live':
    case 'stale':
    case 'paused': {
      const figure = view.cumulative === null ? '—' : formatUsd(view.cumulative, { signed: true });
      const stale = view.status.kind === 'stale' ? ' (stale)' : '';
      return `${view.symbol} ${figure}${signalText(view)}${stale}`;
    }
  }
}

/** A tooltip line stays short enough to survive Windows' limit on its own. */
const CHANNEL_LINE_MAX = 100;

/** 'Alert channel "Desk" failing: Discord answered 404 Not Found (Unknown Webhook)' */
function channelProblemLine(problem: TrayChannelProblem): string {
  const line = `Alert channel "${problem.name}" failing: ${problem.reason}`;
  return line.length <= CHANNEL_LINE_MAX ? line : `${line.slice(0, CHANNEL_LINE_MAX - 1)}…`;
}

export function trayTooltip(input: TrayInput, platform: NodeJS.Platform): string {
  const headline = trayHeadline(input);
  const lines = [headline === null ? 'HedgeFlow' : `HedgeFlow: ${headline}`];
  // Before the symbols: a channel that drops alerts matters more than a figure.
  lines.push(...(input.channels ?? []).map(channelProblemLine));
  lines.push(...input.symbols.map(symbolLine));
  if (platform !== 'win32') return lines.join('\n');
  // Keep whole lines within Windows' limit rather than cutting one in half.
  let text = '';
  for (const line of lines) {
    const next = text === '' ? line : `${text}\n${line}`;
    if (next.length > WINDOWS_TOOLTIP_MAX) break;
    text = next;
  }
  return text || lines[0]!.slice(0, WINDOWS_TOOLTIP_MAX);
}

export function trayMenu(input: TrayInput): TrayMenuItem[] {
  const items: TrayMenuItem[] = [];
  if (input.update) {
    items.push({
      kind: 'item',
      label: updateLabel(input.update),
      action: { type: 'open-release', url: input.update.url },
    });
    items.push({ kind: 'separator' });
  }
  const headline = trayHeadline(input);
  if (headline !== null) items.push({ kind: 'item', label: headline, action: null });
  for (const view of input.symbols) {
    items.push({
      kind: 'item',
      label: symbolLine(view),
      action: { type: 'open-symbol', symbol: view.symbol },
    });
  }
  for (const problem of input.channels ?? []) {
    items.push({
      kind: 'item',
      label: `Alert channel "${problem.name}" failing…`,
      action: { type: 'settings' },
    });
  }
  items.push({ kind: 'separator' });
  items.push({
    kind: 'item',
    label: input.status.paused ? 'Resume updates' : 'Pause updates',
    action: { type: 'toggle-pause' },
  });
  items.push({ kind: 'item', label: 'Open HedgeFlow', action: { type: 'open' } });
  items.push({ kind: 'item', label: 'Settings…', action: { type: 'settings' } });
  items.push({ kind: 'separator' });
  items.push({ kind: 'item', label: 'Quit HedgeFlow', action: { type: 'quit' } });
  return items;
}

/** The popover's banner says the same: "HedgeFlow 1.2.0 is available". */
function updateLabel(update: UpdateView): string {
  return `HedgeFlow ${update.version} is available…`;
}

export function trayModel(input: TrayInput, platform: NodeJS.Platform): TrayModel {
  return {
    state: trayState(input),
    tooltip: trayTooltip(input, platform),
    menu: trayMenu(input),
  };
}

/**
 * The tray icon file for a state, relative to build/icons/tray. macOS gets a template image
 * (black + alpha; the menu bar tints it, and the `Template` suffix tells nativeImage so), and
 * nativeImage picks the @2x file beside it on HiDPI screens. Linux panels are 22-24 px and many
 * do not scale, so they get the 32 px drawing outright.
 */
export function trayIconFile(state: TrayState, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return `${state}Template.png`;
  if (platform === 'linux') return `linux/${state}.png`;
  return `${state}.png`;
}

// What the main process shows the renderer: plain, serialisable data. Times are epoch ms; flow
// figures are delta-dollars. The API key never appears here, only whether one is stored and a
// masked hint.
import type { BarSize, Side } from '../model/flow.js';
import type { ActiveSignal, AlertRecord, Direction } from './detector.js';

export type SourceKind = 'demo' | 'flashalpha';

type ErrorCode =
  | 'auth'
  | 'tier'
  | 'quota'
  | 'rate-limit'
  | 'not-found'
  | 'bad-request'
  | 'server'
  | 'network'
  | 'timeout'
  | 'invalid-response'
  | 'keychain'
  | 'settings'
  | 'internal';

/** What the user can do about an error; the UI renders one button for it. */
type ErrorAction = 'open-settings' | 'upgrade-plan' | 'wait' | 'retry' | 'none';

export interface ErrorView {
  readonly code: ErrorCode;
  readonly message: string;
  readonly action: ErrorAction;
  /** When polling resumes on its own (quota reset, Retry-After, backoff). */
  readonly retryAt?: number;
  readonly currentPlan?: string;
  readonly requiredPlan?: string;
}

/**
 * One bucket of the session: cumulative delta-dollars since the open, per projection. Every
 * bucket between the first and the last point is present; a value that is not known (a closed
 * bucket without the server's final value, a projection not fetched) is null: a hole to draw,
 * never a zero.
 */
export interface SeriesPoint {
  readonly t: number;
  readonly all: number | null;
  readonly calls: number | null;
  readonly puts: number | null;
  readonly spot: number | null;
  readonly gammaFlip: number | null;
}

/**
 * One bar's increment per projection, null when not known: the server's own per-bar value or
 * the difference of two adjacent final cumulatives, never a guess.
 */
export interface BarPoint {
  readonly t: number;
  readonly all: number | null;
  readonly calls: number | null;
  readonly puts: number | null;
}

export type SymbolStatus =
  | { readonly kind: 'loading' }
  | { readonly kind: 'live' }
  | { readonly kind: 'stale'; readonly since: number }
  | { readonly kind: 'closed'; readonly nextOpen: number }
  | { readonly kind: 'no-0dte'; readonly nextOpen: number }
  | { readonly kind: 'paused' }
  | { readonly kind: 'error'; readonly error: ErrorView };

/** A run of closed buckets [from, to) of one projection with no final value. */
export interface MissingRun {
  readonly side: Side;
  readonly from: number;
  /** Exclusive. */
  readonly to: number;
}

/**
 * How complete the session's closed bars are. `filling`: the session is open, or its closing
 * bars are still being fetched (`missing` lists the holes found so far); `complete`: every bar
 * of the session is the server's final value; `incomplete`: the server can no longer serve what
 * `missing` lists.
 */
export interface DayView {
  readonly date: string;
  readonly state: 'filling' | 'complete' | 'incomplete';
  readonly missing: readonly MissingRun[];
  /** Buckets `missing` covers, one missing several projections counted once. */
  readonly missingBars: number;
}

export interface SymbolView {
  readonly symbol: string;
  readonly status: SymbolStatus;
  readonly barSize: BarSize;
  readonly expiration: string | null;
  /** Server time of the newest response that carried this symbol's data. */
  readonly asOf: number | null;
  /** Local time that response arrived (drives "12 s ago"). */
  readonly receivedAt: number | null;
  /** Newest cumulative (side=all), the in-progress bar included. */
  readonly cumulative: number | null;
  /** The newest closed bar's increment (side=all). */
  readonly lastBar: number | null;
  readonly spot: number | null;
  readonly gammaFlip: number | null;
  /** Closed bars plus the in-progress one (last, when `inProgress`), holes included. */
  readonly points: readonly SeriesPoint[];
  /** Parallel to `points`. */
  readonly bars: readonly BarPoint[];
  readonly inProgress: boolean;
  readonly day: DayView;
  readonly signal: ActiveSignal | null;
  readonly snoozedUntil: number | null;
}

/**
 * A symbol's row as main hands it out (pushes, snapshots, answers): the view and its revision.
 * The revision rises whenever the row's content changes and is drawn from one counter per app
 * run, so of two rows of a symbol the higher revision is the newer (docs/architecture.md, "IPC").
 */
export interface SymbolRow extends SymbolView {
  readonly revision: number;
}

export interface KeyStatus {
  readonly hasKey: boolean;
  /** e.g. "••••3f9a"; null without a key. */
  readonly hint: string | null;
}

export interface QuotaView {
  readonly plan: string | null;
  readonly limit: number | 'unlimited' | null;
  readonly remaining: number | 'unlimited' | null;
  readonly resetsAt: number | null;
  /** Requests this app made today (UTC day). */
  readonly usedByApp: number;
}

export interface MarketView {
  readonly open: boolean;
  /** The current session's date, or the next one's when closed. */
  readonly sessionDate: string;
  readonly opensAt: number;
  readonly closesAt: number;
  readonly earlyClose: boolean;
}

export type DemoReason = 'no-key' | 'keychain-unavailable' | 'user-choice';

export interface AppStatusView {
  readonly source: SourceKind;
  readonly demoReason: DemoReason | null;
  readonly paused: boolean;
  readonly online: boolean;
  readonly key: KeyStatus;
  readonly keychain: { readonly available: boolean; readonly message: string | null };
  readonly quota: QuotaView | null;
  readonly market: MarketView;
  /** An app-wide problem (bad key, plan too low, quota spent); per-symbol ones live on the row. */
  readonly error: ErrorView | null;
  /** A one-off message, e.g. "Your settings file was unreadable; defaults restored." */
  readonly notice: string | null;
  /** When the next poll is planned. */
  readonly nextPollAt: number | null;
}

export interface Snapshot {
  readonly now: number;
  readonly status: AppStatusView;
  readonly symbols: readonly SymbolRow[];
}

export interface DetailView {
  readonly view: SymbolView;
  readonly alerts: readonly AlertRecord[];
}

export type { ActiveSignal, AlertRecord, Direction };

/** A newer HedgeFlow than the one running, from the project's GitHub releases (core/update). */
export interface UpdateView {
  /** e.g. "1.2.0" */
  readonly version: string;
  /** Its release page, https://github.com/OWNER/NAME/releases/tag/TAG: the notice's only link. */
  readonly url: string;
}

export interface UpdateStatus {
  /** null when no newer release is known: up to date, checks off, or none could be made. */
  readonly available: UpdateView | null;
}

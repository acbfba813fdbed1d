// What `hedgeflow watch` prints: a live table redrawn in place (TTY), plain lines (a pipe), or
// one JSON object per line (--json: `status`, `bars`, `alert`; an alert's event comes again,
// same id, each time its outcomes change). Figures are formatted only by
// core/contract/format.ts; JSON keeps raw delta-dollars, fractions and epoch-ms times, and a
// value that is not known is `null` (a bucket with nothing known is not printed at all), never 0.
import type { AlertRecord } from '../core/contract/detector.js';
import {
  formatAge,
  formatMove,
  formatNyTime,
  formatPrice,
  formatUsd,
} from '../core/contract/format.js';
import { OUTCOME_HORIZONS } from '../core/contract/outcomes.js';
import type {
  AppStatusView,
  BarPoint,
  SeriesPoint,
  SymbolStatus,
  SymbolView,
} from '../core/contract/views.js';
import type { CliIo } from './io.js';

const SPARK = '▁▂▃▄▅▆▇█';
const SPARK_WIDTH = 40;

/**
 * A Unicode sparkline of the last `width` values, scaled to their own range; an unknown value
 * is a blank, so a hole in the data shows as one.
 */
export function sparkline(values: readonly (number | null)[], width = SPARK_WIDTH): string {
  const shown = values.slice(-width);
  const known = shown.filter((v): v is number => v !== null);
  if (known.length === 0) return ' '.repeat(shown.length);
  const min = Math.min(...known);
  const max = Math.max(...known);
  const glyph = (v: number): string =>
    max === min ? SPARK[3]! : SPARK[Math.round(((v - min) / (max - min)) * 7)]!;
  return shown.map((v) => (v === null ? ' ' : glyph(v))).join('');
}

export function statusText(status: SymbolStatus, now: number): string {
  switch (status.kind) {
    case 'loading':
      return 'loading';
    case 'live':
      return 'live';
    case 'stale':
      return `stale (${formatAge(status.since, now)})`;
    case 'closed':
      return `closed, opens ${formatNyTime(status.nextOpen)} ET`;
    case 'no-0dte':
      return 'no 0DTE today';
    case 'paused':
      return 'paused';
    case 'error':
      return `error: ${status.error.message}`;
  }
}

/** The day's completeness in words, or '' while the session fills without a hole. */
export function dayText(view: SymbolView): string {
  const n = view.day.missingBars;
  const bars = `${n} ${n === 1 ? 'bar' : 'bars'}`;
  switch (view.day.state) {
    case 'complete':
      return 'day complete';
    case 'incomplete':
      return `day incomplete: ${bars} missing`;
    case 'filling':
      return n === 0 ? '' : `filling ${bars} missing`;
  }
}

function statusWithDay(view: SymbolView, now: number): string {
  const day = dayText(view);
  const status = statusText(view.status, now);
  return day === '' ? status : `${status} · ${day}`;
}

interface Options {
  readonly json: boolean;
  readonly tty: boolean;
  /** The watch's clock: the table's time before any response has named the server's. */
  readonly now: () => number;
}

export class WatchRenderer {
  readonly #io: CliIo;
  readonly #options: Options;
  readonly #views = new Map<string, SymbolView>();
  /** symbol -> t -> what was last printed for that bar */
  readonly #printed = new Map<string, Map<number, string>>();
  /** symbol -> what its last status event said (status and day). */
  readonly #symbolStatus = new Map<string, string>();
  readonly #alerts: AlertRecord[] = [];
  #status: AppStatusView | null = null;
  #statusKey = '';
  #drawn = 0;

  constructor(io: CliIo, options: Options) {
    this.#io = io;
    this.#options = options;
  }

  symbol(view: SymbolView, now: number = this.#options.now()): void {
    this.#views.set(view.symbol, view);
    const changed = this.#changedBars(view);
    const statusKey = JSON.stringify([view.status, view.day]);
    const statusChanged = this.#symbolStatus.get(view.symbol) !== statusKey;
    this.#symbolStatus.set(view.symbol, statusKey);
    if (this.#options.json) {
      if (changed.length > 0) this.#json(barsEvent(view, changed));
      if (statusChanged) {
        this.#json({ type: 'status', symbol: view.symbol, status: view.status, day: view.day });
      }
      return;
    }
    if (this.#options.tty) {
      if (changed.length > 0 || statusChanged) this.#redraw();
      return;
    }
    if (changed.length > 0 || statusChanged) this.#io.out(plainLine(view, now));
  }

  alert(alert: AlertRecord): void {
    this.#alerts.push(alert);
    if (this.#options.json) return this.#json({ type: 'alert', ...alert });
    if (this.#options.tty) return this.#redraw();
    this.#io.out(alertLine(alert));
  }

  /** An alert already shown whose outcomes changed as later bars closed. */
  alertUpdated(alert: AlertRecord): void {
    const i = this.#alerts.findIndex((a) => a.id === alert.id);
    if (i >= 0) this.#alerts[i] = alert;
    if (this.#options.json) return this.#json({ type: 'alert', ...alert });
    if (this.#options.tty) return this.#redraw();
    this.#io.out(outcomeLine(alert));
  }

  status(status: AppStatusView): void {
    this.#status = status;
    // The next poll time changes every cycle; it alone is not news.
    const key = JSON.stringify({ ...status, nextPollAt: null });
    if (key === this.#statusKey) return;
    this.#statusKey = key;
    if (this.#options.json) {
      return this.#json({
        type: 'status',
        source: status.source,
        demoReason: status.demoReason,
        online: status.online,
        market: status.market,
        quota: status.quota,
        error: status.error,
        notice: status.notice,
      });
    }
    if (this.#options.tty) return this.#redraw();
    if (status.error) this.#io.err(`hedgeflow watch: ${status.error.message}`);
  }

  finish(): void {
    if (this.#options.tty && this.#drawn > 0) this.#io.out('');
  }

  #json(event: object): void {
    this.#io.out(JSON.stringify(event));
  }

  #changedBars(view: SymbolView): Changed[] {
    let printed = this.#printed.get(view.symbol);
    if (!printed) this.#printed.set(view.symbol, (printed = new Map()));
    const out: Changed[] = [];
    view.bars.forEach((bar, i) => {
      const point = view.points[i];
      // A hole (nothing known of the bucket) is not a bar: nothing is printed for it.
      if (!point || (point.all === null && point.calls === null && point.puts === null)) return;
      const closed = !(view.inProgress && i === view.bars.length - 1);
      const sig = JSON.stringify([bar, point.all, point.calls, point.puts, closed]);
      if (printed.get(bar.t) === sig) return;
      printed.set(bar.t, sig);
      out.push({ bar, point, closed });
    });
    return out;
  }

  #redraw(): void {
    const views = [...this.#views.values()];
    // Server time (demo mode replays a past session), else the local clock.
    const asOf = Math.max(...views.map((v) => v.asOf ?? Number.NEGATIVE_INFINITY));
    const now = Number.isFinite(asOf) ? asOf : this.#options.now();
    const lines = tableLines(this.#status, views, this.#alerts.slice(-5), now);
    // Back to the top of the previous frame, clear it, draw the new one.
    const up = this.#drawn > 0 ? `\x1b[${this.#drawn}F\x1b[J` : '';
    this.#io.out(up + lines.join('\n'));
    this.#drawn = lines.length;
  }
}

interface Changed {
  readonly bar: BarPoint;
  readonly point: SeriesPoint;
  readonly closed: boolean;
}

function barsEvent(view: SymbolView, changed: readonly Changed[]) {
  return {
    type: 'bars',
    symbol: view.symbol,
    barSize: view.barSize,
    expiration: view.expiration,
    asOf: view.asOf,
    status: view.status.kind,
    cumulative: view.cumulative,
    lastBar: view.lastBar,
    spot: view.spot,
    gammaFlip: view.gammaFlip,
    bars: changed.map(({ bar, point, closed }) => ({
      t: bar.t,
      bar: bar.all,
      cumulative: point.all,
      calls: bar.calls,
      puts: bar.puts,
      callsCumulative: point.calls,
      putsCumulative: point.puts,
      closed,
    })),
  };
}

function plainLine(view: SymbolView, now: number): string {
  const at = view.asOf === null ? '--:--' : formatNyTime(view.asOf);
  const cum = view.cumulative === null ? '—' : formatUsd(view.cumulative, { signed: true });
  const bar = view.lastBar === null ? '—' : formatUsd(view.lastBar, { signed: true });
  const spark = sparkline(
    view.points.map((p) => p.all),
    20,
  );
  return `${at} ${view.symbol.padEnd(6)} cum ${cum.padStart(8)}  bar ${bar.padStart(8)}  ${spark}  ${statusWithDay(view, now)}`;
}

function alertLine(a: AlertRecord): string {
  const known = outcomesText(a);
  return `ALERT ${formatNyTime(a.t)} ${a.symbol} ${a.kind} ${a.direction} (${a.severity}): ${a.title}${known ? ` | ${known}` : ''}`;
}

function outcomeLine(a: AlertRecord): string {
  return `OUTCOME ${formatNyTime(a.t)} ${a.symbol} ${a.kind} ${a.direction}: ${outcomesText(a) || 'not known yet'}`;
}

/** "+5m +0.21%, +15m -0.05%, +30m pending, close unknown" for the horizons that apply. */
function outcomesText(a: AlertRecord): string {
  if (!a.outcomes) return '';
  if (
    a.outcomes.spot === null &&
    OUTCOME_HORIZONS.every((h) => a.outcomes!.horizons[h].status !== 'known')
  ) {
    return 'spot unknown';
  }
  const parts: string[] = [];
  for (const h of OUTCOME_HORIZONS) {
    const o = a.outcomes.horizons[h];
    const label = h === 'close' ? 'close' : `+${h}`;
    switch (o.status) {
      case 'known':
        parts.push(`${label} ${formatMove(o.move)}`);
        break;
      case 'pending':
        parts.push(`${label} pending`);
        break;
      case 'unknown':
        parts.push(`${label} unknown`);
        break;
      case 'excluded':
        break;
    }
  }
  return parts.join(', ');
}

export function tableLines(
  status: AppStatusView | null,
  views: readonly SymbolView[],
  alerts: readonly AlertRecord[],
  now: number,
): string[] {
  const lines: string[] = [];
  if (status) {
    const source = status.source === 'demo' ? 'DEMO DATA (simulated)' : 'FlashAlpha';
    const market = status.market.open ? 'market open' : 'market closed';
    const quota =
      status.quota && status.quota.remaining !== null
        ? `  quota ${status.quota.remaining}/${status.quota.limit ?? '?'}`
        : '';
    lines.push(`HedgeFlow watch — ${source} — ${market} — ${formatNyTime(now)} ET${quota}`);
    if (status.error) lines.push(`! ${status.error.message}`);
  }
  lines.push(
    `${'SYMBOL'.padEnd(7)}${'CUMULATIVE'.padStart(11)}${'LAST BAR'.padStart(10)}  ${'SESSION'.padEnd(SPARK_WIDTH)}  ${'SPOT'.padStart(8)}  STATUS`,
  );
  for (const v of views) {
    const cum = v.cumulative === null ? '—' : formatUsd(v.cumulative, { signed: true });
    const bar = v.lastBar === null ? '—' : formatUsd(v.lastBar, { signed: true });
    const spot = v.spot === null ? '—' : formatPrice(v.spot);
    const spark = sparkline(v.points.map((p) => p.all)).padEnd(SPARK_WIDTH);
    lines.push(
      `${v.symbol.padEnd(7)}${cum.padStart(11)}${bar.padStart(10)}  ${spark}  ${spot.padStart(8)}  ${statusWithDay(v, now)}`,
    );
  }
  for (const a of alerts) lines.push(alertLine(a));
  return lines;
}

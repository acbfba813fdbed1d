// What a finished session must satisfy, checked against the server's own answer for the whole
// day (a 390-minute series asked at the close, which reaches the open): every bar in history is
// the server's, value for value, for every projection the app fetched; a per-bar value is the
// server's or null, and null only where the bucket before it is not known; the day record says
// complete with nothing missing, or lists exactly the buckets history lacks; no alert twice.
import type { AlertRecord } from '../../core/contract/detector.js';
import type { HistoryStore } from '../../core/history/history-store.js';
import { BAR_MS, type BarSize, type Side } from '../../core/model/flow.js';
import type { Simulator } from '../../sim/engine/simulator.js';
import { sessionOn } from '../../calendar/index.js';

export interface TruthBar {
  readonly t: number;
  readonly all: { readonly bar: number; readonly cumulative: number };
  readonly calls: { readonly bar: number; readonly cumulative: number };
  readonly puts: { readonly bar: number; readonly cumulative: number };
  readonly spot: number;
  readonly gammaFlip: number | null;
}

type Row = Record<string, number | string | null>;

/** The server's whole session for `symbol`, asked on its router at the close. */
export function truthOf(sim: Simulator, symbol: string, date: string, bar: BarSize): TruthBar[] {
  return seriesAt(sim, symbol, bar, sessionOn(date)!.close);
}

/** The server's 390-minute series for `symbol`, asked on its router at `at`. */
export function seriesAt(sim: Simulator, symbol: string, bar: BarSize, at: number): TruthBar[] {
  const url = `/v1/flow/zero-dte/series/${symbol}?bar=${bar}&minutes=390`;
  const res = sim.handle({ method: 'GET', url, headers: { 'x-api-key': 'alpha-key' } }, at);
  const rows = (JSON.parse(res.body) as { bars: Row[] }).bars;
  return rows.map((r, i) => {
    const prev = rows[i - 1];
    const leg = (field: string) => ({
      bar: (r[field] as number) - (prev ? (prev[field] as number) : 0),
      cumulative: r[field] as number,
    });
    return {
      t: Date.parse(r.t as string),
      all: leg('hedge_flow_cumulative_all'),
      calls: leg('hedge_flow_call_cumulative'),
      puts: leg('hedge_flow_put_cumulative'),
      spot: r.spot as number,
      gammaFlip: r.gamma_flip as number | null,
    };
  });
}

const time = (t: number) => new Date(t).toISOString().slice(11, 19);

/** Everything wrong with one symbol's stored day; empty when it is right. */
export async function dayProblems(
  history: HistoryStore,
  truth: readonly TruthBar[],
  date: string,
  symbol: string,
  barSize: BarSize,
  expectComplete: boolean,
): Promise<string[]> {
  const out: string[] = [];
  const barMs = BAR_MS[barSize];
  const record = await history.loadDay(date, symbol, barSize);
  if (!record) return [`${symbol}: no day record`];
  const sides: readonly Side[] = record.sides;
  const stored = await history.loadBars(date, symbol, barSize);
  const byT = new Map(truth.map((b) => [b.t, b]));
  const storedT = new Set(stored.map((b) => b.t));
  for (const b of stored) {
    const want = byT.get(b.t);
    if (!want) {
      out.push(`${symbol} ${time(b.t)}: a bar the server never had`);
      continue;
    }
    for (const side of sides) {
      const got = b[side];
      if (got === null) {
        out.push(`${symbol} ${time(b.t)} ${side}: stored without a value`);
        continue;
      }
      if (got.cumulative !== want[side].cumulative) {
        out.push(
          `${symbol} ${time(b.t)} ${side}: cumulative ${got.cumulative} != ${want[side].cumulative}`,
        );
      }
      if (got.bar === null) {
        if (storedT.has(b.t - barMs) || b.t === truth[0]!.t) {
          out.push(`${symbol} ${time(b.t)} ${side}: bar unknown though the bucket before is known`);
        }
      } else if (got.bar !== want[side].bar) {
        out.push(`${symbol} ${time(b.t)} ${side}: bar ${got.bar} != ${want[side].bar}`);
      }
    }
    if (sides.includes('calls') && (b.spot !== want.spot || b.gammaFlip !== want.gammaFlip)) {
      out.push(
        `${symbol} ${time(b.t)}: price ${b.spot}/${b.gammaFlip} != ${want.spot}/${want.gammaFlip}`,
      );
    }
  }
  const missing = new Set<number>();
  for (const run of record.missing) for (let t = run.from; t < run.to; t += barMs) missing.add(t);
  for (const b of truth) {
    const has = storedT.has(b.t);
    if (has && missing.has(b.t)) out.push(`${symbol} ${time(b.t)}: stored yet listed missing`);
    if (!has && !missing.has(b.t))
      out.push(`${symbol} ${time(b.t)}: lost (neither stored nor listed missing)`);
  }
  if (record.state === 'complete' && missing.size > 0)
    out.push(`${symbol}: complete yet lists missing`);
  if (expectComplete && record.state !== 'complete') {
    out.push(
      `${symbol}: ${record.state}, ${missing.size} buckets missing (first ${time(Math.min(...missing))})`,
    );
  }
  return out;
}

/** Alerts fired twice (same id, or the same symbol, kind, direction and bar). */
export function duplicateAlerts(alerts: readonly AlertRecord[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const a of alerts) {
    for (const key of [a.id, `${a.symbol}|${a.kind}|${a.direction}|${a.t}`]) {
      if (seen.has(key)) out.push(`${a.symbol} ${a.kind} ${a.direction} ${time(a.t)} twice`);
      seen.add(key);
    }
  }
  return out;
}

/**
 * `watch --json` alert events split into the alerts fired (the first event of each id) and the
 * problems among the rest: an alert's event comes again, same id, each time its outcomes change
 * (cli/watch-render.ts), and such an update may differ from the first in nothing else.
 */
export function firedAlerts(events: readonly Record<string, unknown>[]): {
  readonly fired: AlertRecord[];
  readonly problems: string[];
} {
  const first = new Map<string, AlertRecord>();
  const problems: string[] = [];
  for (const e of events) {
    if (e.type !== 'alert') continue;
    const alert = e as unknown as AlertRecord;
    const before = first.get(alert.id);
    if (!before) {
      first.set(alert.id, alert);
      continue;
    }
    const { outcomes: _was, ...rest } = before;
    const { outcomes, ...again } = alert;
    if (outcomes === undefined || JSON.stringify(again) !== JSON.stringify(rest)) {
      problems.push(
        `${alert.symbol} ${alert.kind} ${alert.direction} ${time(alert.t)} fired again (not an outcome update)`,
      );
    }
  }
  return { fired: [...first.values()], problems };
}

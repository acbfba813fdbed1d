// The simulator as the app and the server use it: the router over either the model or a
// recording, plus the raw tier and tape for tests and recording.
import { createRouter } from './api/router.js';
import { DEFAULT_KEYS, isPlan, type ApiKey } from './api/plans.js';
import { QuotaBook, rateLimitHeaders } from './api/quota.js';
import type { SimRequest, SimResponse } from './api/types.js';
import { sampleRange, sampleState, SAMPLE_MS } from './api/window.js';
import { LiveMarket } from './data/live-market.js';
import type { MarketData } from './data/market-data.js';
import { ReplayMarket } from './data/replay-market.js';
import type { DayTrack } from './model/day-track.js';
import { REGIMES, type RegimeName } from './model/regimes.js';
import { resolveProfiles, type SymbolProfileInput } from './model/symbols.js';
import type { Trade } from './model/trade-log.js';
import { parseRecording, type Recording } from './replay/parse-recording.js';

export interface SimulatorOptions {
  /** Seed of every random stream (default 1). */
  readonly seed?: number;
  /** Known API keys; default DEFAULT_KEYS (free-key, basic-key, growth-key, alpha-key). */
  readonly keys?: readonly ApiKey[];
  /** Extra symbols, or overrides of the default profiles (SPX, SPY, QQQ, IWM). */
  readonly symbols?: readonly SymbolProfileInput[];
  /** Serve a recorded session (NDJSON text or parsed) instead of the model. */
  readonly replay?: Recording | string;
  /** Keep each generated day's customer tape (needed to record it). Default false. */
  readonly keepTape?: boolean;
  /** Symbol-days kept in memory (default 64). */
  readonly maxCachedDays?: number;
}

/** One raw-tier sample: stamped at its window start, values at its end (or at now). */
interface RawSample {
  readonly t: number;
  /** False for the sample whose window contains `now`. */
  readonly complete: boolean;
  readonly spot: number;
  readonly callCumulative: number;
  readonly putCumulative: number;
  readonly netGex: number | null;
  readonly gammaFlip: number | null;
  readonly atmIv: number | null;
  /** The customer-flow regime of the model (null for recordings that lack it). */
  readonly flowRegime: RegimeName | null;
}

interface RecordedSession {
  readonly symbol: string;
  readonly date: string;
  readonly open: number;
  readonly close: number;
}

export interface Simulator {
  readonly seed: number;
  readonly source: 'model' | 'replay';
  /** Serves one request at (virtual) server time `nowMs`. */
  handle(req: SimRequest, nowMs: number): SimResponse;
  symbols(): readonly string[];
  /** The raw tier of a symbol's 0DTE day as seen at `uptoMs` (empty when there is none). */
  rawTier(symbol: string, date: string, uptoMs: number): readonly RawSample[];
  /** Classified prints in [fromMs, uptoMs) (needs keepTape; empty otherwise). */
  tape(symbol: string, date: string, fromMs: number, uptoMs: number): readonly Trade[];
  /** The stored day behind a symbol's 0DTE expiry on `date`, or null. */
  zeroDteDay(symbol: string, date: string): DayTrack | null;
  halfSpread(symbol: string): number;
  /** Replay: the recorded symbol-days, oldest first; the model has none. */
  recordedSessions(): readonly RecordedSession[];
  /** The X-RateLimit-* headers of a key now, without counting a request; null if unknown. */
  rateLimit(apiKey: string, nowMs: number): Record<string, string> | null;
}

export function createSimulator(options: SimulatorOptions = {}): Simulator {
  const recording =
    typeof options.replay === 'string' ? parseRecording(options.replay) : options.replay;
  const seed = options.seed ?? recording?.seed ?? 1;
  const profiles = resolveProfiles(options.symbols);
  const replay = recording ? new ReplayMarket(recording) : null;
  const data: MarketData =
    replay ??
    new LiveMarket({
      seed,
      profiles,
      keepTape: options.keepTape ?? false,
      maxCachedDays: options.maxCachedDays ?? 64,
    });
  const keys = new Map<string, ApiKey>();
  for (const k of options.keys ?? DEFAULT_KEYS) {
    if (!isPlan(k.plan)) throw new TypeError(`unknown plan '${String(k.plan)}' for an API key`);
    keys.set(k.key, k);
  }
  const quota = new QuotaBook();
  const route = createRouter({ data, keys, quota });

  return {
    seed,
    source: recording ? 'replay' : 'model',
    handle: route,
    symbols: () => data.symbols(),
    zeroDteDay: (symbol, date) => data.zeroDteDay(symbol, date),
    halfSpread: (symbol) => profiles.get(symbol)?.halfSpread ?? 0.01,
    recordedSessions: () =>
      (replay?.days() ?? []).map((t) => ({
        symbol: t.symbol,
        date: t.date,
        open: t.open,
        close: t.close,
      })),
    rawTier: (symbol, date, uptoMs) => rawTier(data.zeroDteDay(symbol, date), uptoMs),
    tape(symbol, date, fromMs, uptoMs) {
      const track = data.zeroDteDay(symbol, date);
      if (!track?.trades || uptoMs <= track.open) return [];
      track.ensure(track.stateAt(uptoMs));
      const log = track.trades;
      const out: Trade[] = [];
      for (let i = log.indexAt(fromMs); i < log.length; i++) {
        const trade = log.get(i);
        if (trade.t >= uptoMs) break;
        out.push(trade);
      }
      return out;
    },
    rateLimit(apiKey, nowMs) {
      const key = keys.get(apiKey);
      return key ? rateLimitHeaders(quota.peek(key, nowMs)) : null;
    },
  };
}

function rawTier(track: DayTrack | null, uptoMs: number): RawSample[] {
  if (!track) return [];
  const range = sampleRange(track, track.open, uptoMs);
  if (!range) return [];
  const f = track.fields;
  const nullable = (v: number): number | null => (Number.isNaN(v) ? null : v);
  const out: RawSample[] = [];
  for (let k = range.first; k <= range.last; k++) {
    const i = sampleState(track, k, range.visibleState);
    out.push({
      t: track.open + k * SAMPLE_MS,
      complete: track.open + (k + 1) * SAMPLE_MS <= uptoMs,
      spot: f.spot[i]!,
      callCumulative: f.callCum[i]!,
      putCumulative: f.putCum[i]!,
      netGex: nullable(f.netGex[i]!),
      gammaFlip: nullable(f.gammaFlip[i]!),
      atmIv: nullable(f.atmIv[i]!),
      flowRegime: REGIMES[track.regime[i]!] ?? null,
    });
  }
  return out;
}

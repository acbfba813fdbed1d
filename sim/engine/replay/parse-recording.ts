// Reads a recording back into replayable days. Strict about what it needs (every sample of a
// day present and in order, numbers finite), lenient about what it does not (unknown line
// types and fields are skipped, so newer recordings still replay).
import { DayTrack, STATE_FIELDS } from '../model/day-track.js';
import { REGIME_CODE, type RegimeName } from '../model/regimes.js';
import { RECORDING_FORMAT, RECORDING_VERSION, STATE_WIRE } from './recording.js';

/** The longest session a day can hold: 09:30 to 16:00 New York. */
const MAX_SESSION_MS = 390 * 60_000;

export class RecordingError extends Error {
  override readonly name = 'RecordingError';
}

interface RecordedDay {
  readonly track: DayTrack;
  readonly halfSpread: number;
}

export interface Recording {
  readonly seed: number | null;
  /** Keyed by `${symbol}|${date}`. */
  readonly days: ReadonlyMap<string, RecordedDay>;
}

interface Pending {
  readonly track: DayTrack;
  readonly halfSpread: number;
  readonly rows: Record<string, unknown>[];
}

export function parseRecording(text: string): Recording {
  let seed: number | null = null;
  let sawHeader = false;
  const pending = new Map<string, Pending>();
  const lines = text.split('\n');
  // Every line the recorder writes ends with a newline: a last line without one was cut short
  // by a crash mid-append, and is dropped like the rest of the unfinished write.
  const tornAt = text.endsWith('\n') ? -1 : lines.length - 1;
  lines.forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const fail = (why: string): never => {
      throw new RecordingError(`line ${index + 1}: ${why}`);
    };
    let obj: unknown;
    try {
      obj = JSON.parse(line);
    } catch {
      if (index === tornAt && index > 0) return;
      fail('not JSON');
    }
    if (typeof obj !== 'object' || obj === null) return fail('not an object');
    const o = obj as Record<string, unknown>;
    if (!sawHeader) {
      if (o.type !== RECORDING_FORMAT) fail(`expected a ${RECORDING_FORMAT} header`);
      if (o.version !== RECORDING_VERSION) fail(`unsupported version ${String(o.version)}`);
      seed = typeof o.seed === 'number' ? o.seed : null;
      sawHeader = true;
      return;
    }
    if (o.type === 'session') {
      const symbol = str(o.symbol, 'symbol', fail);
      const date = str(o.date, 'date', fail);
      const open = time(o.open, 'open', fail);
      const close = time(o.close, 'close', fail);
      // Checked before the day's arrays are sized from them: a close before the open made a
      // negative length, and a session of years asked for gigabytes.
      if (close <= open)
        fail(`the session closes (${String(o.close)}) before it opens (${String(o.open)})`);
      if (close - open > MAX_SESSION_MS) {
        const minutes = Math.round((close - open) / 60_000);
        fail(
          `the session lasts ${minutes} minutes; a trading day has at most ${MAX_SESSION_MS / 60_000}`,
        );
      }
      const track = new DayTrack(symbol, date, open, close, 30_000, o.zero_dte === true);
      const state = o.state;
      if (typeof state !== 'object' || state === null) fail('session without state');
      const halfSpread = o.half_spread === undefined ? 0.01 : o.half_spread;
      // A negative half spread would quote a bid above the ask.
      if (typeof halfSpread !== 'number' || !(halfSpread >= 0)) {
        return fail(`half_spread ${JSON.stringify(halfSpread)} is not a non-negative number`);
      }
      pending.set(`${symbol}|${date}`, {
        track,
        halfSpread,
        rows: [state as Record<string, unknown>],
      });
    } else if (o.type === 'sample') {
      const key = `${str(o.symbol, 'symbol', fail)}|${str(o.date, 'date', fail)}`;
      const day = pending.get(key) ?? fail(`sample before the session line of ${key}`);
      const expected = day.track.open + (day.rows.length - 1) * 30_000;
      if (time(o.t, 't', fail) !== expected) fail(`sample out of order for ${key}`);
      if (day.rows.length > day.track.steps) fail(`more samples than the session holds (${key})`);
      day.rows.push(o);
    }
  });
  if (!sawHeader) throw new RecordingError('empty recording');
  const days = new Map<string, { track: DayTrack; halfSpread: number }>();
  for (const [key, day] of pending) {
    day.rows.forEach((row, i) => fillState(day.track, i, row));
    day.track.generated = day.rows.length;
    days.set(key, { track: day.track, halfSpread: day.halfSpread });
  }
  return { seed, days };
}

function fillState(track: DayTrack, i: number, row: Record<string, unknown>): void {
  for (const field of STATE_FIELDS) {
    const v = row[STATE_WIRE[field]];
    track.fields[field][i] = typeof v === 'number' && Number.isFinite(v) ? v : NaN;
  }
  for (const f of ['spot', 'callCum', 'putCum'] as const) {
    if (Number.isNaN(track.fields[f][i]!)) {
      throw new RecordingError(`${track.symbol} ${track.date}: state ${i} lacks ${STATE_WIRE[f]}`);
    }
  }
  const regime = row.flow_regime;
  track.regime[i] =
    typeof regime === 'string' && regime in REGIME_CODE ? REGIME_CODE[regime as RegimeName] : 0;
}

function str(v: unknown, name: string, fail: (why: string) => never): string {
  return typeof v === 'string' && v !== '' ? v : fail(`missing ${name}`);
}

function time(v: unknown, name: string, fail: (why: string) => never): number {
  const ms = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isFinite(ms) ? ms : fail(`bad ${name}`);
}

// Seeded fault injection. The spec is a comma-separated list of KIND=RATE or KIND=PARAM:RATE
// (RATE a probability per request, 0-1):
//
//   latency=200ms:0.1    delay 10% of responses by 200 ms (PARAM: 200ms, 1.5s, 50-400ms)
//   5xx=0.05             answer 5% with 500/502/503
//   reset=0.02           destroy the connection without answering
//   malformed=0.02       send a 200 whose JSON does not parse
//   truncated=0.02       declare the full Content-Length, send half the body, cut the connection
//   429burst=0.01        start a burst of 429s (PARAM: burst length in requests, default 5)
//   seed=7               seed of the fault stream (default: the simulator's --seed)
//
// Each request's decisions come from its own stream keyed by (seed, request number), so a
// run with the same requests in the same order fails the same way, and every injected fault
// is logged with its request number.
import { streamFor } from '../engine/random/prng.js';

export interface FaultSpec {
  readonly latency?: { readonly minMs: number; readonly maxMs: number; readonly rate: number };
  readonly serverError?: number;
  readonly reset?: number;
  readonly malformed?: number;
  readonly truncated?: number;
  readonly burst429?: { readonly length: number; readonly rate: number };
  readonly seed?: number;
}

type FaultAction = 'none' | '5xx' | 'reset' | 'malformed' | 'truncated' | '429';

export interface FaultDecision {
  readonly request: number;
  readonly action: FaultAction;
  readonly delayMs: number;
  /** For 5xx: the status; for 429: Retry-After seconds. */
  readonly detail: number;
}

/** setTimeout's limit: a longer delay overflows and fires after 1 ms. */
const MAX_LATENCY_MS = 2_147_483_647;
/** A 429 burst longer than this is a server that refuses everything: say so with 429=1. */
const MAX_BURST = 10_000;
const MAX_SEED = 0xffff_ffff;

function rate(text: string, kind: string): number {
  const r = Number(text);
  if (text.trim() === '' || !Number.isFinite(r) || r < 0 || r > 1) {
    throw new RangeError(`fault '${kind}': rate '${text}' is not a probability in [0, 1]`);
  }
  return r;
}

/** `200ms`, `1.5s`, `50-400ms` (a uniform range); a bare number is milliseconds. */
function durationRange(text: string): { minMs: number; maxMs: number } {
  const m = /^(\d+(?:\.\d+)?)(?:-(\d+(?:\.\d+)?))?(ms|s)?$/.exec(text.trim());
  if (!m) throw new RangeError(`fault 'latency': '${text}' is not a duration like 200ms or 1.5s`);
  const unit = m[3] === 's' ? 1000 : 1;
  const minMs = Number(m[1]) * unit;
  const maxMs = m[2] === undefined ? minMs : Number(m[2]) * unit;
  if (maxMs < minMs) throw new RangeError(`fault 'latency': range '${text}' is reversed`);
  if (maxMs > MAX_LATENCY_MS) {
    throw new RangeError(
      `fault 'latency': '${text}' is longer than ${MAX_LATENCY_MS} ms (about 24.8 days), the longest a timer can wait`,
    );
  }
  return { minMs, maxMs };
}

/** Decimal digits only (Number() reads '' as 0 and '1e400' as Infinity); NaN otherwise. */
function wholeNumber(text: string): number {
  return /^\d{1,12}$/.test(text.trim()) ? Number(text.trim()) : NaN;
}

export function parseFaultSpec(spec: string): FaultSpec {
  const out: { -readonly [K in keyof FaultSpec]: FaultSpec[K] } = {};
  for (const entry of spec
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean)) {
    const eq = entry.indexOf('=');
    if (eq < 0) throw new RangeError(`fault '${entry}' needs KIND=RATE`);
    const kind = entry.slice(0, eq).trim().toLowerCase();
    const value = entry.slice(eq + 1).trim();
    const colon = value.lastIndexOf(':');
    const param = colon >= 0 ? value.slice(0, colon) : null;
    const r = colon >= 0 ? value.slice(colon + 1) : value;
    switch (kind) {
      case 'latency':
        out.latency = {
          ...durationRange(param ?? value),
          rate: param === null ? 1 : rate(r, kind),
        };
        break;
      case '5xx':
        out.serverError = rate(value, kind);
        break;
      case 'reset':
        out.reset = rate(value, kind);
        break;
      case 'malformed':
        out.malformed = rate(value, kind);
        break;
      case 'truncated':
        out.truncated = rate(value, kind);
        break;
      case '429burst': {
        const length = param === null ? 5 : wholeNumber(param);
        if (!(length >= 1 && length <= MAX_BURST)) {
          throw new RangeError(
            `fault '429burst': length '${param}' is not a whole number from 1 to ${MAX_BURST}`,
          );
        }
        out.burst429 = { length, rate: rate(r, kind) };
        break;
      }
      case 'seed': {
        const seed = wholeNumber(value);
        if (!(seed >= 0 && seed <= MAX_SEED)) {
          throw new RangeError(`fault seed '${value}' is not a whole number from 0 to ${MAX_SEED}`);
        }
        out.seed = seed;
        break;
      }
      default:
        throw new RangeError(
          `unknown fault '${kind}' (latency, 5xx, reset, malformed, truncated, 429burst, seed)`,
        );
    }
  }
  return out;
}

const SERVER_ERRORS = [500, 502, 503] as const;

export class FaultInjector {
  private count = 0;
  private burstLeft = 0;
  private readonly seed: number;

  constructor(
    private readonly spec: FaultSpec,
    defaultSeed: number,
  ) {
    this.seed = spec.seed ?? defaultSeed;
  }

  get active(): boolean {
    const s = this.spec;
    return Boolean(
      s.latency || s.serverError || s.reset || s.malformed || s.truncated || s.burst429,
    );
  }

  /** The decision for the next request (requests are numbered from 1). */
  next(): FaultDecision {
    const request = ++this.count;
    const rng = streamFor(this.seed, 'faults', String(request));
    // Always draw the same number of uniforms, so one fault kind never shifts another.
    const [uLatency, uDelay, uBurst, uReset, u5xx, uMalformed, uTruncated, uDetail] = Array.from(
      { length: 8 },
      () => rng.uniform(),
    ) as [number, number, number, number, number, number, number, number];
    const s = this.spec;
    const delayMs =
      s.latency && uLatency < s.latency.rate
        ? Math.round(s.latency.minMs + (s.latency.maxMs - s.latency.minMs) * uDelay)
        : 0;
    const decide = (action: FaultAction, detail = 0): FaultDecision => ({
      request,
      action,
      delayMs,
      detail,
    });
    if (this.burstLeft > 0 || (s.burst429 && uBurst < s.burst429.rate)) {
      if (this.burstLeft === 0) this.burstLeft = s.burst429?.length ?? 1;
      this.burstLeft--;
      return decide('429', 1 + Math.floor(uDetail * 3));
    }
    if (s.reset && uReset < s.reset) return decide('reset');
    if (s.serverError && u5xx < s.serverError) {
      return decide('5xx', SERVER_ERRORS[Math.floor(uDetail * SERVER_ERRORS.length)] ?? 500);
    }
    if (s.malformed && uMalformed < s.malformed) return decide('malformed');
    if (s.truncated && uTruncated < s.truncated) return decide('truncated');
    return decide('none');
  }
}

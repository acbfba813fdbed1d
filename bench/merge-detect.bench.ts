// `npm run bench`: what the app does with one poll's answers, 10 symbols of a whole session of
// 30 s bars (780) each: merge the series into the symbol's state, ask what closed bars changed,
// build the detector's bars and scan them (core/app/alert-pipeline.ts does exactly this).
// Baseline, measured in alternating rounds in the same run: JSON.parse of the same 10 response
// bodies, the least any client does with them. The responses come from the simulator through
// the app's own client (schema validation included), outside the timed region.
import { describe, it } from 'vitest';
import { detectorBars } from '../core/app/alert-pipeline.js';
import { DEFAULT_DETECTOR_SETTINGS, type DetectorSettings } from '../core/contract/detector.js';
import { createReference } from '../core/detect/distribution.js';
import { scan } from '../core/detect/detector.js';
import type { ReferenceDistribution } from '../core/detect/types.js';
import type { SeriesData } from '../core/model/flow.js';
import { flashAlphaSource } from '../core/source/sources.js';
import { simTransport } from '../core/source/sim-transport.js';
import { SymbolState } from '../core/state/symbol-state.js';
import { createSimulator } from '../sim/engine/simulator.js';
import { sessionOn } from '../calendar/index.js';
import { percentile, report } from './report.js';
import { EXTRA_SYMBOLS, TEN_SYMBOLS } from './ten-symbols.js';

const SESSION = sessionOn('2026-06-05')!;
const BAR_MS = 30_000;
const SYMBOLS = TEN_SYMBOLS;
/** Polls measured: the last ones of the session, one bar apart, each with the whole session. */
const POLLS = Number(process.env.HEDGEFLOW_BENCH_POLLS ?? 20);
const ROUNDS = 10;

interface Poll {
  /** Per symbol, the response body as the server sent it and as the client validated it. */
  readonly bodies: readonly string[];
  readonly data: readonly SeriesData[];
}

async function polls(): Promise<Poll[]> {
  const sim = createSimulator({
    seed: 7,
    symbols: [...EXTRA_SYMBOLS],
  });
  let now = 0;
  let body = '';
  const transport = simTransport(sim, () => now);
  const source = flashAlphaSource({
    baseUrl: 'https://sim.invalid',
    apiKey: () => 'alpha-key',
    transport: async (request) => {
      const response = await transport(request);
      body = await response.text();
      return { ...response, text: async () => body };
    },
    now: () => now,
  });
  const out: Poll[] = [];
  // The first poll fills the states (not timed); every later one brings one more closed bar.
  for (let k = 0; k <= POLLS; k++) {
    now = SESSION.close - (POLLS - k) * BAR_MS + 2_000;
    const bodies: string[] = [];
    const data: SeriesData[] = [];
    for (const symbol of SYMBOLS) {
      const result = await source.series(symbol, { bar: '30s', minutes: 390 });
      bodies.push(body);
      data.push(result.data);
    }
    out.push({ bodies, data });
  }
  return out;
}

/** One symbol as the app holds it between polls. */
interface Tracked {
  readonly state: SymbolState;
  seen: number;
}

/** The pipeline's work for one poll; returns the verdicts seen so the work cannot be skipped. */
function mergeAndDetect(
  tracked: readonly Tracked[],
  poll: Poll,
  settings: DetectorSettings,
  reference: ReferenceDistribution,
): number {
  let verdicts = 0;
  tracked.forEach((s, i) => {
    s.state.mergeSeries(poll.data[i]!);
    const changed = s.state.closedBarsChangedSince(s.seen);
    s.seen = s.state.revision;
    if (changed.length === 0) return;
    const bars = detectorBars(s.state.closedBars());
    for (const step of scan(bars, settings, { reference, barMs: BAR_MS })) {
      verdicts += step.verdicts.length;
    }
  });
  return verdicts;
}

function parseAll(poll: Poll): number {
  let n = 0;
  for (const body of poll.bodies) n += (JSON.parse(body) as { bars: unknown[] }).bars.length;
  return n;
}

function measure(settings: DetectorSettings, reference: ReferenceDistribution, all: Poll[]) {
  const ours: number[] = [];
  const base: number[] = [];
  const fresh = (): Tracked[] => {
    const tracked = SYMBOLS.map((symbol) => ({
      state: new SymbolState(symbol, '30s', SESSION.open, SESSION.close),
      seen: -1,
    }));
    mergeAndDetect(tracked, all[0]!, settings, reference);
    return tracked;
  };
  let sink = 0;
  // Warm-up round (JIT), then rounds that alternate the two so a busy machine slows both alike.
  for (let round = -1; round < ROUNDS; round++) {
    const tracked = fresh();
    for (const poll of all.slice(1)) {
      let t0 = performance.now();
      sink += parseAll(poll);
      const parse = performance.now() - t0;
      t0 = performance.now();
      sink += mergeAndDetect(tracked, poll, settings, reference);
      const work = performance.now() - t0;
      if (round >= 0) {
        base.push(parse);
        ours.push(work);
      }
    }
  }
  ours.sort((a, b) => a - b);
  base.sort((a, b) => a - b);
  return { ours, base, sink };
}

describe('merge + detect', () => {
  it(`one poll: ${SYMBOLS.length} symbols x 780 bars`, async () => {
    const all = await polls();
    const bars = all[1]!.data.reduce((n, d) => n + d.bars.length, 0);
    // A 20-session reference and every option on, as docs/detection.md's heaviest setting.
    const heavy: DetectorSettings = {
      ...DEFAULT_DETECTOR_SETTINGS,
      minPercentile: 80,
      flipAfter: 10,
      gammaFlipCross: true,
      requireAttribution: 'one-sided',
      requireChasing: true,
    };
    const reference = createReference(
      Array.from({ length: 20 * 780 }, (_, i) => Math.abs(Math.sin(i) * 4e6)),
    );
    const cases = [
      { name: 'default detector', settings: DEFAULT_DETECTOR_SETTINGS, reference },
      { name: 'every option, 15,600-value reference', settings: heavy, reference },
    ];
    for (const c of cases) {
      const { ours, base } = measure(c.settings, c.reference, all);
      report(
        `merge + detect, ${c.name}: ${SYMBOLS.length} symbols, ${bars} bars per poll, ${ours.length} polls (baseline: JSON.parse of the same bodies)`,
        [
          {
            name: 'per poll, p50',
            value: percentile(ours, 50),
            unit: 'ms',
            baseline: percentile(base, 50),
            times: 'JSON.parse',
          },
          {
            name: 'per poll, p99',
            value: percentile(ours, 99),
            unit: 'ms',
            baseline: percentile(base, 99),
            times: 'JSON.parse',
          },
        ],
      );
    }
  });
});

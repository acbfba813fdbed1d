// The page side of `npm run bench` (bench/renderer.bench.ts): N charts of P points each,
// updated together as a poll's pushes update the popover's rows. Each page holds one chart
// configuration, so the two never share registered chart.js components.
import type { SeriesPoint } from '../../core/contract/index.js';

export interface BenchTarget {
  /** Builds one chart per canvas from its first series. */
  create(canvases: readonly HTMLCanvasElement[], series: readonly SeriesPoint[][]): void;
  /** Applies a new series to every chart. */
  update(series: readonly SeriesPoint[][]): void;
  /** Whether a chart is still animating towards the update (chart.js's animator). */
  animating(): boolean;
}

interface RunResult {
  /** Synchronous time of one update of every chart, ms. */
  readonly sync: number[];
  /** From the start of an update to the first frame after every chart settled, ms. */
  readonly settled: number[];
}

const START = Date.UTC(2026, 5, 5, 13, 30);

/**
 * Each symbol's cumulative is a deterministic random walk; update `step` shows the `points` bars
 * from bar `step` on, as a rolling window moves on by one bar per poll (every point moves, the
 * scales change, the sign of the newest value rarely does).
 */
function makeSeries(symbols: number, points: number, step: number): SeriesPoint[][] {
  const out: SeriesPoint[][] = [];
  for (let s = 0; s < symbols; s++) {
    let seed = (s + 1) * 7919;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    let all = 0;
    let calls = 0;
    let spot = 500 + s * 10;
    const list: SeriesPoint[] = [];
    for (let i = 0; i < step + points; i++) {
      const c = (rand() - 0.48) * 4e6;
      const p = (rand() - 0.52) * 3e6;
      calls += c;
      all += c + p;
      spot += (rand() - 0.5) * 0.2;
      if (i < step) continue;
      list.push({ t: START + i * 30_000, all, calls, puts: all - calls, spot, gammaFlip: null });
    }
    out.push(list);
  }
  return out;
}

/** Resolves in the next frame's callbacks, with the time they run (not the frame's start). */
function frame(): Promise<number> {
  return new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
}

export function installBench(target: BenchTarget): void {
  let symbols = 0;
  let points = 0;
  const api = {
    setup(n: number, p: number, width: number, height: number): void {
      symbols = n;
      points = p;
      const root = document.getElementById('charts')!;
      const canvases: HTMLCanvasElement[] = [];
      for (let i = 0; i < n; i++) {
        const box = document.createElement('div');
        box.className = 'box';
        box.style.width = `${width}px`;
        box.style.height = `${height}px`;
        const canvas = document.createElement('canvas');
        box.append(canvas);
        root.append(box);
        canvases.push(canvas);
      }
      target.create(canvases, makeSeries(n, p, 0));
    },
    async run(iterations: number): Promise<RunResult> {
      const sync: number[] = [];
      const settled: number[] = [];
      for (let k = 1; k <= iterations; k++) {
        const series = makeSeries(symbols, points, k); // outside the timed region
        await frame();
        const t0 = performance.now();
        target.update(series);
        sync.push(performance.now() - t0);
        let now = await frame();
        while (target.animating()) now = await frame();
        settled.push(now - t0);
      }
      return { sync, settled };
    },
  };
  (window as unknown as { __bench: typeof api }).__bench = api;
}

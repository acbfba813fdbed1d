import {
  Chart,
  Decimation,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
} from 'chart.js';
import { describe, expect, it } from 'vitest';
import { offscreenCanvas } from '../../../support/offscreen-canvas.js';
import type { SeriesPoint } from '../../../../core/contract/views.js';
import { decimateLine, type LinePoint } from '../../../../renderer/lib/charts/decimate.js';

Chart.register(LineController, LineElement, PointElement, LinearScale, Decimation);

const OPEN = Date.parse('2026-06-05T13:30:00Z');
const BAR = 30_000;

/** A session of 30 s bars whose cumulative is a seeded random walk; `unknown` indices are null. */
function session(n: number, seed: number, unknown: ReadonlySet<number> = new Set()): SeriesPoint[] {
  let s = seed;
  let all = 0;
  return Array.from({ length: n }, (_, i) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    all += (s / 2147483648 - 0.5) * 4e6;
    return {
      t: OPEN + i * BAR,
      all: unknown.has(i) ? null : all,
      calls: i % 7 === 0 ? null : all / 2,
      puts: null,
      spot: null,
      gammaFlip: null,
    };
  });
}

/** What chart.js's own decimation plugin (LTTB, `samples` points) keeps of `data`. */
function chartJsLttb(
  data: { x: number; y: number }[],
  samples: number,
): { x: number; y: number }[] {
  const chart = new Chart(offscreenCanvas(samples, 40), {
    type: 'line',
    data: { datasets: [{ data }] },
    options: {
      animation: false,
      responsive: false,
      parsing: false,
      normalized: true,
      plugins: { decimation: { enabled: true, algorithm: 'lttb', samples, threshold: samples } },
      scales: { x: { type: 'linear' }, y: { type: 'linear' } },
    },
  });
  const decimated = (chart.data.datasets[0] as unknown as { _decimated: typeof data })._decimated;
  chart.destroy();
  return decimated.map(({ x, y }) => ({ x, y }));
}

const xy = (out: readonly LinePoint[]) => out.map(({ x, y }) => ({ x, y }));

describe('decimateLine: a sparkline’s points at about one per pixel column', () => {
  it('keeps exactly the points chart.js’s LTTB keeps on a session without gaps', () => {
    for (const [n, samples] of [
      [780, 320],
      [780, 180],
      [391, 100],
    ] as const) {
      const points = session(n, n + samples);
      const out: LinePoint[] = [];
      decimateLine(points, 'all', samples, BAR, out);
      expect(out).toHaveLength(samples);
      expect(xy(out)).toEqual(
        chartJsLttb(
          points.flatMap((p) => (p.all === null ? [] : [{ x: p.t, y: p.all }])),
          samples,
        ),
      );
    }
  });

  it('hands every point over when there are no more than the pixel columns', () => {
    const points = session(150, 3);
    const out: LinePoint[] = [];
    decimateLine(points, 'all', 180, BAR, out);
    expect(xy(out)).toEqual(points.map((p) => ({ x: p.t, y: p.all })));
  });

  it('keeps an unknown cumulative as a gap, decimated or not, and never draws across it', () => {
    // Nulls at 300-309, and buckets 600-604 missing altogether (the server never sent them).
    const unknown = new Set(Array.from({ length: 10 }, (_, i) => 300 + i));
    const points = session(785, 11, unknown).filter((_, i) => i < 600 || i >= 605);
    for (const samples of [180, 2000]) {
      const out: LinePoint[] = [];
      decimateLine(points, 'all', samples, BAR, out);
      const gaps = out.filter((p) => Number.isNaN(p.y));
      expect(gaps).toHaveLength(2);
      // The gap markers sit inside the holes, and no known point does.
      const holes = [
        [OPEN + 299 * BAR, OPEN + 310 * BAR],
        [OPEN + 599 * BAR, OPEN + 605 * BAR],
      ];
      gaps.forEach((g, i) => {
        expect(g.x).toBeGreaterThan(holes[i]![0]!);
        expect(g.x).toBeLessThan(holes[i]![1]!);
      });
      for (const p of out.filter((q) => !Number.isNaN(q.y))) {
        for (const [from, to] of holes) expect(p.x <= from! || p.x >= to!).toBe(true);
      }
      // Each run keeps its ends, so the line reaches both edges of every hole.
      for (const t of [299, 310, 599, 605].map((i) => OPEN + i * BAR)) {
        expect(out.some((p) => p.x === t && !Number.isNaN(p.y))).toBe(true);
      }
      // Sorted by x, as chart.js's `normalized: true` promises it.
      for (let i = 1; i < out.length; i++) expect(out[i]!.x).toBeGreaterThan(out[i - 1]!.x);
      if (samples < points.length) expect(out.length).toBeLessThanOrEqual(samples + 2);
    }
  });

  it('reports the extent of every known value, including those decimation dropped', () => {
    const points = session(780, 5);
    const known = points.flatMap((p) => (p.all === null ? [] : [p.all]));
    const out: LinePoint[] = [];
    const extent = decimateLine(points, 'all', 60, BAR, out);
    expect(extent).toEqual({ min: Math.min(...known), max: Math.max(...known) });
    expect(decimateLine(session(5, 1, new Set([0, 1, 2, 3, 4])), 'all', 60, BAR, out)).toBeNull();
    expect(out).toHaveLength(0);
  });

  it('reuses the objects it already handed to chart.js', () => {
    const out: LinePoint[] = [];
    decimateLine(session(780, 1), 'all', 200, BAR, out);
    const first = [...out];
    decimateLine(session(780, 2), 'all', 100, BAR, out);
    expect(out).toHaveLength(100);
    out.forEach((p, i) => expect(p).toBe(first[i]));
  });

  it('reads the legs the same way (a null leg value is a gap)', () => {
    const points = session(100, 9);
    const out: LinePoint[] = [];
    decimateLine(points, 'calls', 500, BAR, out);
    // calls is null every 7th bar: 15 nulls, the first before any known value, so 14 gaps.
    expect(out.filter((p) => Number.isNaN(p.y))).toHaveLength(14);
  });
});

import { Chart, type ChartConfiguration } from 'chart.js';
import { describe, expect, it } from 'vitest';
import { offscreenCanvas } from '../../../support/offscreen-canvas.js';
import type { LinePoint } from '../../../../renderer/lib/charts/decimate.js';
import {
  SPARKLINE_TYPE,
  SparklineController,
} from '../../../../renderer/lib/charts/sparkline-type.js';

/** A walk with a gap (NaN, as decimate.ts marks one) and, optionally, a point off the x range. */
function points(n: number, seed: number): LinePoint[] {
  let s = seed;
  let y = 0;
  return Array.from({ length: n }, (_, i) => {
    s = (s * 1103515245 + 12345) % 2147483648;
    y += (s / 2147483648 - 0.5) * 4e6;
    return { x: 1_780_000_000_000 + i * 30_000, y: i >= 40 && i < 45 ? NaN : y };
  });
}

function chart(type: 'line' | typeof SPARKLINE_TYPE, data: LinePoint[], x: [number, number]) {
  const config = {
    type,
    data: { datasets: [{ data, pointRadius: 0, tension: 0, spanGaps: false }] },
    options: {
      animation: false,
      responsive: false,
      parsing: false,
      normalized: true,
      events: [],
      // As the sparkline lays out: no inset for the stroke, so both charts share one frame.
      layout: { autoPadding: false },
      plugins: { tooltip: false, decimation: false },
      scales: {
        x: { type: 'linear', display: false, min: x[0], max: x[1] },
        y: { type: 'linear', display: false, min: -8e7, max: 8e7 },
      },
    },
  } as unknown as ChartConfiguration<'line', LinePoint[]>;
  return new Chart(offscreenCanvas(320, 160), config);
}

/** Where chart.js's elements put each point: x, y and whether it is skipped (a gap). */
function placed(c: Chart<'line', LinePoint[]>) {
  return c.getDatasetMeta(0).data.map((p) => {
    const e = p as unknown as { x: number; y: number; skip: boolean };
    return { x: e.x, y: e.y, skip: e.skip };
  });
}

function expectSamePlaces(ours: Chart<'line', LinePoint[]>, stock: Chart<'line', LinePoint[]>) {
  const a = placed(ours);
  const b = placed(stock);
  expect(a).toHaveLength(b.length);
  a.forEach((p, i) => {
    const q = b[i]!;
    expect(p.skip, `point ${i} skipped`).toBe(q.skip);
    if (q.skip) return;
    // The same map as getPixelForValue, computed as one multiply-add: equal to far below a pixel.
    expect(Math.abs(p.x - q.x), `point ${i} x`).toBeLessThan(1e-9);
    expect(Math.abs(p.y - q.y), `point ${i} y`).toBeLessThan(1e-9);
  });
}

describe('the sparkline chart type places points where chart.js’s line chart does', () => {
  it('on a full update, gaps included', () => {
    const data = points(300, 7);
    const range: [number, number] = [data[0]!.x, data.at(-1)!.x];
    const ours = chart(SPARKLINE_TYPE, data, range);
    const stock = chart('line', points(300, 7), range);
    expect(ours.getDatasetMeta(0).controller).toBeInstanceOf(SparklineController);
    expectSamePlaces(ours, stock);
    ours.destroy();
    stock.destroy();
  });

  it('on the data-only path (placePoints), with new values, a new length and moved scales', () => {
    const first = points(300, 7);
    const ours = chart(SPARKLINE_TYPE, first, [first[0]!.x, first.at(-1)!.x]);
    const next = points(320, 9);
    // The data array is rewritten in place, as SparklineChart does, and grows.
    next.forEach((p, i) => (first[i] = p));
    for (const [id, min, max] of [
      ['x', next[0]!.x, next.at(-1)!.x],
      ['y', -9e7, 7e7],
    ] as const) {
      const scale = ours.scales[id]!;
      scale.min = min;
      scale.max = max;
      scale.configure();
    }
    (ours.getDatasetMeta(0).controller as SparklineController).placePoints(first);
    const stock = chart('line', points(320, 9), [next[0]!.x, next.at(-1)!.x]);
    stock.options.scales!['y']!.min = -9e7;
    stock.options.scales!['y']!.max = 7e7;
    stock.update('none');
    expectSamePlaces(ours, stock);
    ours.destroy();
    stock.destroy();
  });

  it('skips the points outside the x range as chart.js does when the scales did not move', () => {
    const data = points(300, 3);
    const range: [number, number] = [data[50]!.x, data[250]!.x];
    const ours = chart(SPARKLINE_TYPE, data, range);
    (ours.getDatasetMeta(0).controller as SparklineController).placePoints(data);
    const stock = chart('line', points(300, 3), range);
    stock.update('none');
    expectSamePlaces(ours, stock);
    ours.destroy();
    stock.destroy();
  });
});

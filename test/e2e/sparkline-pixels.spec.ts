// The sparkline, drawn by chart.js in Chromium, read back pixel by pixel. Its update was made
// cheap (decimation to the device pixels, a data-only path past chart.js's full update, a
// sparkline chart type without the per-update Path2D); these prove the picture did not change:
// it is the picture plain Canvas 2D draws through every point (the renderer bench's floor),
// the data-only path draws exactly what chart.js's full update draws, and an unknown cumulative
// stays a gap after decimation.
import path from 'node:path';
import { expect, test, type Browser, type Page } from '@playwright/test';
import type { SeriesPoint } from '../../core/contract/views.js';
import type { PixelSpec, SparklineDrawn } from '../../renderer/bench/pixels.js';
import type { SparklineInput } from '../../renderer/lib/charts/sparkline-chart.js';
import { createSimulator } from '../../sim/engine/simulator.js';
import { sessionOn } from '../../calendar/index.js';
import { serveDirectory } from './harness/static-server.js';
import { compareLines, inkByColour, lineCentres, type Drawing } from './harness/line-pixels.js';

const BAR = 30_000;
const SESSION = sessionOn('2026-06-05')!;
/** Red up, green down, blue zero line: the helpers tell line from zero line by colour. */
const THEME = {
  up: '#ff0000',
  down: '#00c000',
  all: '#ff0000',
  calls: '#ff8000',
  puts: '#c0ff00',
  price: '#808080',
  flip: '#808080',
  grid: '#808080',
  text: '#808080',
  muted: '#808080',
  zero: '#0000ff',
};

let server: { url: string; close(): Promise<void> };

test.beforeAll(async () => {
  server = await serveDirectory(path.resolve(import.meta.dirname, '../../dist/bench-renderer'));
});

test.afterAll(async () => {
  await server?.close();
});

async function chartPage(browser: Browser, ratio: number): Promise<Page> {
  const context = await browser.newContext({
    deviceScaleFactor: ratio,
    viewport: { width: 800, height: 600 },
  });
  const page = await context.newPage();
  await page.goto(`${server.url}bench/pixels.html`);
  await page.waitForFunction(() => '__pixels' in window);
  return page;
}

type PixelsApi = {
  sparkline(spec: PixelSpec): SparklineDrawn;
  plain(spec: PixelSpec): Drawing;
  reference(spec: PixelSpec): Drawing;
};

function sparkline(page: Page, spec: PixelSpec): Promise<SparklineDrawn> {
  return page.evaluate(
    (s) => (window as unknown as { __pixels: PixelsApi }).__pixels.sparkline(s),
    spec,
  );
}

function plain(page: Page, spec: PixelSpec): Promise<Drawing> {
  return page.evaluate(
    (s) => (window as unknown as { __pixels: PixelsApi }).__pixels.plain(s),
    spec,
  );
}

function reference(page: Page, spec: PixelSpec): Promise<Drawing> {
  return page.evaluate(
    (s) => (window as unknown as { __pixels: PixelsApi }).__pixels.reference(s),
    spec,
  );
}

/** The simulator's SPY session at the close, as the rows get it: 780 cumulatives of 30 s bars. */
function simSession(symbol: string): SeriesPoint[] {
  const sim = createSimulator({ seed: 7 });
  const res = sim.handle(
    {
      method: 'GET',
      url: `/v1/flow/zero-dte/series/${symbol}?bar=30s&minutes=390`,
      headers: { 'x-api-key': 'alpha-key' },
    },
    SESSION.close,
  );
  const body = JSON.parse(res.body) as {
    bars: { t: string; hedge_flow_cumulative_all: number; hedge_flow_call_cumulative: number }[];
  };
  return body.bars.map((b) => ({
    t: Date.parse(b.t),
    all: b.hedge_flow_cumulative_all,
    calls: b.hedge_flow_call_cumulative,
    puts: b.hedge_flow_cumulative_all - b.hedge_flow_call_cumulative,
    spot: null,
    gammaFlip: null,
  }));
}

/** A jagged random walk (noise at every scale: the hardest line to decimate). */
function walk(n: number, seed: number, drift = 0, unknown: (i: number) => boolean = () => false) {
  let s = seed;
  let all = 0;
  const out: SeriesPoint[] = [];
  for (let i = 0; i < n; i++) {
    s = (s * 1103515245 + 12345) % 2147483648;
    all += (s / 2147483648 - 0.5 + drift) * 4e6;
    out.push({
      t: SESSION.open + i * BAR,
      all: unknown(i) ? null : all,
      calls: all * 0.6,
      puts: all * 0.4,
      spot: null,
      gammaFlip: null,
    });
  }
  return out;
}

function input(points: SeriesPoint[], extra: Partial<SparklineInput> = {}): SparklineInput {
  return { points, showLegs: false, range: null, barMs: BAR, ...extra };
}

const SIZES = [
  { width: 180, height: 28, ratio: 1 }, // a row in the popover
  { width: 180, height: 28, ratio: 2 }, // the same on a HiDPI screen
  { width: 320, height: 160, ratio: 1 }, // the renderer bench's canvases
] as const;

test.describe('sparkline pixels', () => {
  test('draws the picture plain Canvas 2D draws through every point, as closely as chart.js drawing them all', async ({
    browser,
  }) => {
    const sessions = {
      'sim SPY': simSession('SPY'),
      'sim SPX': simSession('SPX'),
      'jagged walk': walk(780, 17),
    };
    for (const size of SIZES) {
      const page = await chartPage(browser, size.ratio);
      for (const [name, points] of Object.entries(sessions)) {
        // A previous session first, so the one compared takes the data-only path.
        const spec: PixelSpec = {
          width: size.width,
          height: size.height,
          theme: THEME,
          inputs: [input(walk(700, 3)), input(points)],
        };
        const chart = await sparkline(page, spec);
        const floor = await plain(page, spec);
        const undecimated = compareLines(await reference(page, spec), floor, size.ratio);
        const ours = compareLines(chart, floor, size.ratio);
        const what = `${name} at ${size.width}x${size.height} @${size.ratio}x`;
        expect(chart.fullUpdates, `${what}: drawn by the data-only path`).toBe(1);
        expect(chart.points, `${what}: decimated to the device pixels`).toBe(
          size.width * size.ratio,
        );
        // The line is where the floor's is: in the same columns (nothing added, nothing lost)...
        expect(ours.columnsInOneOnly, `${what}: columns with line in one drawing only`).toEqual([]);
        expect(ours.distances.length, what).toBe(size.width * size.ratio);
        // ...and as close to it as chart.js gets drawing every point (its dense-data path draws
        // a column's points as one vertical stroke, so it never matches the floor exactly).
        expect(ours.p95, `${what}: 95th percentile distance, px`).toBeLessThanOrEqual(
          undecimated.p95 + 0.25,
        );
        expect(ours.max, `${what}: largest distance, px`).toBeLessThanOrEqual(undecimated.max + 1);
        if (name.startsWith('sim') && size.height === 28) {
          // At the popover's size, within a pixel in 95% of the columns, and never farther
          // than about the stroke's width plus its antialiasing.
          expect(ours.p95, `${what}: 95th percentile distance, px`).toBeLessThanOrEqual(1);
          expect(ours.max, `${what}: largest distance, px`).toBeLessThanOrEqual(2.75);
        }
      }
      await page.context().close();
    }
  });

  test('the data-only path draws exactly what chart.js’s full update draws', async ({
    browser,
  }) => {
    const page = await chartPage(browser, 1);
    const up = walk(780, 5, 0.05);
    const cases: Record<string, SparklineInput[]> = {
      'a new session': [input(walk(780, 1)), input(up)],
      'the cumulative crossing zero (the colour turns)': [input(up), input(walk(780, 5, -0.05))],
      'the session range': [
        input(up.slice(0, 400)),
        input(up.slice(0, 401), { range: { min: SESSION.open, max: SESSION.close } }),
      ],
      'calls and puts shown': [
        input(walk(780, 2), { showLegs: true }),
        input(walk(780, 9), { showLegs: true }),
      ],
      gaps: [input(up), input(walk(780, 4, 0, (i) => i >= 300 && i < 340))],
      'one more bar': [input(up.slice(0, 500)), input(up.slice(0, 501))],
    };
    for (const [name, inputs] of Object.entries(cases)) {
      const spec: PixelSpec = { width: 180, height: 28, theme: THEME, inputs };
      const fast = await sparkline(page, spec);
      const full = await sparkline(page, { ...spec, full: true });
      expect(fast.fullUpdates, name).toBe(1);
      expect(full.fullUpdates, name).toBe(2);
      expect(fast.rgba === full.rgba, `${name}: identical pixels`).toBe(true);
    }
    await page.context().close();
  });

  test('the line takes the down colour when the cumulative falls below zero, on the data-only path', async ({
    browser,
  }) => {
    const page = await chartPage(browser, 1);
    const above = walk(780, 5, 0.05);
    const below = above.map((p) => ({ ...p, all: p.all === null ? null : -p.all }));
    const spec = (inputs: SparklineInput[]): PixelSpec => ({
      width: 180,
      height: 28,
      theme: THEME,
      inputs,
    });
    const up = inkByColour(await sparkline(page, spec([input(below), input(above)])));
    const down = inkByColour(await sparkline(page, spec([input(above), input(below)])));
    expect(up.red).toBeGreaterThan(150);
    expect(up.green).toBe(0);
    expect(down.green).toBeGreaterThan(150);
    expect(down.red).toBe(0);
    await page.context().close();
  });

  test('an unknown cumulative, or a bucket the server never sent, stays a gap after decimation', async ({
    browser,
  }) => {
    const page = await chartPage(browser, 1);
    // 780 bars drawn on 180 columns: decimated. Unknown at bars 300-339; 600-629 missing.
    const points = walk(780, 23, 0, (i) => i >= 300 && i < 340).filter(
      (_, i) => i < 600 || i >= 630,
    );
    const spec: PixelSpec = {
      width: 180,
      height: 28,
      theme: THEME,
      inputs: [input(walk(700, 2)), input(points)],
    };
    const chart = await sparkline(page, spec);
    expect(chart.points, 'decimated: 180 columns and two gap markers').toBeLessThanOrEqual(182);
    expect(chart.segments, 'three runs of line').toBe(3);
    const column = (bar: number) => ((bar * BAR) / (SESSION.close - BAR - SESSION.open)) * 180;
    const centres = lineCentres(chart);
    const inked = (from: number, to: number) =>
      centres.slice(Math.ceil(from), Math.floor(to)).map((c) => c !== null);
    // No line inside either hole (a pixel of margin for the stroke's ends)...
    expect(inked(column(299) + 1.5, column(340) - 1.5)).not.toContain(true);
    expect(inked(column(599) + 1.5, column(630) - 1.5)).not.toContain(true);
    // ...and line right up to both sides of each.
    for (const [from, to] of [
      [column(280), column(299)],
      [column(340), column(360)],
      [column(580), column(599)],
      [column(630), column(650)],
    ] as const) {
      expect(inked(from, to)).not.toContain(false);
    }
    // Where it is drawn, it is the floor's line; the two differ at most in the antialiased
    // column where a run ends (a line ending 0.1 px into a column inks it faintly, or not).
    const diff = compareLines(chart, await plain(page, spec), 1);
    const edges = [299, 340, 599, 630].map(column);
    for (const x of diff.columnsInOneOnly) {
      expect(Math.min(...edges.map((e) => Math.abs(x + 0.5 - e))), `column ${x}`).toBeLessThan(1);
    }
    expect(diff.max).toBeLessThanOrEqual(2);
    await page.context().close();
  });
});

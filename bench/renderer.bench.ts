// `npm run bench`: the popover's charts in real Chromium. Ten symbols of 780 points (a session
// of 30 s bars) are updated together, as one poll's pushes update every row, with HedgeFlow's
// sparkline configuration and with chart.js's defaults, measured in the same run: the
// synchronous update, the time until the final frame is on screen, main-thread time per update
// (CDP Performance metrics) and the JS heap after a forced GC (CDP).
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { chromium, type Browser, type CDPSession } from '@playwright/test';
import { afterAll, beforeAll, test } from 'vitest';
import { serveDirectory } from '../test/e2e/harness/static-server.js';
import { percentile, report, type BenchRow } from './report.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.HEDGEFLOW_CHROMIUM ?? '/usr/bin/chromium';
const SYMBOLS = 10;
const POINTS = 780;
const ITERATIONS = Number(process.env.HEDGEFLOW_BENCH_ITERATIONS ?? 20);
const WIDTH = 320;
const HEIGHT = 160;

interface Measured {
  readonly syncP50: number;
  readonly syncP95: number;
  readonly settledP50: number;
  readonly taskMsPerUpdate: number;
  readonly heapMb: number;
}

let browser: Browser;
let server: { url: string; close(): Promise<void> };

beforeAll(async () => {
  execFileSync(
    process.execPath,
    [
      'node_modules/vite/bin/vite.js',
      'build',
      '--logLevel',
      'warn',
      '--config',
      'vite.bench-renderer.config.ts',
    ],
    { cwd: ROOT, stdio: 'inherit' },
  );
  server = await serveDirectory(path.join(ROOT, 'dist/bench-renderer'));
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[];
  };
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

async function measure(pageName: 'hedgeflow' | 'defaults'): Promise<Measured> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  try {
    await page.goto(`${server.url}bench/${pageName}.html`);
    await page.waitForFunction(() => '__bench' in window);
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.evaluate(
      ([n, p, w, h]) =>
        (window as unknown as { __bench: { setup(...a: number[]): void } }).__bench.setup(
          n!,
          p!,
          w!,
          h!,
        ),
      [SYMBOLS, POINTS, WIDTH, HEIGHT],
    );
    // Warm up (JIT, first layout), then measure.
    await page.evaluate(() =>
      (window as unknown as { __bench: { run(k: number): Promise<unknown> } }).__bench.run(3),
    );
    const before = await taskSeconds(cdp);
    const result = await page.evaluate(
      (k) =>
        (
          window as unknown as {
            __bench: { run(k: number): Promise<{ sync: number[]; settled: number[] }> };
          }
        ).__bench.run(k),
      ITERATIONS,
    );
    const after = await taskSeconds(cdp);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const sync = [...result.sync].sort((a, b) => a - b);
    const settled = [...result.settled].sort((a, b) => a - b);
    return {
      syncP50: percentile(sync, 50),
      syncP95: percentile(sync, 95),
      settledP50: percentile(settled, 50),
      taskMsPerUpdate: ((after - before) * 1000) / ITERATIONS,
      heapMb: heap.usedSize / 1024 / 1024,
    };
  } finally {
    await context.close();
  }
}

test(`renderer: update ${SYMBOLS} symbols x ${POINTS} points, HedgeFlow vs chart.js defaults`, async () => {
  // Baseline first, then ours, each in a fresh browser context.
  const base = await measure('defaults');
  const ours = await measure('hedgeflow');
  const rows: BenchRow[] = [
    { name: 'update, synchronous p50', value: ours.syncP50, unit: 'ms', baseline: base.syncP50 },
    { name: 'update, synchronous p95', value: ours.syncP95, unit: 'ms', baseline: base.syncP95 },
    {
      name: 'update to final frame p50',
      value: ours.settledP50,
      unit: 'ms',
      baseline: base.settledP50,
    },
    {
      name: 'main-thread task time per update',
      value: ours.taskMsPerUpdate,
      unit: 'ms',
      baseline: base.taskMsPerUpdate,
    },
    { name: 'renderer JS heap after GC', value: ours.heapMb, unit: 'MB', baseline: base.heapMb },
  ];
  report(
    `renderer charts: ${SYMBOLS} x ${POINTS} points, ${WIDTH}x${HEIGHT} px, ${ITERATIONS} updates (Chromium ${browser.version()})`,
    rows,
  );
});

// `npm run bench`: the popover's sparklines in real Chromium. Ten symbols of 780 points (a
// session of 30 s bars) are updated together, as one poll's pushes update every row, and
// measured against two baselines in the same run:
//
// - the floor: the same points, the same picture, on the same canvases, drawn with plain Canvas
//   2D (renderer/bench/plain-sparkline.ts). Its page and HedgeFlow's are open side by side and
//   measured in alternating rounds, so a busy machine slows both alike;
// - chart.js as its docs start you off (renderer/bench/defaults.ts).
//
// Per configuration: the synchronous update (what the main thread pays for a poll when the
// canvas is rasterised off it, as on a GPU), the time until the next frame is on screen,
// main-thread task time per update (CDP; here it includes software rasterisation), and the JS
// heap after a forced GC.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type CDPSession,
  type Page,
} from '@playwright/test';
import { afterAll, beforeAll, test } from 'vitest';
import { serveDirectory } from '../test/e2e/harness/static-server.js';
import { percentile, report, type BenchRow } from './report.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.HEDGEFLOW_CHROMIUM ?? '/usr/bin/chromium';
const SYMBOLS = 10;
const POINTS = 780;
const ITERATIONS = Number(process.env.HEDGEFLOW_BENCH_ITERATIONS ?? 20);
/** Rounds the floor and HedgeFlow alternate in; each runs ITERATIONS updates in all. */
const ROUNDS = 5;
const WIDTH = 320;
const HEIGHT = 160;

type PageName = 'hedgeflow' | 'defaults' | 'floor';

interface BenchApi {
  setup(n: number, p: number, w: number, h: number): void;
  run(k: number): Promise<{ sync: number[]; settled: number[] }>;
}

/** One open bench page and what it measured so far. */
interface Subject {
  readonly context: BrowserContext;
  readonly page: Page;
  readonly cdp: CDPSession;
  readonly sync: number[];
  readonly settled: number[];
  taskSeconds: number;
  updates: number;
}

interface Measured {
  readonly syncP10: number;
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
  // Cross-origin isolated pages get 5 us timers instead of 100 us: the floor is under a ms.
  server = await serveDirectory(path.join(ROOT, 'dist/bench-renderer'), {
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-embedder-policy': 'require-corp',
  });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(name: PageName): Promise<Subject> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  const page = await context.newPage();
  await page.goto(`${server.url}bench/${name}.html`);
  await page.waitForFunction(() => '__bench' in window);
  if (!(await page.evaluate(() => crossOriginIsolated))) throw new Error('page not isolated');
  await page.evaluate(
    ([n, p, w, h]) => (window as unknown as { __bench: BenchApi }).__bench.setup(n!, p!, w!, h!),
    [SYMBOLS, POINTS, WIDTH, HEIGHT],
  );
  // Warm up (JIT, first layout).
  await page.evaluate(() => (window as unknown as { __bench: BenchApi }).__bench.run(3));
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { context, page, cdp, sync: [], settled: [], taskSeconds: 0, updates: 0 };
}

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
}

async function runOn(subject: Subject, iterations: number): Promise<void> {
  const before = await taskSeconds(subject.cdp);
  const result = await subject.page.evaluate(
    (k) => (window as unknown as { __bench: BenchApi }).__bench.run(k),
    iterations,
  );
  subject.taskSeconds += (await taskSeconds(subject.cdp)) - before;
  subject.updates += iterations;
  subject.sync.push(...result.sync);
  subject.settled.push(...result.settled);
}

async function finish(subject: Subject): Promise<Measured> {
  await subject.cdp.send('HeapProfiler.collectGarbage');
  const heap = await subject.cdp.send('Runtime.getHeapUsage');
  await subject.context.close();
  const sync = [...subject.sync].sort((a, b) => a - b);
  const settled = [...subject.settled].sort((a, b) => a - b);
  return {
    syncP10: percentile(sync, 10),
    syncP50: percentile(sync, 50),
    syncP95: percentile(sync, 95),
    settledP50: percentile(settled, 50),
    taskMsPerUpdate: (subject.taskSeconds * 1000) / subject.updates,
    heapMb: heap.usedSize / 1024 / 1024,
  };
}

/** Against the floor every row reads "N x the floor" (the p50 update has the target). */
function rows(ours: Measured, base: Measured, floor: boolean): BenchRow[] {
  const list: BenchRow[] = [
    { name: 'update, synchronous p50', value: ours.syncP50, unit: 'ms', baseline: base.syncP50 },
    { name: 'update, synchronous p95', value: ours.syncP95, unit: 'ms', baseline: base.syncP95 },
    // Least disturbed by a busy machine (a longer update is more often preempted).
    { name: 'update, synchronous p10', value: ours.syncP10, unit: 'ms', baseline: base.syncP10 },
    {
      name: 'update to next frame p50',
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
  if (!floor) return list;
  return list.map((row, i) => ({ ...row, times: 'the floor', ...(i === 0 ? { target: 2 } : {}) }));
}

test(`renderer: update ${SYMBOLS} symbols x ${POINTS} points, HedgeFlow vs the plain-canvas floor and chart.js defaults`, async () => {
  const floor = await open('floor');
  const ours = await open('hedgeflow');
  const perRound = Math.max(1, Math.round(ITERATIONS / ROUNDS));
  for (let r = 0; r < ROUNDS; r++) {
    await runOn(floor, perRound);
    await runOn(ours, perRound);
  }
  const oursMeasured = await finish(ours);
  const floorMeasured = await finish(floor);
  const defaults = await open('defaults');
  await runOn(defaults, ITERATIONS);
  const defaultsMeasured = await finish(defaults);
  const size = `${SYMBOLS} x ${POINTS} points, ${WIDTH}x${HEIGHT} px, ${ours.updates} updates`;
  const chromiumVersion = browser.version();
  report(
    `renderer sparklines vs the floor (the same picture in plain Canvas 2D): ${size} (Chromium ${chromiumVersion})`,
    rows(oursMeasured, floorMeasured, true),
  );
  report(
    `renderer sparklines vs chart.js defaults: ${size} (Chromium ${chromiumVersion})`,
    rows(oursMeasured, defaultsMeasured, false),
  );
});

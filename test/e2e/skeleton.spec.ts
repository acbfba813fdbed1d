import { expect, test, type Page } from '@playwright/test';
import { startHarness, type Harness } from './harness/app-harness.js';

// Friday 2026-06-05, 10:30 New York: an hour into a regular session.
const START = Date.parse('2026-06-05T14:30:00Z');

let harness: Harness | undefined;

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function drawnPixels(page: Page, symbol: string): Promise<number> {
  return page.evaluate((sym) => {
    const canvas = document.querySelector<HTMLCanvasElement>(`[data-symbol="${sym}"] canvas`);
    if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) drawn++;
    return drawn;
  }, symbol);
}

test('demo data flows from the simulator to SPY’s sparkline and a squeeze reaches the notifier', async ({
  page,
}) => {
  harness = await startHarness(page, { startAt: START });

  await expect(page.getByTestId('demo-banner')).toHaveText('Demo data');
  const spy = page.locator('[data-symbol="SPY"]');
  await expect(spy).toBeVisible();
  await expect(spy.getByTestId('cumulative')).toHaveText(/^[+-]?\$\d/);
  await expect.poll(() => drawnPixels(page, 'SPY')).toBeGreaterThan(50);

  // Walk the session bar by bar until the detector sees a squeeze and the alert engine fires.
  const close = Date.parse('2026-06-05T20:00:00Z');
  while (harness.notifier.sent.length === 0 && harness.clock.now() < close) {
    await harness.advance(60_000);
  }
  const first = harness.notifier.sent[0];
  expect(first, 'a squeeze alert during the simulated session').toBeDefined();
  expect(['SPY', 'QQQ', 'SPX']).toContain(first!.symbol);
  expect(first!.title).toMatch(/squeeze/i);
});

// What the popover says about a day the server could no longer serve in full, and how it draws
// what is not known: started after the close (17:00 New York), the app backfills the session
// with the longest window, which no longer reaches the first hour; the detail view says which
// bars are missing, and the charts draw nothing there rather than a line or a zero.
import { expect, test } from '@playwright/test';
import { SIM_KEYS, startHarness, type Harness } from './harness/app-harness.js';
import { paintedPixels, row, tab } from './harness/popover.js';

/** Friday 2026-06-05, 17:00 New York: an hour after the close. */
const FRIDAY_1700 = Date.parse('2026-06-05T21:00:00Z');

let harness: Harness | undefined;

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

test('started after the close: the detail view names the bars the server could no longer serve', async ({
  page,
}) => {
  harness = await startHarness(page, {
    startAt: FRIDAY_1700,
    flashAlpha: { key: SIM_KEYS.growth },
    settings: { symbols: ['SPY'] },
  });
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText(/Market closed/);
  await row(page, 'SPY').locator('.row-main').click();
  await expect(tab(page, 'Detail')).toHaveAttribute('aria-selected', 'true');
  // A 390-minute window from 17:00 reaches back to 10:30's last sample: 09:30-10:29 are gone.
  await expect(page.getByTestId('detail-day')).toHaveText(
    'Session incomplete: 60 bars could not be fetched before the server dropped them (09:30 ET – 10:29 ET).',
  );
  await expect
    .poll(() => paintedPixels(page, '[data-testid="detail-canvas"]'))
    .toBeGreaterThan(500);
  // The first bar fetched (10:30) has no bar before it: its per-bar value is unknown, not 0.
  const view = harness.deliveries
    .filter((d) => d.kind === 'push' && d.name === 'symbol')
    .map((d) => JSON.parse(d.json) as { symbol: string; bars: { t: number; all: number | null }[] })
    .filter((v) => v.symbol === 'SPY' && v.bars.length > 0)
    .at(-1)!;
  expect(view.bars[0]).toMatchObject({ t: Date.parse('2026-06-05T14:30:00Z'), all: null });
  expect(view.bars.slice(1).every((b) => b.all !== null)).toBe(true);
});

// The detail view: one symbol's session, opened from a row, from the keyboard or from the tray.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { startHarness, type Harness } from './harness/app-harness.js';
import { FRIDAY_1030, paintedPixels, row, snap, tab } from './harness/popover.js';

let harness: Harness | undefined;

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

test('a row opens its detail: calls, puts and all over price, the per-bar histogram, the gamma flip', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');

  await row(page, 'SPY').locator('.row-main').click();
  await expect(tab(page, 'Detail')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'SPY' })).toBeVisible();
  await expect(page.getByTestId('detail-cumulative')).toHaveText(/[▲▼] -?\$\d/);
  await expect
    .poll(() => paintedPixels(page, '[data-testid="detail-canvas"]'))
    .toBeGreaterThan(500);
  await expect
    .poll(() => paintedPixels(page, '[data-testid="histogram-canvas"]'))
    .toBeGreaterThan(100);
  // The demo series carries the price and the gamma flip.
  await expect(page.getByTestId('gamma-flip')).toHaveText(/^\d+\.\d\d$/);
  for (const name of ['All', 'Calls', 'Puts', 'Price', 'Gamma flip']) {
    await expect(page.getByRole('button', { name, exact: true })).toHaveAttribute(
      'aria-pressed',
      'true',
    );
  }
  const chart = page.getByRole('img', { name: /SPY cumulative dealer hedge flow/ });
  await expect(chart).toHaveAttribute('aria-label', /price \d+\.\d\d, gamma flip \d+\.\d\d/);
  await snap(page, testInfo, 'detail');

  // Hiding a series redraws without it.
  const all = await paintedPixels(page, '[data-testid="detail-canvas"]');
  await page.getByRole('button', { name: 'Price', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Price', exact: true })).toHaveAttribute(
    'aria-pressed',
    'false',
  );
  await expect.poll(() => paintedPixels(page, '[data-testid="detail-canvas"]')).toBeLessThan(all);

  // Live: new bars reach the open detail.
  const pushes = harness.deliveries.length;
  await harness.advance(3 * 60_000);
  await expect.poll(() => harness!.deliveries.length).toBeGreaterThan(pushes);
  await expect(page.getByTestId('detail-status')).toHaveText('Live');
});

test('keyboard: Tab reaches the rows, arrows move, Enter opens detail, Escape returns to that row', async ({
  page,
}) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');

  // Tab order: Pause, the selected tab, then the banner's action and the rows.
  await page.keyboard.press('Tab');
  await expect(page.getByTestId('pause')).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(tab(page, 'Rows')).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(tab(page, 'Detail')).toBeFocused();
  await expect(tab(page, 'Detail')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowLeft');
  await expect(tab(page, 'Rows')).toHaveAttribute('aria-selected', 'true');

  await row(page, 'SPY').locator('.row-main').focus();
  await page.keyboard.press('ArrowDown');
  await expect(row(page, 'QQQ').locator('.row-main')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'QQQ' })).toBeVisible();
  await expect(page.locator('#view-panel')).toBeFocused();

  await page.keyboard.press('Escape');
  await expect(tab(page, 'Rows')).toHaveAttribute('aria-selected', 'true');
  await expect(row(page, 'QQQ').locator('.row-main')).toBeFocused();

  // Escape also leaves Settings and Alerts.
  await tab(page, 'Settings').click();
  await page.keyboard.press('Escape');
  await expect(tab(page, 'Rows')).toHaveAttribute('aria-selected', 'true');
});

test('a notification click (focus-symbol) opens that symbol’s detail; the tray menu opens views', async ({
  page,
}) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPX')).toBeVisible();
  harness.app.focusSymbol('SPX');
  await expect(page.getByRole('heading', { name: 'SPX' })).toBeVisible();
  await expect(tab(page, 'Detail')).toHaveText('Detail: SPX');

  // The tray menu's "Settings…" and "Alerts…" switch the view the same way.
  harness.app.openView('settings');
  await expect(tab(page, 'Settings')).toHaveAttribute('aria-selected', 'true');
  harness.app.openView('alerts');
  await expect(tab(page, 'Alerts')).toHaveAttribute('aria-selected', 'true');
  harness.app.openView('rows');
  await expect(tab(page, 'Rows')).toHaveAttribute('aria-selected', 'true');
});

test('snooze silences one symbol until a stated time, and can be ended', async ({ page }) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await row(page, 'SPY').locator('.row-main').click();
  const snooze = page.getByTestId('snooze');
  await snooze.getByRole('button', { name: '1 h' }).click();
  // Main keeps the snooze (the app's clock read 10:30 ET) and the view says until when.
  await expect(page.getByTestId('snoozed-until')).toHaveText('Alerts snoozed until 11:30 ET');
  expect(harness.app.symbolViews().find((v) => v.symbol === 'SPY')?.snoozedUntil).toBe(
    Date.parse('2026-06-05T15:30:00Z'),
  );
  await snooze.getByRole('button', { name: 'End snooze' }).click();
  await expect(snooze.getByRole('button', { name: '1 h' })).toBeVisible();
  expect(
    harness.app.symbolViews().find((v) => v.symbol === 'SPY')?.snoozedUntil ?? null,
  ).toBeNull();
});

test('the detail exports the session’s stored bars as CSV, one line per closed bar', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');
  await row(page, 'SPY').locator('.row-main').click();

  const download = page.waitForEvent('download');
  await page.getByTestId('export-bars').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('hedgeflow-bars-SPY-2026-06-05.csv');
  const path = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(path);
  const lines = (await readFile(path, 'utf8')).trim().split('\n');
  expect(lines[0]).toMatch(/^symbol,/);
  // 09:30 to 10:30 is 60 closed one-minute bars, every one from the first backfill.
  expect(lines).toHaveLength(61);
  expect(lines.slice(1).every((l) => l.startsWith('SPY,'))).toBe(true);
  await expect(page.getByTestId('export-bars-message')).toHaveText(
    'Saved hedgeflow-bars-SPY-2026-06-05.csv',
  );
});

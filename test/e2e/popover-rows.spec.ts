// The rows view: what a glance at the tray popover says, in every state a row can be in.
import { expect, test } from '@playwright/test';
import { formatUsd } from '../../core/contract/format.js';
import type { SymbolRow } from '../../core/contract/views.js';
import { startHarness, type Harness } from './harness/app-harness.js';
import { FRIDAY_1030, paintedPixels, row, snap, tab } from './harness/popover.js';

let harness: Harness | undefined;

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

test('first run shows demo data with a banner whose "Add API key" opens the key field', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });

  await expect(page.getByTestId('demo-banner')).toHaveText('Demo data');
  await expect(page.getByTestId('demo-bar')).toContainText('a simulated session');
  await expect(page.getByTestId('source')).toHaveText('Demo');
  await expect(row(page, 'SPY')).toBeVisible();
  await snap(page, testInfo, 'rows-demo');

  await page.getByTestId('add-key').click();
  await expect(tab(page, 'Settings')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('#api-key')).toBeFocused();
  await snap(page, testInfo, 'settings-add-key');
});

test('a live row shows the cumulative once, its sparkline and bursts, and how fresh it is', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  const spy = row(page, 'SPY');

  await expect(spy.getByTestId('status')).toHaveText('Live');
  await expect(spy.getByTestId('cumulative')).toHaveText(/^-?\$\d+(\.\d+)?[KMBT]?$/);
  await expect(spy.getByTestId('freshness')).toHaveText(/just now|\d+ s ago/);
  await expect
    .poll(() => paintedPixels(page, '[data-symbol="SPY"] .spark canvas'))
    .toBeGreaterThan(50);
  await expect
    .poll(() => paintedPixels(page, '[data-symbol="SPY"] .bursts canvas'))
    .toBeGreaterThan(20);
  // The row's accessible name says the figure and its direction in words.
  await expect(spy.locator('.row-main')).toHaveAttribute(
    'aria-label',
    /^SPY: cumulative -?\$[\d.]+[KMBT]?, dealers (buying|selling)\. Live/,
  );

  // Calls and puts on demand: more lines on the same canvas.
  const before = await paintedPixels(page, '[data-symbol="SPY"] .spark canvas');
  await page.getByRole('button', { name: 'Calls/puts' }).click();
  await expect(page.getByRole('button', { name: 'Calls/puts' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect
    .poll(() => paintedPixels(page, '[data-symbol="SPY"] .spark canvas'))
    .toBeGreaterThan(before);
  await snap(page, testInfo, 'rows-live-legs');

  // New data moves the figure: one more bar closes and the row is redrawn with it.
  const first = await spy.getByTestId('cumulative').textContent();
  const views = harness.deliveries.filter((d) => d.kind === 'push' && d.name === 'symbol').length;
  await harness.advance(5 * 60_000);
  await expect
    .poll(() => harness!.deliveries.filter((d) => d.kind === 'push' && d.name === 'symbol').length)
    .toBeGreaterThan(views);
  await expect(spy.getByTestId('status')).toHaveText('Live');
  expect(first).toMatch(/\$/);
});

test('main pushes only the rows that changed, and the page applies each one as it comes', async ({
  page,
}) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  const h = harness;
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');
  const pushedRows = () =>
    h.deliveries
      .filter((d) => d.kind === 'push' && d.name === 'symbol')
      .map((d) => JSON.parse(d.json) as SymbolRow);

  // Between bar closes the loop refreshes every row without a request: nothing changed, so
  // nothing is pushed.
  const before = pushedRows().length;
  await h.advance(40_000);
  expect(pushedRows()).toHaveLength(before);

  // The next bar changes every row: each is pushed once, and the page shows what was pushed.
  await h.advance(40_000);
  const fresh = pushedRows().slice(before);
  expect(fresh.map((r) => r.symbol).sort()).toEqual(['QQQ', 'SPX', 'SPY']);
  for (const pushed of fresh) {
    await expect(row(page, pushed.symbol).getByTestId('cumulative')).toHaveText(
      formatUsd(pushed.cumulative!),
    );
  }
  // What the page was pushed is what main has: a snapshot now carries the same revisions.
  const now = h.app.snapshot().symbols;
  expect(fresh.map((r) => r.revision).sort()).toEqual(now.map((r) => r.revision).sort());
});

test('pausing says Paused on every row, and a row’s Resume brings them back', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');

  await page.getByTestId('pause').click();
  for (const symbol of ['SPY', 'QQQ', 'SPX']) {
    await expect(row(page, symbol).getByTestId('status')).toHaveText('Paused');
  }
  await expect(page.getByTestId('pause')).toHaveAttribute('aria-pressed', 'true');
  await snap(page, testInfo, 'rows-paused');

  await row(page, 'QQQ')
    .getByRole('button', { name: /Resume/ })
    .click();
  await harness.advance(1_000);
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText(/Live|Loading/);
  await expect(page.getByTestId('pause')).toHaveText('Pause');
});

test('a row without fresh data says Stale and since when, and Retry now polls again', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');

  // The poll loop stops (a hung network, a sleeping laptop) while time goes on.
  harness.app.suspend();
  await harness.jump(6 * 60_000);
  harness.app.setPaused(true);
  harness.app.setPaused(false); // re-emits every row without polling yet
  const spy = row(page, 'SPY');
  await expect(spy.getByTestId('status')).toHaveText(/^Stale: last update \d+ min ago$/);
  await expect(spy.locator('.row-main')).toHaveAttribute('aria-label', /Stale/);
  await snap(page, testInfo, 'rows-stale');

  await spy.getByRole('button', { name: /Retry now/ }).click();
  await harness.advance(1_000);
  await expect(spy.getByTestId('status')).toHaveText('Live');
});

test('a symbol without a 0DTE expiry today says so instead of showing an error', async ({
  page,
}, testInfo) => {
  // QQQ listed on Mondays and Wednesdays only; the session is a Friday.
  harness = await startHarness(page, {
    startAt: FRIDAY_1030,
    settings: { zeroDteListings: { QQQ: [1, 3] } },
  });
  await expect(row(page, 'QQQ').getByTestId('status')).toHaveText('No 0DTE expiry today');
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');
  await expect(row(page, 'QQQ').getByRole('button')).toHaveCount(1); // the row itself, no action
  // What to do is wait: the next session that lists one (Monday) is shown as a fact.
  await expect(row(page, 'QQQ').getByTestId('state-info')).toHaveText('Next 0DTE Mon 09:30 ET');
  await snap(page, testInfo, 'rows-no-0dte');
});

test('a notice from main (unreadable settings file) is shown until dismissed', async ({ page }) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030, settingsFile: '{ not json' });
  const notice = page.getByTestId('notice');
  await expect(notice).toContainText('could not be used');
  await notice.getByRole('button', { name: 'Dismiss notice' }).click();
  await expect(notice).toBeHidden();
  await expect(row(page, 'SPY')).toBeVisible();
  // Main forgot it too: the popover loaded afresh (as after the window is recreated) stays clear.
  await expect.poll(() => harness!.app.status().notice).toBeNull();
  await page.reload();
  await expect(row(page, 'SPY')).toBeVisible();
  await expect(notice).toHaveCount(0);
});

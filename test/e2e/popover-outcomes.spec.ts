// How an alert played out, on its card: the outcome appears as the bars after it close (pushed
// by main, no reload), equals the signed move computed here from the app's own stored bars, and
// the detail view's alert list shows the same.
import { expect, test } from '@playwright/test';
import { formatMove } from '../../core/contract/format.js';
import { startHarness, type Harness } from './harness/app-harness.js';
import { FRIDAY_1030, row, snap, tab } from './harness/popover.js';

let harness: Harness | undefined;

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const MIN = 60_000;

test('an alert card shows its outcome as the bars after it close', async ({ page }, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  const h = harness;
  const end = h.clock.now() + 150 * MIN;
  while (h.notifier.sent.length === 0 && h.clock.now() < end) await h.advance(MIN);
  expect(h.notifier.sent.length, 'an alert within 150 simulated minutes').toBeGreaterThan(0);
  const [alert] = await h.app.archive.listAlerts();
  expect(alert).toBeDefined();

  await tab(page, 'Alerts').click();
  const card = page.locator(`.alert-item[data-alert-id="${alert!.id}"]`);
  await expect(card.getByTestId('alert-outcome')).toHaveText('outcome not known yet');

  // Five minutes on (and the poll after that bar's close), the 5-minute outcome is pushed.
  await h.advance(6 * MIN);
  // The closed bars the app stored, read again after each step.
  let bars = await h.app.history.loadBars('2026-06-05', alert!.symbol, '1m');
  const spot = (t: number) => bars.find((b) => b.t === t)!.spot!;
  const sign = alert!.direction === 'up' ? 1 : -1;
  const five = formatMove(sign * (spot(alert!.t + 5 * MIN) / spot(alert!.t) - 1));
  await expect(card.getByTestId('alert-outcome')).toHaveText(`${five} in 5 min`);

  await card.locator('summary').click();
  const outcomes = card.getByTestId('outcomes');
  await expect(outcomes.locator('[data-horizon="5m"]')).toHaveText(five);
  await expect(outcomes.locator('[data-horizon="15m"]')).toHaveText('not yet');
  await expect(outcomes).toContainText(
    new RegExp(`Spot at the alert\\s*${spot(alert!.t).toFixed(2).replace('.', '\\.')}`),
  );
  await snap(page, testInfo, 'alert-outcome-5m');

  // Ten more minutes: 15 minutes known too; the card reads the longer horizon.
  await h.advance(10 * MIN);
  bars = await h.app.history.loadBars('2026-06-05', alert!.symbol, '1m');
  const fifteen = formatMove(sign * (spot(alert!.t + 15 * MIN) / spot(alert!.t) - 1));
  await expect(card.getByTestId('alert-outcome')).toHaveText(`${fifteen} in 15 min`);
  await expect(outcomes.locator('[data-horizon="15m"]')).toHaveText(fifteen);

  // The detail view's alert list shows the same, read from history on opening it.
  await tab(page, 'Rows').click();
  await row(page, alert!.symbol).locator('.row-main').click();
  const detailCard = page
    .getByRole('list', { name: `${alert!.symbol} alerts` })
    .locator(`.alert-item[data-alert-id="${alert!.id}"]`);
  await expect(detailCard.getByTestId('alert-outcome')).toHaveText(`${fifteen} in 15 min`);
  await snap(page, testInfo, 'detail-alert-outcome');
});

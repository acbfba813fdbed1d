// The alerts view: history with the evidence behind each alert, a symbol filter, CSV export.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import type { AlertRecord } from '../../core/contract/detector.js';
import { startHarness, type Harness } from './harness/app-harness.js';
import { FRIDAY_1030, row, snap, tab } from './harness/popover.js';

let harness: Harness | undefined;

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** Walks the simulated session bar by bar until the app has alerted, for at most `minutes`. */
async function untilFirstAlert(h: Harness, minutes: number): Promise<void> {
  const end = h.clock.now() + minutes * 60_000;
  while (h.notifier.sent.length === 0 && h.clock.now() < end) {
    await h.advance(60_000);
  }
}

function minute(hhmm: string): number {
  return Date.parse(`2026-06-05T${hhmm}:00-04:00`);
}

/** An alert as the alert engine records one: a squeeze with its bars, legs and price answer. */
function squeezeAlert(symbol: string, at: string, direction: 'up' | 'down'): AlertRecord {
  const sign = direction === 'up' ? 1 : -1;
  const t = minute(at);
  const bars = [5, 4, 3, 2, 1].map((back, i) => ({
    t: t - back * 60_000 + 60_000,
    bar: sign * (2_000_000 + i * 1_500_000),
    cumulative: sign * (40_000_000 + i * 3_000_000),
    calls: sign * (1_600_000 + i * 1_200_000),
    puts: sign * (400_000 + i * 300_000),
    spot: 590 + sign * i * 0.12,
  }));
  return {
    id: `${symbol}:squeeze:${direction}:${bars[0]!.t}:building`,
    symbol,
    kind: 'squeeze',
    direction,
    t,
    firedAt: t + 62_000,
    title: `${symbol} squeeze building ${direction === 'up' ? '▲' : '▼'}`,
    body: `5 bars of dealer ${direction === 'up' ? 'buying' : 'selling'}, calls-driven, price chasing`,
    severity: 'building',
    catchUp: false,
    evidence: {
      since: bars[0]!.t,
      barCount: 5,
      move: sign * 25_000_000,
      cumulative: sign * 52_000_000,
      bars,
      legs: {
        calls: sign * 20e6,
        puts: sign * 5e6,
        callShare: 0.8,
        putShare: 0.2,
        driver: 'calls',
      },
      price: { from: 590, to: 590 + sign * 0.48, move: sign * 0.48, confirmation: 'chasing' },
      gammaFlip: null,
    },
  };
}

async function openAlerts(page: Page): Promise<void> {
  await tab(page, 'Alerts').click();
  await expect(tab(page, 'Alerts')).toHaveAttribute('aria-selected', 'true');
}

test('each alert shows its evidence (bars, legs, price answer) and the list filters by symbol', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY')).toBeVisible();
  await openAlerts(page);
  await expect(page.getByTestId('no-alerts')).toBeVisible();

  // Alerts arrive through the app's push path, as the alert engine sends them.
  await harness.push('alert', squeezeAlert('SPY', '10:12', 'up'));
  await harness.push('alert', squeezeAlert('QQQ', '10:20', 'down'));
  const items = page.locator('.alert-item');
  await expect(items).toHaveCount(2);
  await expect(items.first()).toHaveAttribute('data-symbol', 'QQQ'); // newest first
  await expect(items.first()).toContainText('QQQ Squeeze ▼ down');

  await items.nth(1).locator('summary').click();
  const evidence = items.nth(1).getByTestId('evidence');
  await expect(evidence).toBeVisible();
  await expect(evidence).toContainText('80% / 20% (calls)');
  await expect(evidence).toContainText('590.00 → 590.48 (+0.48, chasing)');
  await expect(evidence.locator('tbody tr')).toHaveCount(5);
  await expect(evidence.locator('tbody tr').first()).toContainText('+$2M');
  await snap(page, testInfo, 'alerts-evidence');

  await page.getByLabel('Symbol').selectOption('SPY');
  await expect(items).toHaveCount(1);
  await expect(items.first()).toHaveAttribute('data-symbol', 'SPY');
  await page.getByLabel('Symbol').selectOption('');
  await expect(items).toHaveCount(2);
});

test('a squeeze in the simulated session reaches the history, the row and the detail markers', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await untilFirstAlert(harness, 120);
  expect(harness.notifier.sent.length, 'an alert within 120 simulated minutes').toBeGreaterThan(0);
  const symbol = harness.notifier.sent[0]!.symbol;

  await openAlerts(page);
  const first = page.locator(`.alert-item[data-symbol="${symbol}"]`).first();
  await expect(first).toBeVisible();
  await first.locator('summary').click();
  await expect(first.getByTestId('evidence').locator('tbody tr').first()).toBeVisible();
  await snap(page, testInfo, 'alerts-live');

  await tab(page, 'Rows').click();
  await row(page, symbol).locator('.row-main').click();
  await expect(
    page.getByRole('list', { name: `${symbol} alerts` }).locator('.alert-item'),
  ).not.toHaveCount(0);
  await expect(
    page.getByRole('img', { name: new RegExp(`^${symbol} cumulative dealer hedge flow`) }),
  ).toHaveAttribute('aria-label', /, [1-9]\d* alerts?$/);
  await snap(page, testInfo, 'detail-with-alert');
});

test('CSV export saves the file main builds for the current filter', async ({ page }, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY')).toBeVisible();
  await openAlerts(page);

  const message = page.getByTestId('export-message');
  const download = page.waitForEvent('download', { timeout: 10_000 }).catch(() => null);
  await page.getByTestId('export-csv').click();
  await expect(message).toBeVisible();
  const file = await download;
  expect(file, 'a download started').not.toBeNull();
  expect(file!.suggestedFilename()).toMatch(/^hedgeflow-alerts-.*\.csv$/);
  const path = testInfo.outputPath(file!.suggestedFilename());
  await file!.saveAs(path);
  const csv = await readFile(path, 'utf8');
  expect(csv.split('\n')[0]).toMatch(/symbol/i);
  await expect(message).toHaveText(`Saved ${file!.suggestedFilename()}`);
});

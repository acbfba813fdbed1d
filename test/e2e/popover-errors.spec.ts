// FlashAlpha's error states against the simulator's server, each with its one action: a bad key
// (Settings), a plan too low (the plan needed), the day's quota spent (when polling resumes),
// and the market closed (when it opens).
import { expect, test } from '@playwright/test';
import { SIM_KEYS, startHarness, type Harness } from './harness/app-harness.js';
import { FRIDAY_1030, SATURDAY_NOON, row, snap, tab } from './harness/popover.js';

let harness: Harness | undefined;

/** Makes `count` metered requests with `key`, a few at a time. */
async function spend(baseUrl: string, key: string, count: number): Promise<void> {
  const batch = 50;
  for (let done = 0; done < count; done += batch) {
    const n = Math.min(batch, count - done);
    await Promise.all(
      Array.from({ length: n }, () =>
        fetch(`${baseUrl}/stockquote/SPY`, { headers: { 'X-Api-Key': key } }).then((r) => r.text()),
      ),
    );
  }
}

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

test('an invalid key says so, and its action opens the key field', async ({ page }, testInfo) => {
  harness = await startHarness(page, {
    startAt: FRIDAY_1030,
    flashAlpha: { key: 'not-a-real-key-0000' },
  });
  const error = page.getByTestId('app-error');
  await expect(error).toHaveAttribute('data-code', 'auth');
  await expect(page.getByTestId('app-error-message')).toHaveText(/rejected the API key/i);
  await expect(error.getByRole('button')).toHaveCount(1);
  // Said once, with its action; the rows only point at it.
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Waiting for a valid API key');
  await expect(page.getByTestId('state-action')).toHaveCount(1);
  await snap(page, testInfo, 'error-invalid-key');

  await error.getByRole('button', { name: 'Check API key' }).click();
  await expect(tab(page, 'Settings')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Replace API key')).toBeFocused();
  await expect(page.getByTestId('key-hint')).toHaveText('••••0000');
});

test('a plan without hedge flow says which plan is needed, and offers the upgrade', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030, flashAlpha: { key: SIM_KEYS.basic } });
  const error = page.getByTestId('app-error');
  await expect(error).toHaveAttribute('data-code', 'tier');
  await expect(page.getByTestId('app-error-message')).toContainText('Growth');
  await expect(page.getByTestId('app-error-message')).toContainText(/Basic/);
  await snap(page, testInfo, 'error-plan-too-low');

  await error.getByRole('button', { name: 'Upgrade to Growth' }).click();
  await expect.poll(() => harness!.openedUrls).toEqual(['https://flashalpha.com/pricing']);
});

test('a spent daily quota says when polling resumes', async ({ page }, testInfo) => {
  harness = await startHarness(page, {
    startAt: FRIDAY_1030,
    flashAlpha: {
      key: SIM_KEYS.growth,
      // The key's day was spent elsewhere (another device, a script): Growth's 2,500 requests.
      prepare: (url) => spend(url, SIM_KEYS.growth, 2_500),
    },
  });
  const error = page.getByTestId('app-error');
  await expect(error).toHaveAttribute('data-code', 'quota');
  await expect(page.getByTestId('app-error-message')).toContainText(/quota/i);
  // The quota resets at midnight UTC: 20:00 in New York in June.
  await expect(error.getByTestId('state-info')).toHaveText('Resumes at 20:00 ET');
  await expect(error.getByRole('button')).toHaveCount(0);
  await expect(row(page, 'QQQ').getByTestId('status')).toHaveText('Waiting for the quota to reset');
  await snap(page, testInfo, 'error-quota-spent');
});

test('outside the session each row says the market is closed and when it opens', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, {
    startAt: SATURDAY_NOON,
    flashAlpha: { key: SIM_KEYS.alpha },
  });
  await expect(page.getByTestId('source')).toHaveText('FlashAlpha');
  for (const symbol of ['SPY', 'QQQ', 'SPX']) {
    const r = row(page, symbol);
    await expect(r.getByTestId('status')).toHaveText('Market closed');
    await expect(r.getByTestId('state-info')).toHaveText('Opens Mon 09:30 ET');
  }
  await expect(page.getByTestId('app-error')).toBeHidden();
  await snap(page, testInfo, 'rows-market-closed');
});

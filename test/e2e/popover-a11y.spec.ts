// Following the OS (light/dark, reduced motion), names for every control, and the CSP holding.
import { expect, test, type Page } from '@playwright/test';
import { startHarness, type Harness } from './harness/app-harness.js';
import { FRIDAY_1030, paintedPixels, row, snap, tab } from './harness/popover.js';

let harness: Harness | undefined;

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

/** Controls in the current view whose accessible name is empty. */
async function unnamedControls(page: Page): Promise<string[]> {
  const controls = page.locator('button, input, select, [role="tab"], [role="img"]');
  const unnamed: string[] = [];
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue;
    const name = await control.evaluate((el) => {
      const labelled = el.getAttribute('aria-labelledby');
      const byId = labelled ? document.getElementById(labelled)?.textContent : '';
      const labels = (el as HTMLInputElement).labels;
      return (
        el.getAttribute('aria-label') ||
        byId ||
        (labels && labels.length > 0 ? labels[0]!.textContent : '') ||
        el.getAttribute('title') ||
        (el as HTMLElement).innerText ||
        ''
      ).trim();
    });
    if (!name) unnamed.push(await control.evaluate((el) => el.outerHTML.slice(0, 120)));
  }
  return unnamed;
}

test('every control in every view has an accessible name', async ({ page }) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');
  expect(await unnamedControls(page)).toEqual([]);
  await row(page, 'SPY').locator('.row-main').click();
  await expect(page.getByRole('heading', { name: 'SPY' })).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
  await tab(page, 'Alerts').click();
  expect(await unnamedControls(page)).toEqual([]);
  await tab(page, 'Settings').click();
  await expect(page.getByTestId('settings-symbols')).toBeVisible();
  expect(await unnamedControls(page)).toEqual([]);
});

test('dark mode follows the OS and the charts repaint in its colours', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const lineColour = () =>
    page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>(
        '[data-symbol="SPY"] .spark canvas',
      )!;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      // The brightest painted pixel: the line.
      let best = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i + 3]! < 200) continue;
        best = Math.max(best, data[i]! + data[i + 1]! + data[i + 2]!);
      }
      return best;
    });
  await page.emulateMedia({ colorScheme: 'light' });
  const light = await background();
  const lightLine = await lineColour();

  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(background).not.toBe(light);
  await expect.poll(lineColour).not.toBe(lightLine);
  expect(await paintedPixels(page, '[data-symbol="SPY"] .spark canvas')).toBeGreaterThan(50);
  await snap(page, testInfo, 'rows-dark');
  await row(page, 'SPY').locator('.row-main').click();
  await expect
    .poll(() => paintedPixels(page, '[data-testid="detail-canvas"]'))
    .toBeGreaterThan(500);
  await snap(page, testInfo, 'detail-dark');
});

test('reduced motion turns every transition off', async ({ page }) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  const pause = page.getByTestId('pause');
  await expect(pause).toBeVisible();
  const duration = () => pause.evaluate((el) => getComputedStyle(el).transitionDuration);
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  expect(await duration()).not.toBe('0s');
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await expect.poll(duration).toBe('0s');
});

test('the page runs under its strict CSP without a single violation', async ({ page }) => {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text()) && !/frame-ancestors/.test(message.text()))
      violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');
  await row(page, 'SPY').locator('.row-main').click();
  await expect
    .poll(() => paintedPixels(page, '[data-testid="detail-canvas"]'))
    .toBeGreaterThan(500);
  await tab(page, 'Alerts').click();
  await tab(page, 'Settings').click();
  await expect(page.getByTestId('settings-detector')).toBeVisible();
  expect(violations).toEqual([]);
});

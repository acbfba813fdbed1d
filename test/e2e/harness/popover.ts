// Reading the popover from a test: rows, drawn canvases, screenshots kept as artifacts, and the
// proof that a secret never reached the page.
import { expect, type Locator, type Page, type TestInfo } from '@playwright/test';
import type { Harness } from './app-harness.js';

/** Friday 2026-06-05, 10:30 New York: an hour into a regular session. */
export const FRIDAY_1030 = Date.parse('2026-06-05T14:30:00Z');
/** Saturday 2026-06-06, 12:00 New York: no session; the next opens Monday 09:30. */
export const SATURDAY_NOON = Date.parse('2026-06-06T16:00:00Z');

export function row(page: Page, symbol: string): Locator {
  return page.locator(`.row[data-symbol="${symbol}"]`);
}

export function tab(page: Page, name: 'Rows' | 'Detail' | 'Alerts' | 'Settings'): Locator {
  return page.getByRole('tab', { name: new RegExp(`^${name}`) });
}

/** How many pixels of a canvas have been painted (0 when it is blank or missing). */
export async function paintedPixels(page: Page, selector: string): Promise<number> {
  return page.evaluate((sel) => {
    const canvas = document.querySelector<HTMLCanvasElement>(sel);
    if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let painted = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) painted++;
    return painted;
  }, selector);
}

/** Saves a screenshot into the test's output folder (test-results/) and attaches it. */
export async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}

/**
 * The secret appears in nothing the page was given (invoke answers, pushes), nor in its DOM
 * (markup and the live values of its inputs).
 */
export async function expectSecretNeverReachedPage(
  harness: Harness,
  page: Page,
  secret: string,
): Promise<void> {
  expect(harness.deliveries.length, 'the page was given data').toBeGreaterThan(0);
  const leaks = harness.deliveries.filter((d) => d.json.includes(secret));
  expect(leaks.map((d) => `${d.kind} ${d.name}`)).toEqual([]);
  expect(await page.content()).not.toContain(secret);
  const values = await page.evaluate(() =>
    [...document.querySelectorAll('input')].map((input) => input.value),
  );
  expect(values).not.toContain(secret);
}

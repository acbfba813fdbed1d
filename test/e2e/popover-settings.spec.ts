// The settings view: every change goes through updateSettings and lands in main's settings;
// main's validation speaks for itself in the UI.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startHarness, type Harness } from './harness/app-harness.js';
import { FRIDAY_1030, row, snap, tab } from './harness/popover.js';

let harness: Harness | undefined;

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

async function storedSettings(h: Harness): Promise<Record<string, unknown>> {
  return JSON.parse(await readFile(path.join(h.dataDir, 'settings.json'), 'utf8')) as Record<
    string,
    unknown
  >;
}

test('symbols: add, reorder and remove reach the rows; a bad symbol is refused with the reason', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY')).toBeVisible();
  await tab(page, 'Settings').click();
  const editor = page.getByTestId('settings-symbols');
  const names = editor.locator('.symbol-list .name');
  await expect(names).toHaveText(['SPY', 'QQQ', 'SPX']);

  await page.getByLabel('Add a symbol').fill('iwm');
  await page.getByLabel('Add a symbol').press('Enter');
  await expect(names).toHaveText(['SPY', 'QQQ', 'SPX', 'IWM']);
  await expect(page.getByLabel('Add a symbol')).toHaveValue('');

  await editor.getByRole('button', { name: 'Move IWM up' }).click();
  await expect(names).toHaveText(['SPY', 'QQQ', 'IWM', 'SPX']);
  // Alt+ArrowUp on a symbol's arrow moves it too, and focus follows it.
  await editor.getByRole('button', { name: 'Move IWM up' }).press('Alt+ArrowUp');
  await expect(names).toHaveText(['SPY', 'IWM', 'QQQ', 'SPX']);
  await expect(editor.getByRole('button', { name: 'Move IWM up' })).toBeFocused();

  await editor.getByRole('button', { name: 'Remove QQQ' }).click();
  await expect(names).toHaveText(['SPY', 'IWM', 'SPX']);

  await page.getByLabel('Add a symbol').fill('1BAD');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('symbols-error')).toHaveText(
    'A symbol is 1-6 letters or digits starting with a letter, e.g. SPY',
  );
  await expect(page.getByLabel('Add a symbol')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Add a symbol').fill('SPY');
  await page.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(page.getByTestId('symbols-error')).toHaveText('Each symbol only once');
  await expect(names).toHaveText(['SPY', 'IWM', 'SPX']);
  await snap(page, testInfo, 'settings-symbols');

  expect(harness.app.settings.current.symbols).toEqual(['SPY', 'IWM', 'SPX']);
  expect((await storedSettings(harness))['symbols']).toEqual(['SPY', 'IWM', 'SPX']);
  await tab(page, 'Rows').click();
  await expect(page.locator('.row')).toHaveCount(3);
  await expect(page.locator('.row').nth(1)).toHaveAttribute('data-symbol', 'IWM');
});

test('data, notification and app settings reach main and its settings file', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY')).toBeVisible();
  await tab(page, 'Settings').click();

  await page.getByLabel('Bar size').selectOption('5m');
  await page.getByLabel('Sparkline shows').selectOption('60');
  await page.getByLabel('Puts leg').uncheck();
  await page.getByLabel('Play a sound').uncheck();
  await page.getByLabel('Cooldown between alerts (min)').fill('30');
  await page.getByLabel('Cooldown between alerts (min)').press('Tab');
  await page.getByLabel('Quiet after the open (min)').fill('10');
  await page.getByLabel('Quiet after the open (min)').press('Tab');
  await page.getByLabel('Launch at login').check();
  await page.getByRole('radio', { name: /^Demo data/ }).check();
  await page.getByTestId('settings-notifications').scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'settings-notifications');

  await expect.poll(() => harness!.app.settings.current.launchAtLogin).toBe(true);
  const s = harness.app.settings.current;
  expect(s.barSize).toBe('5m');
  expect(s.lookbackMinutes).toBe(60);
  expect(s.legs).toEqual({ calls: true, puts: false, price: true });
  expect(s.notifications).toEqual({ enabled: true, sound: false });
  expect(s.alerts.cooldownMinutes).toBe(30);
  expect(s.alerts.quietOpenMinutes).toBe(10);
  expect(s.source).toBe('demo');
  expect((await storedSettings(harness))['barSize']).toBe('5m');

  // The banner now says the demo is the user's choice and offers the way back.
  await expect(page.getByTestId('demo-bar')).toHaveAttribute('data-reason', 'user-choice');
  await page.getByRole('button', { name: 'Use FlashAlpha' }).click();
  const flashAlpha = page.getByRole('radio', { name: /^FlashAlpha/ });
  await expect(flashAlpha).toBeFocused();
  await flashAlpha.check();
  await expect.poll(() => harness!.app.settings.current.source).toBe('auto');

  // Turning notifications off disables their sound option.
  await page.getByLabel('Notify when a squeeze builds').uncheck();
  await expect(page.getByLabel('Play a sound')).toBeDisabled();
  await expect.poll(() => harness!.app.settings.current.notifications.enabled).toBe(false);
});

test('detector thresholds are applied through Apply, and refused values show main’s reason', async ({
  page,
}) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY')).toBeVisible();
  await tab(page, 'Settings').click();
  const section = page.getByTestId('settings-detector');
  const apply = section.getByRole('button', { name: 'Apply' });
  await expect(apply).toBeDisabled();

  await page.getByLabel('Same-signed bars in a run').fill('7');
  await page.getByLabel('Each bar strictly larger (accelerating)').check();
  await page.getByLabel('Call/put attribution').selectOption('one-sided');
  await apply.click();
  await expect.poll(() => harness!.app.settings.current.detector.runLength).toBe(7);
  expect(harness.app.settings.current.detector.accelerating).toBe(true);
  expect(harness.app.settings.current.detector.requireAttribution).toBe('one-sided');
  await expect(apply).toBeDisabled();

  await page.getByLabel('Same-signed bars in a run').fill('99');
  await apply.click();
  await expect(page.getByTestId('detector-error')).toContainText(/30/);
  expect(harness.app.settings.current.detector.runLength).toBe(7);
  await section.getByRole('button', { name: 'Revert' }).click();
  await expect(page.getByLabel('Same-signed bars in a run')).toHaveValue('7');
});

test('the threshold preview says how often the draft would have fired today', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY')).toBeVisible();
  await tab(page, 'Settings').click();
  const preview = page.getByTestId('detector-preview');
  await expect(preview).toHaveText(
    /^The current settings would have fired (once|\d+ times) today \(SPY \d+, QQQ \d+, SPX \d+\)\.$/,
  );
  const loose = Number(/(\d+) times/.exec((await preview.textContent()) ?? '')?.[1] ?? 1);

  // A stricter rule fires no more often than the default one.
  await page.getByLabel('Same-signed bars in a run').fill('12');
  await expect(preview).toHaveText(/^These settings would have fired/);
  const strict = Number(/(\d+) times|once/.exec((await preview.textContent()) ?? '')?.[1] ?? 1);
  expect(strict).toBeLessThanOrEqual(loose);
  await preview.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'settings-detector-preview');
});

test('a cleared or non-numeric number field is refused with a reason and loses nothing', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY')).toBeVisible();
  await tab(page, 'Settings').click();
  const cooldown = page.getByLabel('Cooldown between alerts (min)');
  const stored = harness.app.settings.current.alerts.cooldownMinutes;

  // Notifications save on change: an empty field is not "0 minutes".
  await cooldown.fill('');
  await cooldown.press('Tab');
  await expect(page.getByTestId('notifications-error')).toHaveText(
    `Enter a number for the cooldown; it stays ${stored}.`,
  );
  await expect(cooldown).toHaveValue(String(stored));
  expect(harness.app.settings.current.alerts.cooldownMinutes).toBe(stored);
  await cooldown.fill('12');
  await cooldown.press('Tab');
  await expect.poll(() => harness!.app.settings.current.alerts.cooldownMinutes).toBe(12);
  await expect(page.getByTestId('notifications-error')).toBeHidden();

  // The detector's draft keeps its number while a field is empty, and Apply waits for one.
  const detector = page.getByTestId('settings-detector');
  const runLength = page.getByLabel('Same-signed bars in a run');
  const storedRun = harness.app.settings.current.detector.runLength;
  await page.getByLabel('Each bar strictly larger (accelerating)').check();
  await runLength.fill('');
  await expect(detector.getByTestId('detector-blank')).toHaveText(
    'Enter a number for Same-signed bars in a run.',
  );
  await expect(detector.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await snap(page, testInfo, 'settings-number-refused');
  await runLength.press('Tab');
  await expect(runLength).toHaveValue(String(storedRun));
  await expect(detector.getByTestId('detector-blank')).toBeHidden();
  await detector.getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => harness!.app.settings.current.detector.accelerating).toBe(true);
  expect(harness.app.settings.current.detector.runLength).toBe(storedRun);
});

test('every settings number is one field: non-numeric text and a number main refuses are put back, with the reason', async ({
  page,
}) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY')).toBeVisible();
  await tab(page, 'Settings').click();
  const alerts = () => harness!.app.settings.current.alerts;
  const error = page.getByTestId('notifications-error');

  // Text that is not a number (Chromium holds it as "bad input", value '') is refused.
  const quietOpen = page.getByLabel('Quiet after the open (min)');
  const storedQuiet = alerts().quietOpenMinutes;
  await quietOpen.fill('');
  await quietOpen.pressSequentially('1e');
  await expect(quietOpen).toHaveAttribute('aria-invalid', 'true');
  await quietOpen.press('Tab');
  await expect(error).toHaveText(
    `Enter a number for the quiet time after the open; it stays ${storedQuiet}.`,
  );
  await expect(quietOpen).toHaveValue(String(storedQuiet));
  await expect(quietOpen).toHaveAttribute('aria-invalid', 'false');
  expect(alerts().quietOpenMinutes).toBe(storedQuiet);

  // A number out of the schema's range: main's reason, and the field shows what is stored.
  const quietClose = page.getByLabel('Quiet before the close (min)');
  const storedClose = alerts().quietCloseMinutes;
  await quietClose.fill('999');
  await quietClose.press('Tab');
  await expect(error).toContainText('390');
  await expect(quietClose).toHaveValue(String(storedClose));
  expect(alerts().quietCloseMinutes).toBe(storedClose);

  // A field led by its switch: named for what it holds, enabled by the switch, saved on change.
  const escalate = page.getByRole('spinbutton', { name: 'Bars before a squeeze alerts again' });
  await expect(escalate).toBeEnabled();
  await escalate.fill('12');
  await escalate.press('Tab');
  await expect.poll(() => alerts().escalateAtRunLength).toBe(12);
  await expect(error).toBeHidden();
  await page.getByLabel('Alert again when a squeeze reaches').uncheck();
  await expect.poll(() => alerts().escalateAtRunLength).toBeNull();
  await expect(escalate).toBeDisabled();

  // The detector's fields: unit in the name, the hint read with the field.
  const minAbsBar = page.getByRole('spinbutton', { name: 'Smallest bar counted ($M)' });
  await expect(minAbsBar).toHaveAccessibleDescription('0: off');
  const reversal = page.getByRole('spinbutton', { name: 'Bars before a reversal counts' });
  await expect(reversal).toBeDisabled();
  await page.getByLabel('Report reversals after a run of').check();
  await reversal.fill('');
  await expect(page.getByTestId('detector-blank')).toHaveText(
    'Enter a number for Bars before a reversal counts.',
  );
  await reversal.fill('15');
  await expect(page.getByTestId('detector-blank')).toBeHidden();
  await page.getByTestId('settings-detector').getByRole('button', { name: 'Apply' }).click();
  await expect.poll(() => harness!.app.settings.current.detector.flipAfter).toBe(15);
});

test('Snooze all silences every symbol until a stated time, and ends it again', async ({
  page,
}) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY')).toBeVisible();
  await tab(page, 'Settings').click();
  const group = page.getByRole('group', { name: 'Snooze every symbol' });
  const snoozed = () => harness!.app.symbolViews().map((v) => [v.symbol, v.snoozedUntil]);

  await group.getByRole('button', { name: '1 h' }).click();
  await expect(page.getByText('All symbols snoozed for 1 h.')).toBeVisible();
  // The app's clock read 10:30 ET: every symbol is quiet until 11:30 ET.
  const until = Date.parse('2026-06-05T15:30:00Z');
  expect(snoozed()).toEqual([
    ['SPY', until],
    ['QQQ', until],
    ['SPX', until],
  ]);

  await group.getByRole('button', { name: 'End snooze' }).click();
  await expect(page.getByText('Snooze ended.')).toBeVisible();
  expect(snoozed().every(([, t]) => t === null)).toBe(true);
});

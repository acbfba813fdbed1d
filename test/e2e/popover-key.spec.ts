// The API key round trip: typed once into Settings, stored in the real OS keychain (Secret
// Service on a private D-Bus), used against the simulator's FlashAlpha server, and never sent
// back to the renderer.
import { Entry } from '@napi-rs/keyring';
import { expect, test } from '@playwright/test';
import { KEYCHAIN_ACCOUNT, keyringSecretStore } from '../../core/adapters/keyring-secret-store.js';
import { MemorySecretStore } from '../../core/fakes/memory-secret-store.js';
import { SIM_KEYS, startHarness, type Harness } from './harness/app-harness.js';
import { expectSecretNeverReachedPage, FRIDAY_1030, row, snap, tab } from './harness/popover.js';

let harness: Harness | undefined;

/**
 * The key as the Secret Service itself holds it. On Linux @napi-rs/keyring falls back to the
 * kernel's in-memory keyring when no Secret Service answers; pinning the store here proves the
 * key went to the real keychain and not there.
 */
function inSecretService(service: string): string | null {
  return (
    new Entry(service, KEYCHAIN_ACCOUNT, { linux: { store: 'secret-service' } }).getPassword() ??
    null
  );
}

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

test('a key typed in Settings reaches the real keychain, switches to FlashAlpha, and never reaches the page', async ({
  page,
}, testInfo) => {
  const key = SIM_KEYS.growth;
  // FlashAlpha's server is there (the simulator on loopback); no key is stored yet.
  harness = await startHarness(page, { startAt: FRIDAY_1030, flashAlpha: {} });
  await expect(page.getByTestId('source')).toHaveText('Demo');
  await page.getByTestId('add-key').click();

  const input = page.getByLabel('API key', { exact: true });
  await expect(input).toBeFocused();
  await expect(input).toHaveAttribute('type', 'password');
  await input.fill(key);
  await page.getByRole('button', { name: 'Save key' }).click();

  // The field is emptied and only the masked hint comes back.
  await expect(page.getByTestId('key-hint')).toHaveText(`••••${key.slice(-4)}`);
  await expect(page.getByLabel('Replace API key')).toHaveValue('');
  await expect(page.getByTestId('key-message')).toContainText('stored in the system keychain');

  // The real keychain holds it: the Secret Service itself, and through the app's adapter.
  expect(inSecretService(harness.keychainService)).toBe(key);
  expect(await keyringSecretStore(harness.keychainService).get()).toBe(key);

  // The app now polls the FlashAlpha server with it.
  await expect(page.getByTestId('source')).toHaveText('FlashAlpha');
  await expect(page.getByTestId('demo-bar')).toBeHidden();
  await harness.advance(60_000);
  await expect(page.getByTestId('quota')).toContainText(/Plan growth/i);
  await snap(page, testInfo, 'settings-key-stored');
  await tab(page, 'Rows').click();
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');
  await expect(row(page, 'SPY').getByTestId('cumulative')).toHaveText(/\$\d/);
  await snap(page, testInfo, 'rows-flashalpha');

  await expectSecretNeverReachedPage(harness, page, key);

  // Removing it empties the keychain and falls back to demo data.
  await tab(page, 'Settings').click();
  await page.getByRole('button', { name: 'Remove key' }).click();
  await expect(page.getByTestId('source')).toHaveText('Demo');
  expect(await keyringSecretStore(harness.keychainService).get()).toBeNull();
  expect(inSecretService(harness.keychainService)).toBeNull();
  await expectSecretNeverReachedPage(harness, page, key);
});

test('with the keychain unavailable the app says so, runs on demo data, and refuses to store a key', async ({
  page,
}, testInfo) => {
  const secrets = new MemorySecretStore();
  secrets.unavailable = 'The system keychain is not available (locked)';
  harness = await startHarness(page, { startAt: FRIDAY_1030, secrets });

  const bar = page.getByTestId('demo-bar');
  await expect(bar).toHaveAttribute('data-reason', 'keychain-unavailable');
  await expect(bar).toContainText('keychain is locked or missing');
  await bar.getByRole('button', { name: 'Details' }).click();
  await expect(page.getByTestId('keychain-message')).toContainText(
    'The system keychain is not available (locked)',
  );
  await snap(page, testInfo, 'keychain-unavailable');

  await page.getByLabel('API key', { exact: true }).fill('alpha-key-1234');
  await page.getByRole('button', { name: 'Save key' }).click();
  await expect(page.getByTestId('key-message')).toContainText('keychain is not available');
  await expect(page.getByTestId('source')).toHaveText('Demo');
  await expect(page.getByLabel('API key', { exact: true })).toHaveValue('');
  await expectSecretNeverReachedPage(harness, page, 'alpha-key-1234');
});

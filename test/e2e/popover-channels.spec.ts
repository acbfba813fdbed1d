// Alert channels in Settings, against real receivers on loopback, the real keychain and the
// real app: add a channel, send a test, a squeeze in the demo reaching the receiver, a refused
// channel failing with the reason, edit and remove; no secret ever reaches the page, the
// settings file, the outbox file or the logs.
import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { channelAccount } from '../../core/channels/channel-secrets.js';
import { OUTBOX_FILE } from '../../core/channels/outbox.js';
import { startHarness, type Harness } from './harness/app-harness.js';
import { expectSecretNeverReachedPage, FRIDAY_1030, row, snap, tab } from './harness/popover.js';
import { startReceiver, type Receiver } from '../support/channels/loopback-receiver.js';

const TOKEN = 'hk_4f9a2c7e1b8d3f60a5e2';
const SIGNING = 'sign_9b3e7c1a5d2f8e4b';
const BOT = '7012345678:AAHf3kX9pLm2Zt7Rw8Yb4Nc6Hd1Jf5Gs0Ae';
const BOT_SECRET = BOT.split(':')[1]!;

let harness: Harness | undefined;
let receiver: Receiver | undefined;

test.afterEach(async () => {
  await harness?.stop();
  await receiver?.close();
  harness = undefined;
  receiver = undefined;
});

async function filesAndLogs(h: Harness): Promise<string> {
  const settings = await readFile(path.join(h.dataDir, 'settings.json'), 'utf8');
  const outbox = await readFile(path.join(h.dataDir, OUTBOX_FILE), 'utf8').catch(() => '');
  return [settings, outbox, ...h.logs].join('\n');
}

function signatureOf(body: string): string {
  return `sha256=${createHmac('sha256', SIGNING).update(body, 'utf8').digest('hex')}`;
}

test('add a webhook channel, send a test, and a demo squeeze reaches it; its secrets never reach the page', async ({
  page,
}, testInfo) => {
  receiver = await startReceiver({ status: 204 });
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY')).toBeVisible();
  await tab(page, 'Settings').click();
  const section = page.getByTestId('settings-channels');
  await section.getByRole('button', { name: 'Add a channel…' }).click();
  const form = section.getByTestId('channel-form');
  await form.getByLabel('Service').selectOption('webhook');
  await form.getByLabel('Name').fill('Desk bot');
  await form.getByLabel('URL', { exact: true }).fill(`${receiver.origin}/hooks/${TOKEN}`);
  await form.getByLabel(/^Signing secret/).fill(SIGNING);
  await form.getByRole('button', { name: 'Add channel' }).click();

  const item = section.locator('[data-testid="channel"][data-channel="Desk bot"]');
  await expect(item).toBeVisible();
  await expect(section.getByTestId('channel-form')).toHaveCount(0);
  const host = new URL(receiver.origin).host;
  await expect(item).toContainText(`${host} ••••${TOKEN.slice(-4)}`);
  await expect(item).toContainText('signing secret');
  await expect(item.getByTestId('channel-state')).toHaveText('Ready');
  // The secrets are in the keychain, as one entry for this channel.
  const id = harness.app.settings.current.channels[0]!.id;
  const stored = JSON.parse((await harness.channelSecrets.get(channelAccount(id)))!) as Record<
    string,
    string
  >;
  expect(stored).toMatchObject({ kind: 'webhook', signingSecret: SIGNING });

  await item.getByRole('button', { name: 'Send test' }).click();
  await expect(item.getByTestId('channel-test-result')).toHaveText('Test alert delivered.');
  expect(receiver.requests).toHaveLength(1);
  const test0 = receiver.requests[0]!;
  expect(test0.path).toBe(`/hooks/${TOKEN}`);
  expect(JSON.parse(test0.body)).toMatchObject({ type: 'test', channel: 'Desk bot' });
  expect(test0.headers['x-hedgeflow-signature']).toBe(signatureOf(test0.body));
  await snap(page, testInfo, 'channels-added');

  // Walk the simulated session until the app alerts; the alert reaches the receiver too.
  const end = harness.clock.now() + 120 * 60_000;
  while (harness.notifier.sent.length === 0 && harness.clock.now() < end) {
    await harness.advance(60_000);
  }
  expect(harness.notifier.sent.length, 'an alert within 120 simulated minutes').toBeGreaterThan(0);
  await receiver.waitFor(2);
  const alert = receiver.requests[1]!;
  const body = JSON.parse(alert.body) as { type: string; source: string; alert: { id: string } };
  expect(body).toMatchObject({ type: 'alert', source: 'demo', late: false });
  expect(body.alert.id).toBe(harness.notifier.sent[0]!.id);
  expect(alert.headers['x-hedgeflow-signature']).toBe(signatureOf(alert.body));
  await expect(item.getByTestId('channel-state')).toHaveText(/^Ready · last delivered /);

  for (const secret of [TOKEN, SIGNING]) {
    await expectSecretNeverReachedPage(harness, page, secret);
    expect(await filesAndLogs(harness)).not.toContain(secret);
  }
});

test('a channel its service refuses shows failing with the reason; edit mends it; remove deletes its keychain entry', async ({
  page,
}, testInfo) => {
  receiver = await startReceiver({
    status: 401,
    body: JSON.stringify({ ok: false, error_code: 401, description: 'Unauthorized' }),
  });
  harness = await startHarness(page, {
    startAt: FRIDAY_1030,
    channelEndpoints: { telegramApi: receiver.origin },
  });
  await expect(row(page, 'SPY')).toBeVisible();
  await tab(page, 'Settings').click();
  const section = page.getByTestId('settings-channels');
  await section.getByRole('button', { name: 'Add a channel…' }).click();
  const form = section.getByTestId('channel-form');
  await form.getByLabel('Service').selectOption('telegram');
  await form.getByLabel('Name').fill('Phone');
  await form.getByLabel('Chat id').fill('123456789');
  // A token that is not one is refused with the reason, and nothing is stored.
  await form.getByLabel('Bot token').fill('not-a-token');
  await form.getByRole('button', { name: 'Add channel' }).click();
  await expect(form.getByTestId('channel-form-error')).toHaveText(
    'A bot token looks like 123456789:AAE…',
  );
  expect(harness.app.settings.current.channels).toEqual([]);
  await form.getByLabel('Bot token').fill(BOT);
  await form.getByRole('button', { name: 'Add channel' }).click();

  const item = section.locator('[data-testid="channel"][data-channel="Phone"]');
  await item.getByRole('button', { name: 'Send test' }).click();
  const reason = 'Telegram answered 401 Unauthorized (Unauthorized)';
  await expect(item.getByTestId('channel-test-result')).toHaveText(reason);
  await expect(item.getByTestId('channel-state')).toHaveText(`Failing: ${reason}`);
  await expect(item).toHaveAttribute('data-state', 'failing');
  expect(harness.app.channels.problems()).toEqual([{ name: 'Phone', reason }]);
  expect(receiver.requests[0]!.path).toBe(`/bot${BOT}/sendMessage`);
  await snap(page, testInfo, 'channel-failing');

  // A new token from BotFather: the edit keeps what is not retyped and clears the failure.
  receiver.fallback = { status: 200, body: '{"ok":true,"result":{"message_id":1}}' };
  const newBot = '7012345678:AAQz8yX7wV6uT5sR4qP3oN2mL1kJ0iHgFeD';
  await item.getByRole('button', { name: 'Edit' }).click();
  const edit = item.getByTestId('channel-form');
  await expect(edit.getByLabel('Bot token')).toHaveAttribute('placeholder', /leave empty to keep/);
  await edit.getByLabel('Bot token').fill(newBot);
  await edit.getByRole('button', { name: 'Save' }).click();
  await expect(item.getByTestId('channel-state')).toHaveText('Ready');
  // Telegram takes one message every 3 s per chat; the test button keeps to that too.
  await item.getByRole('button', { name: 'Send test' }).click();
  await expect(item.getByTestId('channel-test-result')).toHaveText('Rate limit: try again in 3 s.');
  expect(receiver.requests).toHaveLength(1);
  await harness.advance(3_000);
  await item.getByRole('button', { name: 'Send test' }).click();
  await expect(item.getByTestId('channel-test-result')).toHaveText('Test alert delivered.');
  expect(receiver.requests.at(-1)!.path).toBe(`/bot${newBot}/sendMessage`);

  const id = harness.app.settings.current.channels[0]!.id;
  await item.getByRole('button', { name: 'Remove Phone…' }).click();
  await item.getByRole('button', { name: 'Remove Phone' }).click();
  await expect(section.getByTestId('channel')).toHaveCount(0);
  expect(await harness.channelSecrets.get(channelAccount(id))).toBeNull();
  for (const secret of [BOT_SECRET, newBot.split(':')[1]!]) {
    await expectSecretNeverReachedPage(harness, page, secret);
    expect(await filesAndLogs(harness)).not.toContain(secret);
  }
});

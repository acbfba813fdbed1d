// The update notice in the built popover (Chromium, through the IPC harness, with the real app
// core), against a loopback stand-in for GitHub's releases API: the banner names the newer
// version, its link goes through app:open-external to that release page and nowhere else, the
// setting turns checks off, and an up-to-date, offline or rate-limited check shows nothing.
import { expect, test, type Page } from '@playwright/test';
import {
  startReleasesServer,
  type FakeRelease,
  type ReleasesServer,
} from '../support/github-releases-server.js';
import { startHarness, type Harness } from './harness/app-harness.js';
import { SATURDAY_NOON, snap, tab } from './harness/popover.js';

const REPO = { owner: 'hedgeflow-app', name: 'hedgeflow' };
const RELEASE_PAGE = 'https://github.com/hedgeflow-app/hedgeflow/releases/tag/v0.2.0';
const TWELVE_HOURS = 12 * 60 * 60_000;

let harness: Harness | undefined;
let github: ReleasesServer | undefined;

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
  await github?.close();
  github = undefined;
});

async function open(page: Page, releases: FakeRelease[] = [{ tag_name: 'v0.2.0' }]) {
  github = await startReleasesServer({ owner: REPO.owner, repo: REPO.name, releases });
  harness = await startHarness(page, {
    startAt: SATURDAY_NOON,
    updates: { currentVersion: '0.1.0', repository: REPO, apiBase: github.url },
  });
  // Hours pass below: the demo's polling would only slow that down (checks go on while paused).
  harness.app.setPaused(true);
  return { github, harness };
}

test('a newer release shows in the popover, and its link opens the release page', async ({
  page,
}, testInfo) => {
  await open(page, [{ tag_name: 'v0.3.0-beta.1', prerelease: true }, { tag_name: 'v0.2.0' }]);
  const bar = page.getByTestId('update-bar');
  await expect(bar).toBeVisible();
  await expect(page.getByTestId('update-text')).toHaveText('HedgeFlow 0.2.0 is available');
  const link = bar.getByRole('link', { name: 'Release page' });
  await expect(link).toHaveAttribute('href', RELEASE_PAGE);
  await snap(page, testInfo, 'update-available');

  await link.click();
  await expect.poll(() => harness!.openedUrls).toEqual([RELEASE_PAGE]);
  // The popover itself never left its page.
  expect(new URL(page.url()).pathname).toBe('/');
  const opened = harness!.deliveries.filter((d) => d.name === 'app:open-external');
  expect(opened.map((d) => JSON.parse(d.json) as unknown)).toEqual([{ ok: true, value: null }]);

  // "Later" hides it for this version.
  await bar.getByRole('button', { name: 'Hide the update notice' }).click();
  await expect(bar).toBeHidden();
});

test('the link opens that release page only: any other URL is refused, with a message', async ({
  page,
}) => {
  await open(page);
  await expect(page.getByTestId('update-text')).toHaveText('HedgeFlow 0.2.0 is available');
  // A notice pointing elsewhere (as a compromised page or a forged push would make it).
  for (const url of [
    'https://github.com/someone-else/hedgeflow/releases/tag/v9.9.9',
    'https://github.com/hedgeflow-app/hedgeflow/releases/download/v9.9.9/HedgeFlow.exe',
    'https://evil.example/hedgeflow/releases/tag/v9.9.9',
  ]) {
    await harness!.push('update', { available: { version: '9.9.9', url } });
    await expect(page.getByTestId('update-text')).toHaveText('HedgeFlow 9.9.9 is available');
    await page.getByTestId('update-link').click();
    await expect(page.getByTestId('update-error')).toContainText(
      'HedgeFlow only opens https links to flashalpha.com and its own release pages.',
    );
  }
  expect(harness!.openedUrls).toEqual([]);
});

test('turned off in Settings: the notice goes and GitHub is not asked again', async ({ page }) => {
  const { github: server } = await open(page);
  await expect(page.getByTestId('update-bar')).toBeVisible();
  expect(server.requests).toHaveLength(1);

  await tab(page, 'Settings').click();
  const toggle = page.getByTestId('check-for-updates');
  await expect(toggle).toBeChecked();
  await toggle.uncheck();
  await expect(page.getByTestId('update-bar')).toBeHidden();
  await harness!.advance(2 * TWELVE_HOURS);
  expect(server.requests).toHaveLength(1);

  await toggle.check();
  await expect(page.getByTestId('update-bar')).toBeVisible();
  expect(server.requests).toHaveLength(2);
});

test('up to date: no notice', async ({ page }) => {
  const { github: server } = await open(page, [{ tag_name: 'v0.1.0' }]);
  await expect.poll(() => server.requests.length).toBe(1);
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await expect(page.getByTestId('update-bar')).toHaveCount(0);
});

test('offline or rate limited: silent, then the notice once GitHub answers', async ({ page }) => {
  github = await startReleasesServer({
    owner: REPO.owner,
    repo: REPO.name,
    releases: [{ tag_name: 'v0.2.0' }],
  });
  github.fault = { kind: 'rate-limit', resetAt: SATURDAY_NOON + 2 * 60 * 60_000 };
  harness = await startHarness(page, {
    startAt: SATURDAY_NOON,
    updates: { currentVersion: '0.1.0', repository: REPO, apiBase: github.url },
  });
  harness.app.setPaused(true);
  await expect.poll(() => github!.requests.length).toBe(1);
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  await expect(page.getByTestId('update-bar')).toHaveCount(0);
  await expect(page.getByTestId('app-error')).toHaveCount(0);
  await expect(page.getByTestId('notice')).toHaveCount(0);

  github.fault = { kind: 'reset' }; // and then offline
  await harness.advance(2 * 60 * 60_000);
  await expect.poll(() => github!.requests.length).toBe(2);
  await expect(page.getByTestId('update-bar')).toHaveCount(0);
  await expect(page.getByTestId('app-error')).toHaveCount(0);

  github.fault = null;
  await harness.advance(60 * 60_000);
  await expect(page.getByTestId('update-text')).toHaveText('HedgeFlow 0.2.0 is available');
});

// The states a glance must explain that the FlashAlpha error specs do not reach: no network,
// a symbol the API does not know, a short rate limit, a row that stopped updating, and the live
// signals (squeeze, gamma flip, chasing or fading). Also: the popover lets go of what a view
// used once it is closed.
import { expect, test, type Page } from '@playwright/test';
import type { ActiveSignal } from '../../core/contract/detector.js';
import type { SymbolRow } from '../../core/contract/views.js';
import {
  httpResponse,
  networkDown,
  SIM_KEYS,
  startHarness,
  type Harness,
} from './harness/app-harness.js';
import { FRIDAY_1030, row, snap, tab } from './harness/popover.js';

let harness: Harness | undefined;

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

test('with the network down each row says so, and Retry now polls again once it is back', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, {
    startAt: FRIDAY_1030,
    flashAlpha: { key: SIM_KEYS.alpha },
    intercept: networkDown,
  });
  const spy = row(page, 'SPY');
  await expect(spy).toHaveAttribute('data-status', 'error');
  await expect(spy.getByTestId('status')).toHaveText(/could not reach 127\.0\.0\.1/);
  await expect(spy.getByRole('button', { name: /Retry now/ })).toHaveCount(1);
  await snap(page, testInfo, 'rows-network-down');

  // The network is back; the user does not wait for the backoff.
  harness.intercept(null);
  const before = harness.requests.length;
  const nextTry = harness.app.status().nextPollAt!;
  await spy.getByRole('button', { name: /Retry now/ }).click();
  // The harness clock only moves when told: one second on, far before the backoff's next try.
  await harness.advance(1_000);
  expect(harness.clock.now()).toBeLessThan(nextTry);
  expect(harness.requests.length).toBeGreaterThan(before);
  await expect(spy.getByTestId('status')).toHaveText('Live');
  await expect(spy.getByRole('button', { name: /Retry now/ })).toHaveCount(0);
});

test('a symbol the API does not know says so, and Edit symbols opens the symbol list', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, {
    startAt: FRIDAY_1030,
    flashAlpha: { key: SIM_KEYS.alpha },
    settings: { symbols: ['SPY', 'XYZ'], zeroDteListings: { XYZ: [1, 2, 3, 4, 5] } },
    intercept: (request) =>
      request.url.includes('/XYZ')
        ? httpResponse(404, { error: 'symbol_not_found', message: 'No data for XYZ.' })
        : null,
  });
  const xyz = row(page, 'XYZ');
  await expect(xyz.getByTestId('status')).toHaveText('No data for XYZ.');
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');
  await expect(page.getByTestId('app-error')).toBeHidden();
  await snap(page, testInfo, 'rows-unknown-symbol');

  await xyz.getByRole('button', { name: /Edit symbols/ }).click();
  await expect(tab(page, 'Settings')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Add a symbol')).toBeFocused();
});

test('a short rate limit says FlashAlpha asked to slow down, and when polling resumes', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, {
    startAt: FRIDAY_1030,
    flashAlpha: { key: SIM_KEYS.alpha },
    intercept: () =>
      httpResponse(
        429,
        { detail: 'Too many requests' },
        {
          'Retry-After': '120',
          'X-RateLimit-Limit': 'unlimited',
          'X-RateLimit-Remaining': 'unlimited',
        },
      ),
  });
  const shown = page.getByTestId('app-error').or(row(page, 'SPY'));
  await expect(shown.getByText(/asked us to slow down/)).toBeVisible();
  // 10:30 ET plus two minutes: a fact to read, nothing to press.
  await expect(shown.getByTestId('state-info').first()).toHaveText('Resumes at 10:32 ET');
  await snap(page, testInfo, 'rate-limited');
});

test('offline: a bar says so until the network is back', async ({ page }, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');
  await expect(page.getByTestId('offline-bar')).toBeHidden();

  harness.app.setOnline(false);
  const bar = page.getByTestId('offline-bar');
  await expect(bar).toContainText('Offline');
  await expect(bar.getByRole('button')).toHaveCount(0);
  await snap(page, testInfo, 'offline');

  harness.app.setOnline(true);
  await expect(bar).toBeHidden();
});

test('a row that stops updating warns before main calls it stale', async ({ page }, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  const spy = row(page, 'SPY');
  await expect(spy.getByTestId('status')).toHaveText('Live');
  // Nothing arrives any more (a hung request), while the clock goes on: two bars and a half.
  harness.app.suspend();
  await harness.jump(4 * 60_000);
  await expect(spy.getByTestId('status')).toHaveText('No update for 4 min');
  await expect(spy.getByTestId('status')).toHaveClass(/tone-warn/);
  await expect(spy.locator('.row-main')).toHaveAttribute('aria-label', /No update for 4 min/);
  await snap(page, testInfo, 'rows-no-update');
});

function signal(view: SymbolRow, fields: Partial<ActiveSignal>): SymbolRow {
  return {
    ...view,
    signal: {
      symbol: view.symbol,
      kind: 'squeeze',
      direction: 'up',
      since: FRIDAY_1030 - 6 * 60_000,
      t: FRIDAY_1030 - 60_000,
      barCount: 6,
      move: 48_200_000,
      confirmation: null,
      legs: null,
      severity: 'building',
      alerted: true,
      pending: null,
      ...fields,
    },
  };
}

async function pushSignal(h: Harness, symbol: string, fields: Partial<ActiveSignal>) {
  const view = h.app.symbolViews().find((v) => v.symbol === symbol)!;
  await h.push('symbol', signal(view, fields));
}

test('the live status names the signal: squeeze up or down, gamma flip, chasing or fading', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');
  const spySignal = row(page, 'SPY').getByTestId('signal');
  const qqqSignal = row(page, 'QQQ').getByTestId('signal');

  await pushSignal(harness, 'SPY', {
    confirmation: 'chasing',
    legs: { calls: 40e6, puts: 8e6, callShare: 0.83, putShare: 0.17, driver: 'calls' },
  });
  await expect(spySignal).toHaveText('Squeeze ▲ up · 6 bars · +$48.2M · chasing · calls-driven');
  await pushSignal(harness, 'QQQ', {
    direction: 'down',
    move: -15_000_000,
    confirmation: 'fading',
    severity: 'escalated',
  });
  await expect(qqqSignal).toHaveText('Squeeze ▼ down · 6 bars · -$15M · fading · escalated');
  await expect(qqqSignal).toHaveClass(/down/);
  await pushSignal(harness, 'SPX', { kind: 'gamma-flip', direction: 'up', move: 2_000_000 });
  await expect(row(page, 'SPX').getByTestId('signal')).toHaveText(
    'Gamma flip ▲ crossed above · +$2M',
  );
  // The row's accessible name carries the signal in words too.
  await expect(row(page, 'QQQ').locator('.row-main')).toHaveAttribute(
    'aria-label',
    /Squeeze ▼ down .* fading/,
  );
  await snap(page, testInfo, 'rows-signals');

  // A reversal, and the same words in the detail view.
  await pushSignal(harness, 'SPY', { kind: 'reversal', direction: 'down', move: -9_000_000 });
  await row(page, 'SPY').locator('.row-main').click();
  await expect(page.getByTestId('detail-signal')).toHaveText('Reversal ▼ down · 6 bars · -$9M');
});

/** Canvases alive in the page's heap after a full GC, whether in the DOM or not. */
async function liveCanvases(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    const proto = await cdp.send('Runtime.evaluate', {
      expression: 'HTMLCanvasElement.prototype',
    });
    const found = await cdp.send('Runtime.queryObjects', {
      prototypeObjectId: proto.result.objectId!,
    });
    const count = await cdp.send('Runtime.callFunctionOn', {
      objectId: found.objects.objectId!,
      functionDeclaration: 'function () { return this.length; }',
      returnByValue: true,
    });
    return count.result.value as number;
  } finally {
    await cdp.detach();
  }
}

test('opening and closing Detail many times leaves no charts or subscriptions behind', async ({
  page,
}) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  await expect(row(page, 'SPY').getByTestId('status')).toHaveText('Live');
  const listeners = () =>
    page.evaluate(() =>
      (window as unknown as { __hedgeflowListenerCount(): number }).__hedgeflowListenerCount(),
    );
  const inDom = () => page.locator('canvas').count();
  const rowsListeners = await listeners();
  const rowsCanvases = await inDom();
  expect(rowsCanvases).toBe(6); // a sparkline and a burst strip per symbol

  async function openAndClose(times: number): Promise<void> {
    for (let i = 0; i < times; i++) {
      await row(page, i % 2 === 0 ? 'SPY' : 'QQQ')
        .locator('.row-main')
        .click();
      await expect(page.locator('[data-testid="detail-canvas"]')).toHaveCount(1);
      // A push while Detail is open reaches its charts, as live data does.
      await harness!.advance(30_000);
      await page.keyboard.press('Escape');
      await expect(page.locator('[data-testid="detail-canvas"]')).toHaveCount(0);
    }
  }

  // Once, so that everything built once per page (Svelte keeps a template of each component,
  // a canvas included) exists; then many more times.
  await openAndClose(1);
  const once = await liveCanvases(page);
  await openAndClose(12);
  await tab(page, 'Alerts').click();
  await tab(page, 'Settings').click();
  await tab(page, 'Rows').click();
  await expect(row(page, 'SPY')).toBeVisible();

  expect(await listeners()).toBe(rowsListeners);
  expect(await inDom()).toBe(rowsCanvases);
  // A detail chart or histogram that was not destroyed keeps its canvas alive: two per round.
  await expect.poll(() => liveCanvases(page), { timeout: 10_000 }).toBe(once);
});

// The scorecard and the threshold preview over past sessions, from real history files written
// into the harness's data folder (the demo lane's, where the app keeps demo sessions): figures
// computed by hand below, small samples flagged, the sessions setting honoured, and a draft of
// the detector settings replayed beside the current ones before it is applied.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import type { AlertRecord, Direction } from '../../core/contract/detector.js';
import type { AlertOutcomes } from '../../core/contract/outcomes.js';
import type { StoredBar } from '../../core/history/history-layout.js';
import { sessionOn } from '../../calendar/index.js';
import { startHarness, type Harness } from './harness/app-harness.js';
import { FRIDAY_1030, paintedPixels, row, snap, tab } from './harness/popover.js';

let harness: Harness | undefined;

test.afterEach(async () => {
  await harness?.stop();
  harness = undefined;
});

const MIN = 60_000;
const M = 1_000_000;

/** Writes a history file where the app keeps the demo lane's sessions. */
async function writeHistory(h: Harness, name: string, lines: readonly unknown[]): Promise<void> {
  const dir = path.join(h.dataDir, 'demo', 'history');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, name), lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}

/** A whole session of 1m bars: per-bar flow and spot by minute from the open. */
function sessionBars(
  date: string,
  flow: (i: number) => number,
  spot: (i: number) => number,
): StoredBar[] {
  const open = sessionOn(date)!.open;
  let cumulative = 0;
  return Array.from({ length: 390 }, (_, i) => {
    cumulative += flow(i);
    return {
      t: open + i * MIN,
      all: { bar: flow(i), cumulative },
      calls: null,
      puts: null,
      spot: spot(i),
      gammaFlip: null,
    };
  });
}

/** An alert as history keeps it, on minute `i` of `date`'s session. */
function storedAlert(
  symbol: string,
  date: string,
  i: number,
  direction: Direction,
  outcomes?: AlertOutcomes,
): AlertRecord {
  const t = sessionOn(date)!.open + i * MIN;
  const bars = [4, 3, 2, 1, 0].map((k) => ({ t: t - k * MIN, bar: M, cumulative: M }));
  return {
    id: `${symbol}:squeeze:${direction}:${t - 4 * MIN}:building`,
    symbol,
    kind: 'squeeze',
    direction,
    t,
    firedAt: t + MIN,
    title: `${symbol} squeeze building`,
    body: '5 bars',
    severity: 'building',
    catchUp: false,
    evidence: {
      since: t - 4 * MIN,
      barCount: 5,
      move: 5 * M,
      cumulative: M,
      bars,
      legs: null,
      price: null,
      gammaFlip: null,
    },
    ...(outcomes && { outcomes }),
  };
}

test('the scorecard reads real history files: per rule and symbol, against the baseline', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  const h = harness;
  await expect(row(page, 'SPY')).toBeVisible();
  // IWM, which the app does not poll: two recorded sessions, flat at 200 but for a few minutes.
  const wed = { 65: 201, 105: 199 } as Record<number, number>;
  const thu = { 65: 202 } as Record<number, number>;
  await writeHistory(
    h,
    '2026-06-03.IWM.1m.bars.ndjson',
    sessionBars(
      '2026-06-03',
      () => M,
      (i) => wed[i] ?? 200,
    ),
  );
  await writeHistory(
    h,
    '2026-06-04.IWM.1m.bars.ndjson',
    sessionBars(
      '2026-06-04',
      () => M,
      (i) => thu[i] ?? 200,
    ),
  );
  // Two alerts stored before outcomes were tracked (computed from the bars), one with its
  // outcomes stored (read as stored).
  const thuOpen = sessionOn('2026-06-04')!.open;
  const stored: AlertOutcomes = {
    barSize: '1m',
    spot: 200,
    horizons: {
      '5m': { status: 'known', move: 0.01, spot: 202, at: thuOpen + 65 * MIN },
      '15m': { status: 'known', move: 0, spot: 200, at: thuOpen + 75 * MIN },
      '30m': { status: 'known', move: 0, spot: 200, at: thuOpen + 90 * MIN },
      close: { status: 'known', move: 0, spot: 200, at: thuOpen + 389 * MIN },
    },
  };
  await writeHistory(h, '2026-06-03.IWM.alerts.ndjson', [
    storedAlert('IWM', '2026-06-03', 60, 'up'),
    storedAlert('IWM', '2026-06-03', 100, 'up'),
  ]);
  await writeHistory(h, '2026-06-04.IWM.alerts.ndjson', [
    storedAlert('IWM', '2026-06-04', 60, 'up', stored),
  ]);

  await tab(page, 'Alerts').click();
  await page.getByTestId('show-scorecard').click();
  await expect(page.getByTestId('scorecard-scope')).toContainText(
    'Estimates from your own stored data: 3 sessions (2026-06-03 to 2026-06-05), 1m bars.',
  );
  await expect(page.getByTestId('scorecard-demo')).toContainText('simulated');
  await page.getByLabel('Symbol', { exact: true }).selectOption('IWM');
  const up = page.locator('.scorecard-rule[data-rule="squeeze-up"]');
  await expect(up.getByRole('heading')).toContainText('Squeeze ▲ up · 3 alerts');
  await expect(up.getByTestId('small-sample')).toBeVisible();
  // 5 min: +0.5% (Wed 10:30), −0.5% (Wed 11:10), +1% (Thu, stored): 2 of 3, Wilson 21%–94%,
  // median +0.50%, mean +0.33%. Baseline: the 10:30-11:30 bars of both days (120), both ways:
  // 6 moving bars of 240 moves, 2.5%, median 0.
  await expect(up.locator('tr[data-horizon="5m"] td')).toHaveText([
    '67% (21%–94%)',
    '+0.50%',
    '+0.33%',
    '3%',
    '0.00%',
  ]);
  // 15 min: all three flat: known, not hits (0 of 3); never left out as unknown.
  await expect(up.locator('tr[data-horizon="15m"] td').first()).toHaveText('0% (0%–56%)');
  await expect(up.locator('tr[data-horizon="15m"] td').nth(1)).toHaveText('0.00%');
  await expect(page.locator('.scorecard-rule[data-rule="squeeze-down"]')).toContainText(
    'No alerts of this rule in these sessions.',
  );
  // 15 minutes on, the baseline's moving bars are Wed 10:35, 11:00, 11:15 and Thu 10:35: 4 of
  // 240 moves up.
  const chart = up.getByRole('img');
  await expect(chart).toHaveAttribute('aria-label', /0% of alerts moved their way, baseline 2%\./);
  await expect
    .poll(() => paintedPixels(page, '.scorecard-rule[data-rule="squeeze-up"] canvas'))
    .toBeGreaterThan(50);
  // Alerts and baseline in their own colours (the legend's), not chart.js's default grey.
  const colours = await page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>(
      '.scorecard-rule[data-rule="squeeze-up"] canvas',
    )!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const seen = new Set<string>();
    for (let i = 0; i < data.length; i += 4) {
      if (data[i + 3] === 255) seen.add(`${data[i]},${data[i + 1]},${data[i + 2]}`);
    }
    const rgb = (name: string) => {
      const hex = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
      return [1, 3, 5].map((k) => parseInt(hex.slice(k, k + 2), 16)).join(',');
    };
    return { alerts: seen.has(rgb('--series-all')), baseline: seen.has(rgb('--series-flip')) };
  });
  expect(colours).toEqual({ alerts: true, baseline: true });
  await snap(page, testInfo, 'scorecard-iwm');
  // A new alert kept in history and pushed by main: the open scorecard counts it at once.
  const late = storedAlert('IWM', '2026-06-03', 200, 'up');
  await writeHistory(h, '2026-06-03.IWM.alerts.ndjson', [
    storedAlert('IWM', '2026-06-03', 60, 'up'),
    storedAlert('IWM', '2026-06-03', 100, 'up'),
    late,
  ]);
  await h.push('alert', late);
  await expect(up.getByRole('heading')).toContainText('Squeeze ▲ up · 4 alerts');
  // One session: only today's (which IWM has no data for).
  await page.getByLabel('Sessions').fill('1');
  await page.getByLabel('Sessions').press('Tab');
  await expect.poll(() => h.app.settings.current.scorecardSessions).toBe(1);
  await expect(page.getByTestId('scorecard-scope')).toContainText('1 session (2026-06-05)');
  await expect(page.getByLabel('Symbol', { exact: true }).locator('option')).not.toContainText([
    'IWM',
  ]);
  // An empty field is not "0 sessions".
  await page.getByLabel('Sessions').fill('');
  await page.getByLabel('Sessions').press('Tab');
  await expect(page.getByTestId('scorecard-sessions-error')).toHaveText(
    'Enter a number of sessions; it stays 1.',
  );
  expect(h.app.settings.current.scorecardSessions).toBe(1);
});

test('the threshold preview replays a draft over past sessions beside the current settings', async ({
  page,
}, testInfo) => {
  harness = await startHarness(page, { startAt: FRIDAY_1030 });
  const h = harness;
  await expect(row(page, 'SPY')).toBeVisible();
  // Thursday's SPY: noise, and one 7-bar buying run from 10:30 (the default rule fires once on
  // its 5th bar; a 12-bar rule never does).
  await writeHistory(
    h,
    '2026-06-04.SPY.1m.bars.ndjson',
    sessionBars(
      '2026-06-04',
      (i) => (i >= 60 && i < 67 ? (i - 59) * M : (i % 2 ? -0.3 : 0.3) * M),
      (i) => 500 + i / 100,
    ),
  );
  const detector = h.app.settings.current.detector;
  const now = await h.app.previewDetectorSessions(detector);
  const strict = await h.app.previewDetectorSessions({ ...detector, runLength: 12 });
  expect(now.sessions).toEqual(['2026-06-04', '2026-06-05']);

  await tab(page, 'Settings').click();
  const preview = page.getByTestId('sessions-preview');
  await expect(preview).toContainText(
    'Over the last 2 stored sessions (2026-06-04 to 2026-06-05):',
  );
  await expect(page.getByTestId('sessions-current-count')).toHaveText(
    String(now.current.alertCount),
  );
  await expect(page.getByTestId('sessions-draft-count')).toHaveCount(0);
  await expect(preview.locator('tr[data-rule="squeeze-up"]')).toBeVisible();

  await page.getByLabel('Same-signed bars in a run').fill('12');
  await expect(page.getByTestId('sessions-draft-count')).toHaveText(
    String(strict.draft.alertCount),
  );
  await expect(page.getByTestId('sessions-current-count')).toHaveText(
    String(now.current.alertCount),
  );
  // Thursday's run fired with the current rule and does not with the draft.
  expect(strict.draft.alertCount).toBeLessThan(now.current.alertCount);
  expect(h.app.settings.current.detector.runLength).toBe(detector.runLength); // not applied
  await preview.scrollIntoViewIfNeeded();
  await snap(page, testInfo, 'settings-sessions-preview');
});

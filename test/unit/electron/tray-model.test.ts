import { describe, expect, it } from 'vitest';
import {
  trayIconFile,
  trayMenu,
  trayModel,
  trayState,
  trayTooltip,
  TRAY_STATES,
  type TrayMenuItem,
} from '../../../electron/tray-model.js';
import { NOW, squeeze, statusView, symbolView } from './fixtures.js';

const labels = (menu: readonly TrayMenuItem[]) =>
  menu.map((item) => (item.kind === 'separator' ? '---' : item.label));

describe('the tray icon state', () => {
  const live = [symbolView('SPY'), symbolView('QQQ')];

  it('is neutral on live data with nothing going on', () => {
    expect(trayState({ status: statusView(), symbols: live })).toBe('neutral');
  });

  it('shows the direction of a squeeze in progress, the newest episode winning', () => {
    const up = symbolView('SPY', { signal: squeeze('SPY', 'up', NOW - 10 * 60_000) });
    const down = symbolView('QQQ', { signal: squeeze('QQQ', 'down', NOW - 2 * 60_000) });
    expect(trayState({ status: statusView(), symbols: [up, symbolView('QQQ')] })).toBe(
      'up-squeeze',
    );
    expect(trayState({ status: statusView(), symbols: [up, down] })).toBe('down-squeeze');
  });

  it('does not treat a reversal or a gamma-flip cross as a squeeze', () => {
    const reversal = symbolView('SPY', { signal: { ...squeeze('SPY', 'up'), kind: 'reversal' } });
    expect(trayState({ status: statusView(), symbols: [reversal] })).toBe('neutral');
  });

  it('is stale when offline, on an app-wide error, or when a symbol stopped updating', () => {
    expect(trayState({ status: statusView({ online: false }), symbols: live })).toBe('stale');
    const error = { code: 'auth', message: 'Invalid API key.', action: 'open-settings' } as const;
    expect(trayState({ status: statusView({ error }), symbols: live })).toBe('stale');
    const stale = symbolView('SPY', { status: { kind: 'stale', since: NOW - 120_000 } });
    expect(trayState({ status: statusView(), symbols: [stale] })).toBe('stale');
  });

  it('puts paused above everything, and a squeeze above demo data', () => {
    const up = symbolView('SPY', { signal: squeeze('SPY', 'up') });
    expect(trayState({ status: statusView({ paused: true, online: false }), symbols: [up] })).toBe(
      'paused',
    );
    const demo = statusView({ source: 'demo', demoReason: 'no-key' });
    expect(trayState({ status: demo, symbols: [up] })).toBe('up-squeeze');
    expect(trayState({ status: demo, symbols: live })).toBe('demo');
  });
});

describe('the tooltip', () => {
  it("lists each symbol's cumulative", () => {
    const symbols = [
      symbolView('SPY', { cumulative: 48_200_000, signal: squeeze('SPY', 'up') }),
      symbolView('QQQ', { cumulative: -12_000_000 }),
      symbolView('SPX', { cumulative: null, status: { kind: 'loading' } }),
    ];
    expect(trayTooltip({ status: statusView(), symbols }, 'darwin')).toBe(
      ['HedgeFlow', 'SPY +$48.2M ▲ squeeze', 'QQQ -$12M', 'SPX —'].join('\n'),
    );
  });

  it('leads with demo data, pause or the problem', () => {
    const demo = statusView({ source: 'demo', demoReason: 'no-key' });
    expect(trayTooltip({ status: demo, symbols: [] }, 'linux')).toBe('HedgeFlow: Demo data');
    expect(trayTooltip({ status: statusView({ paused: true }), symbols: [] }, 'linux')).toBe(
      'HedgeFlow: Paused',
    );
  });

  it("keeps whole lines within Windows' 127 characters", () => {
    const symbols = [
      'SPY',
      'QQQ',
      'SPX',
      'IWM',
      'AAPL',
      'TSLA',
      'NVDA',
      'MSFT',
      'AMZN',
      'META',
    ].map((s) => symbolView(s, { cumulative: -1_234_000_000, signal: squeeze(s, 'down') }));
    const text = trayTooltip({ status: statusView(), symbols }, 'win32');
    expect(text.length).toBeLessThanOrEqual(127);
    expect(text.split('\n').every((line) => line === 'HedgeFlow' || line.endsWith('squeeze'))).toBe(
      true,
    );
  });
});

describe('a failing alert channel', () => {
  const channels = [
    { name: 'Trading room', reason: 'Discord answered 404 Not Found (Unknown Webhook)' },
  ];

  it('is named with its reason in the tooltip, right after the headline', () => {
    const symbols = [symbolView('SPY', { cumulative: 48_200_000 })];
    expect(trayTooltip({ status: statusView(), symbols, channels }, 'linux')).toBe(
      [
        'HedgeFlow',
        'Alert channel "Trading room" failing: Discord answered 404 Not Found (Unknown Webhook)',
        'SPY +$48.2M',
      ].join('\n'),
    );
  });

  it("survives Windows' 127 characters ahead of the symbols, cut if its reason is long", () => {
    const long = [{ name: 'Desk', reason: `Slack answered 403 Forbidden (${'x'.repeat(200)})` }];
    const symbols = ['SPY', 'QQQ', 'SPX'].map((s) => symbolView(s, { cumulative: 1e9 }));
    const text = trayTooltip({ status: statusView(), symbols, channels: long }, 'win32');
    expect(text.length).toBeLessThanOrEqual(127);
    const lines = text.split('\n');
    expect(lines[1]).toMatch(/^Alert channel "Desk" failing: Slack answered 403 Forbidden \(x+…$/);
  });

  it('gets a menu line that opens Settings', () => {
    const menu = trayMenu({ status: statusView(), symbols: [symbolView('SPY')], channels });
    expect(menu).toContainEqual({
      kind: 'item',
      label: 'Alert channel "Trading room" failing…',
      action: { type: 'settings' },
    });
  });
});

describe('the context menu', () => {
  it('has a line per symbol, pause, open, settings and quit', () => {
    const symbols = [symbolView('SPY'), symbolView('QQQ', { cumulative: -3_400_000 })];
    expect(labels(trayMenu({ status: statusView(), symbols }))).toEqual([
      'SPY +$48.2M',
      'QQQ -$3.4M',
      '---',
      'Pause updates',
      'Open HedgeFlow',
      'Settings…',
      '---',
      'Quit HedgeFlow',
    ]);
  });

  it('changes with the status: resume when paused, a disabled headline for demo data', () => {
    const menu = trayMenu({
      status: statusView({ paused: true, source: 'demo', demoReason: 'no-key' }),
      symbols: [symbolView('SPY')],
    });
    expect(menu[0]).toEqual({ kind: 'item', label: 'Paused', action: null });
    expect(labels(menu)).toContain('Resume updates');
    expect(menu.find((i) => i.kind === 'item' && i.label.startsWith('SPY'))).toMatchObject({
      action: { type: 'open-symbol', symbol: 'SPY' },
    });
  });

  it('says closed or unavailable instead of a figure when there is none', () => {
    const symbols = [
      symbolView('SPY', { cumulative: null, status: { kind: 'closed', nextOpen: NOW } }),
      symbolView('QQQ', {
        status: { kind: 'error', error: { code: 'server', message: 'x', action: 'retry' } },
      }),
    ];
    expect(labels(trayMenu({ status: statusView(), symbols })).slice(0, 2)).toEqual([
      'SPY closed',
      'QQQ unavailable',
    ]);
  });

  it('is the same model for the same input, so re-rendering can no-op', () => {
    const input = { status: statusView(), symbols: [symbolView('SPY')] };
    expect(trayModel(input, 'linux')).toEqual(trayModel(input, 'linux'));
  });
});

describe('the tray icon file', () => {
  it('is a template image on macOS, a 32 px drawing on Linux, 16 px (+@2x) on Windows', () => {
    expect(trayIconFile('up-squeeze', 'darwin')).toBe('up-squeezeTemplate.png');
    expect(trayIconFile('up-squeeze', 'linux')).toBe('linux/up-squeeze.png');
    expect(trayIconFile('up-squeeze', 'win32')).toBe('up-squeeze.png');
    expect(new Set(TRAY_STATES.map((s) => trayIconFile(s, 'win32'))).size).toBe(TRAY_STATES.length);
  });
});

describe('the update notice in the menu', () => {
  const update = {
    version: '0.2.0',
    url: 'https://github.com/hedgeflow-app/hedgeflow/releases/tag/v0.2.0',
  };

  it('leads the menu, opening the release page', () => {
    const menu = trayMenu({
      status: statusView({ source: 'demo', demoReason: 'no-key' }),
      symbols: [symbolView('SPY')],
      update,
    });
    expect(labels(menu).slice(0, 3)).toEqual(['HedgeFlow 0.2.0 is available…', '---', 'Demo data']);
    expect(menu[0]).toMatchObject({ action: { type: 'open-release', url: update.url } });
  });

  it('is absent when no newer release is known', () => {
    for (const none of [null, undefined]) {
      const menu = trayMenu({ status: statusView(), symbols: [symbolView('SPY')], update: none });
      expect(labels(menu).some((label) => label.includes('available'))).toBe(false);
    }
  });
});

// The tray keeps the rows it is pushed: a snapshot replaces them, a `symbol` push replaces one,
// and no push makes the app build views again. Driven by a real HedgeFlowApp on demo data, wired
// to the tray as main.ts wires it (feedTray), with the popover's push forwarding beside it.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Emitter } from '../../../core/app/emitter.js';
import type { ChannelView } from '../../../core/contract/alert-channels.js';
import type * as SymbolRowModule from '../../../core/app/symbol-row.js';
import type { PushEvents } from '../../../core/contract/channels.js';
import type { SymbolRow } from '../../../core/contract/views.js';
import { forwardPushEvents } from '../../../electron/ipc.js';
import { feedTray, TrayFeed } from '../../../electron/tray-feed.js';
import type { TrayInput } from '../../../electron/tray-model.js';
import { TrayService } from '../../../electron/tray-service.js';
import { openDemoApp } from '../core/app/demo-app.js';
import { resetFakes, Tray, WebContents } from './fake-electron.js';
import { NOW, statusView, symbolView } from './fixtures.js';

vi.mock('electron', () => import('./fake-electron.js'));

// Counts every view the app builds (core/app/symbol-row.ts), whoever asks for it.
const builds = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../core/app/symbol-row.js', async (importOriginal) => {
  const real = await importOriginal<typeof SymbolRowModule>();
  return {
    ...real,
    symbolRow: (...args: Parameters<typeof real.symbolRow>) => {
      builds.count++;
      return real.symbolRow(...args);
    },
  };
});

/** Friday 2026-06-05, 10:30 New York: an hour into a regular session. */
const FRIDAY_1030 = Date.parse('2026-06-05T14:30:00Z');

const row = (symbol: string, revision: number, cumulative = 1): SymbolRow => ({
  ...symbolView(symbol, { cumulative }),
  revision,
});

const failing: ChannelView = {
  config: { id: 'ch-abcdefgh', kind: 'ntfy', name: 'Phone' } as ChannelView['config'],
  hint: null,
  health: {
    state: 'failing',
    reason: 'refused (403)',
    since: NOW,
    lastDeliveredAt: null,
    pending: 0,
  },
};

beforeEach(() => {
  resetFakes();
  builds.count = 0;
});

describe('the tray feed', () => {
  function feed() {
    const source = new Emitter<PushEvents>();
    const rendered: TrayInput[] = [];
    const tray = new TrayFeed(
      {
        snapshot: { now: NOW, status: statusView(), symbols: [row('SPY', 1), row('QQQ', 2)] },
        update: null,
        channels: [],
      },
      (input) => rendered.push(input),
    );
    const stop = tray.follow(source);
    const symbols = () => rendered.at(-1)!.symbols.map((r) => [r.symbol, r.cumulative]);
    return { source, rendered, tray, stop, symbols };
  }

  it('replaces one row per symbol push, in place, and ignores a symbol it does not list', () => {
    const { source, rendered, symbols } = feed();
    source.emit('symbol', row('QQQ', 3, -5));
    expect(symbols()).toEqual([
      ['SPY', 1],
      ['QQQ', -5],
    ]);
    source.emit('symbol', row('SPX', 4, 9));
    expect(rendered).toHaveLength(1);
  });

  it('replaces every row, and their order, with a snapshot', () => {
    const { source, symbols } = feed();
    source.emit('snapshot', {
      now: NOW,
      status: statusView({ paused: true }),
      symbols: [row('SPX', 5, 7), row('SPY', 6, 8)],
    });
    expect(symbols()).toEqual([
      ['SPX', 7],
      ['SPY', 8],
    ]);
  });

  it('keeps the status, the update notice and the failing channels it is pushed', () => {
    const { source, rendered, stop } = feed();
    source.emit('status', statusView({ paused: true }));
    source.emit('update', { available: { version: '9.9.9', url: 'https://example.test/r' } });
    source.emit('channels', [failing]);
    expect(rendered.at(-1)).toMatchObject({
      status: { paused: true },
      update: { version: '9.9.9' },
      channels: [{ name: 'Phone', reason: 'refused (403)' }],
    });
    stop();
    source.emit('status', statusView());
    expect(rendered).toHaveLength(3);
  });
});

describe('a poll cycle, with the tray and the popover attached', () => {
  /** View builds and rows pushed per cycle, over ten minutes of a session with `n` symbols. */
  async function perCycle(n: number) {
    const symbols = ['SPY', 'QQQ', 'SPX', 'IWM', 'DIA', 'AAPL', 'MSFT', 'NVDA', 'TSLA', 'AMZN'];
    const { app, clock, run } = await openDemoApp({
      start: FRIDAY_1030,
      symbols: symbols.slice(0, n),
    });
    const tray = new TrayService({
      iconDir: '/icons',
      platform: 'linux',
      onClick: () => undefined,
      onAction: () => undefined,
    });
    const popover = new WebContents();
    feedTray(app, (input) => tray.render(input));
    forwardPushEvents(app, () => popover as unknown as Electron.WebContents);
    app.start();
    await run(5_000);
    const [builds0, fired0, sent0] = [builds.count, clock.fired, popover.sent.length];
    await run(10 * 60_000);
    const cycles = clock.fired - fired0;
    const pushes = popover.sent.slice(sent0).filter(([, event]) => event === 'symbol').length;
    // The tray shows every symbol's latest figures.
    const tooltip = Tray.instances.at(-1)!.tooltip;
    for (const s of symbols.slice(0, n)) expect(tooltip).toContain(`\n${s} `);
    await app.stop();
    return { builds: (builds.count - builds0) / cycles, pushes: pushes / cycles };
  }

  it('builds each view once: O(N) per cycle, not N² (a tray rebuilding all views per push)', async () => {
    const three = await perCycle(3);
    const ten = await perCycle(10);
    // Each cycle the loop builds every row once; the tray and the popover build none.
    expect(three.builds).toBeLessThanOrEqual(3);
    expect(ten.builds).toBeLessThanOrEqual(10);
    expect(ten.builds / three.builds).toBeLessThan(10 / 3 + 0.5);
    // And only changed rows are pushed: at most one per symbol per cycle.
    expect(ten.pushes).toBeLessThanOrEqual(10);
  });
});

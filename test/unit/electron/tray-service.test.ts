import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TrayAction } from '../../../electron/tray-model.js';
import { TrayService } from '../../../electron/tray-service.js';
import { Menu, resetFakes, Tray, type FakeImage, type FakeMenuItem } from './fake-electron.js';
import { squeeze, statusView, symbolView } from './fixtures.js';

vi.mock('electron', () => import('./fake-electron.js'));

const ICONS = path.resolve('/app/build/icons/tray');

function service(platform: NodeJS.Platform) {
  const actions: TrayAction[] = [];
  const clicks: number[] = [];
  const tray = new TrayService({
    iconDir: ICONS,
    platform,
    onClick: () => clicks.push(1),
    onAction: (action) => actions.push(action),
  });
  const fake = () => Tray.instances[0]!;
  const image = () => fake().image as unknown as FakeImage;
  const menu = () => (fake().contextMenu ?? Menu.built.at(-1)!).items;
  return { tray, fake, image, menu, actions, clicks };
}

const live = {
  status: statusView(),
  symbols: [symbolView('SPY'), symbolView('QQQ', { cumulative: -3_400_000 })],
};

beforeEach(() => resetFakes());

describe('the tray service', () => {
  it('creates one tray with the icon file of the state', () => {
    const { tray, image } = service('win32');
    tray.render(live);
    tray.render(live);
    expect(Tray.instances).toHaveLength(1);
    expect(image().path).toBe(path.join(ICONS, 'neutral.png'));
  });

  it('switches the icon when a squeeze starts, and only then', () => {
    const { tray, fake, image } = service('win32');
    tray.render(live);
    const up = { ...live, symbols: [symbolView('SPY', { signal: squeeze('SPY', 'up') })] };
    tray.render(up);
    tray.render(up);
    expect(image().path).toBe(path.join(ICONS, 'up-squeeze.png'));
    expect(fake().setImageCalls).toBe(1);
    tray.render({ ...live, status: statusView({ paused: true }) });
    expect(image().path).toBe(path.join(ICONS, 'paused.png'));
  });

  it('uses template images on macOS and the 32 px set on Linux', () => {
    const mac = service('darwin');
    mac.tray.render({ ...live, status: statusView({ source: 'demo', demoReason: 'no-key' }) });
    expect(mac.image().path).toBe(path.join(ICONS, 'demoTemplate.png'));
    expect(mac.image().template).toBe(true);
    resetFakes();
    const linux = service('linux');
    linux.tray.render(live);
    expect(linux.image().path).toBe(path.join(ICONS, 'linux', 'neutral.png'));
    expect(linux.image().template).toBe(false);
  });

  it("shows each symbol's cumulative in the tooltip", () => {
    const { tray, fake } = service('win32');
    tray.render(live);
    expect(fake().tooltip).toBe('HedgeFlow\nSPY +$48.2M\nQQQ -$3.4M');
  });

  it('rebuilds and re-sets the context menu on Linux after a change, not otherwise', () => {
    const { tray, fake, menu } = service('linux');
    tray.render(live);
    tray.render(live);
    expect(fake().setContextMenuCalls).toBe(1);
    tray.render({ ...live, status: statusView({ paused: true }) });
    expect(fake().setContextMenuCalls).toBe(2);
    expect(menu().map((item: FakeMenuItem) => item.label ?? item.type)).toEqual([
      'Paused',
      'SPY +$48.2M',
      'QQQ -$3.4M',
      'separator',
      'Resume updates',
      'Open HedgeFlow',
      'Settings…',
      'separator',
      'Quit HedgeFlow',
    ]);
    expect(menu()[0]).toMatchObject({ enabled: false });
  });

  it('updates the tooltip and menu when a cumulative moves, keeping the icon', () => {
    const { tray, fake, menu } = service('linux');
    tray.render(live);
    tray.render({
      ...live,
      symbols: [symbolView('SPY', { cumulative: 50_000_000 }), live.symbols[1]!],
    });
    expect(fake().setImageCalls).toBe(0);
    expect(fake().tooltip).toContain('SPY +$50M');
    expect(menu()[0]!.label).toBe('SPY +$50M');
  });

  it('turns menu clicks into actions', () => {
    const { tray, menu, actions } = service('win32');
    tray.render(live);
    const byLabel = (label: string) => menu().find((item: FakeMenuItem) => item.label === label)!;
    byLabel('QQQ -$3.4M').click!();
    byLabel('Pause updates').click!();
    byLabel('Settings…').click!();
    byLabel('Quit HedgeFlow').click!();
    expect(actions).toEqual([
      { type: 'open-symbol', symbol: 'QQQ' },
      { type: 'toggle-pause' },
      { type: 'settings' },
      { type: 'quit' },
    ]);
  });

  it('opens the popover on a left click; on macOS the menu pops up on a right click instead', () => {
    const win = service('win32');
    win.tray.render(live);
    win.fake().emit('click');
    expect(win.clicks).toHaveLength(1);
    resetFakes();
    const mac = service('darwin');
    mac.tray.render(live);
    expect(mac.fake().contextMenu).toBeNull();
    mac.fake().emit('right-click');
    expect(mac.fake().poppedUp).toHaveLength(1);
    mac.fake().emit('click');
    expect(mac.clicks).toHaveLength(1);
  });

  it('escapes & in Windows menu labels', () => {
    const { tray, menu } = service('win32');
    const error = { code: 'server', message: 'Q&A server down', action: 'retry' } as const;
    tray.render({ ...live, status: statusView({ error }) });
    expect(menu()[0]!.label).toBe('Q&&A server down');
  });

  it('reports no bounds where the platform gives zeros, and none after destroy', () => {
    const { tray, fake } = service('linux');
    tray.render(live);
    expect(tray.bounds).toEqual({ x: 0, y: 0, width: 0, height: 0 });
    fake().bounds = { x: 10, y: 0, width: 22, height: 22 };
    expect(tray.bounds).toEqual({ x: 10, y: 0, width: 22, height: 22 });
    tray.destroy();
    expect(fake().destroyed).toBe(true);
    expect(tray.bounds).toBeNull();
  });
});

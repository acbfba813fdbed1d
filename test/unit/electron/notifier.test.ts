import { beforeEach, describe, expect, it, vi } from 'vitest';
import { silentLogger } from '../../../core/log/logger.js';
import type { NotificationRequest } from '../../../core/ports/notifier.js';
import { ElectronNotifier } from '../../../electron/notifier.js';
import { Notification, resetFakes } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

function request(overrides: Partial<NotificationRequest> = {}): NotificationRequest {
  return {
    id: 'QQQ:squeeze:down:1:building',
    symbol: 'QQQ',
    title: 'QQQ: dealers selling into weakness — downside squeeze building',
    body: '5 bars of growing dealer selling since 10:00 ET: -$15M.',
    sound: true,
    direction: 'down',
    ...overrides,
  };
}

function notifier(platform: NodeJS.Platform = 'darwin') {
  const opened: string[] = [];
  const warn = vi.fn();
  const n = new ElectronNotifier({
    platform,
    linuxIcon: (direction) => `/icons/linux/${direction}-squeeze.png`,
    onClick: (symbol) => opened.push(symbol),
    logger: { ...silentLogger, warn },
  });
  return { n, opened, warn };
}

beforeEach(() => resetFakes());

describe('native notifications', () => {
  it('shows the alert with its title and body', () => {
    notifier().n.notify(request());
    const [shown] = Notification.instances;
    expect(shown!.shown).toBe(true);
    expect(shown!.options).toMatchObject({ title: request().title, body: request().body });
  });

  it('opens the popover on the symbol when clicked', () => {
    const { n, opened } = notifier();
    n.notify(request());
    n.notify(request({ id: 'SPY:squeeze:up:1:building', symbol: 'SPY', direction: 'up' }));
    Notification.instances[0]!.emit('click');
    expect(opened).toEqual(['QQQ']);
  });

  it('plays the sound only when the settings say so', () => {
    const { n } = notifier('win32');
    n.notify(request({ sound: true }));
    n.notify(request({ id: 'b', sound: false }));
    expect(Notification.instances.map((x) => x.options.silent)).toEqual([false, true]);
  });

  it('gives Linux daemons the direction icon', () => {
    notifier('linux').n.notify(request());
    expect(Notification.instances[0]!.options.icon).toBe('/icons/linux/down-squeeze.png');
  });

  it('replaces an alert shown again under the same id', () => {
    const { n } = notifier();
    n.notify(request());
    n.notify(request());
    expect(Notification.instances.map((x) => x.closed)).toEqual([true, false]);
  });

  it('stays quiet, once logged, where the system has no notifications', () => {
    Notification.supported = false;
    const { n, warn } = notifier('linux');
    n.notify(request());
    n.notify(request());
    expect(Notification.instances).toHaveLength(0);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('logs a notification the system failed to show', () => {
    const { n, warn } = notifier('win32');
    n.notify(request());
    Notification.instances[0]!.emit('failed', {}, 'toast rejected');
    expect(warn).toHaveBeenCalledWith('a notification could not be shown', {
      error: 'toast rejected',
    });
  });
});

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { POPOVER_GAP, type Rect, type Size } from '../../../electron/popover-placement.js';
import { Popover } from '../../../electron/popover-window.js';
import { POPOVER_URL } from '../../../electron/security-policy.js';
import { BrowserWindow, fakeEvent, resetFakes, screen } from './fake-electron.js';

vi.mock('electron', () => import('./fake-electron.js'));

function popover(options: { tray?: Rect | null; platform?: NodeJS.Platform } = {}) {
  let now = 1_000_000;
  const saved: Size[] = [];
  const focusApp = vi.fn();
  const p = new Popover({
    url: POPOVER_URL,
    preload: '/app/dist/preload/preload.cjs',
    partition: 'hedgeflow-popover',
    size: { width: 360, height: 480 },
    platform: options.platform ?? 'win32',
    devTools: false,
    trayBounds: () =>
      options.tray === undefined ? { x: 1700, y: 1048, width: 24, height: 24 } : options.tray,
    onResized: (size) => saved.push(size),
    focusApp,
    now: () => now,
  });
  const win = BrowserWindow.instances[0]!;
  return { p, win, saved, focusApp, advance: (ms: number) => (now += ms) };
}

beforeEach(() => {
  resetFakes();
  screen.display = {
    bounds: { x: 0, y: 0, width: 1920, height: 1080 },
    workArea: { x: 0, y: 0, width: 1920, height: 1040 },
  };
});
afterEach(() => vi.useRealTimers());

describe('the popover window', () => {
  it('is a frameless, hardened window off the taskbar, loading our page', () => {
    const { win } = popover();
    expect(win.options).toMatchObject({
      frame: false,
      skipTaskbar: true,
      show: false,
      alwaysOnTop: true,
      webPreferences: {
        sandbox: true,
        contextIsolation: true,
        nodeIntegration: false,
        partition: 'hedgeflow-popover',
      },
    });
    expect(win.loadedUrl).toBe(POPOVER_URL);
  });

  it('shows at the tray icon, on top and focused', () => {
    const { p, win, focusApp } = popover();
    p.show();
    expect(win.bounds).toEqual({
      x: 1712 - 180,
      y: 1040 - 480 - POPOVER_GAP,
      width: 360,
      height: 480,
    });
    expect(win.visible && win.focused).toBe(true);
    expect(win.alwaysOnTop).toEqual([true, 'pop-up-menu']);
    expect(focusApp).toHaveBeenCalled();
  });

  it("uses the cursor's display when the tray has no bounds (Linux)", () => {
    const { p, win } = popover({ tray: { x: 0, y: 0, width: 0, height: 0 } });
    p.show();
    expect(screen.matched).toEqual([]);
    expect(win.bounds).toMatchObject({ x: 1920 - 360 - POPOVER_GAP, y: 1040 - 480 - POPOVER_GAP });
  });

  it('hides when it loses focus, but not to the developer tools', () => {
    const { p, win } = popover();
    p.show();
    win.webContents.devToolsFocused = true;
    win.emit('blur');
    expect(win.visible).toBe(true);
    win.webContents.devToolsFocused = false;
    win.emit('blur');
    expect(win.visible).toBe(false);
  });

  it('treats the tray click that blurred it as "close", and a later click as "open"', () => {
    const { p, win, advance } = popover();
    p.toggle();
    expect(win.visible).toBe(true);
    win.emit('blur');
    advance(50);
    p.toggle();
    expect(win.visible).toBe(false);
    advance(1000);
    p.toggle();
    expect(win.visible).toBe(true);
    p.toggle();
    expect(win.visible).toBe(false);
  });

  it('hides instead of closing until the app quits', () => {
    const { p, win } = popover();
    p.show();
    const close = fakeEvent({});
    win.emit('close', close);
    expect(close.defaultPrevented).toBe(true);
    expect(win.visible).toBe(false);
    p.allowClose();
    const quitting = fakeEvent({});
    win.emit('close', quitting);
    expect(quitting.defaultPrevented).toBe(false);
  });

  it("remembers the user's size once resizing settles, not its own placement", () => {
    vi.useFakeTimers();
    const { p, win, saved } = popover();
    screen.display = {
      bounds: { x: 0, y: 0, width: 800, height: 400 },
      workArea: { x: 0, y: 0, width: 800, height: 360 },
    };
    p.show(); // shrinks to the small screen: not a choice to remember
    vi.advanceTimersByTime(1000);
    expect(saved).toEqual([]);
    win.setSize(400, 300);
    win.setSize(420, 340);
    vi.advanceTimersByTime(1000);
    expect(saved).toEqual([{ width: 420, height: 340 }]);
  });

  it('shrinks to fit a small display for that showing only, then opens at the wanted size again', () => {
    vi.useFakeTimers();
    const { p, win, saved } = popover();
    screen.display = {
      bounds: { x: 0, y: 0, width: 800, height: 400 },
      workArea: { x: 0, y: 0, width: 800, height: 360 },
    };
    p.show();
    expect(win.bounds).toMatchObject({ width: 360, height: 360 });
    p.hide();
    // The tray is on a large monitor now (or the small one was unplugged).
    screen.display = {
      bounds: { x: -1920, y: 0, width: 1920, height: 1080 },
      workArea: { x: -1920, y: 0, width: 1920, height: 1040 },
    };
    p.show();
    expect(win.bounds).toMatchObject({ width: 360, height: 480 });
    vi.advanceTimersByTime(1000);
    expect(saved).toEqual([]);
  });

  it('takes a resize event that arrives after show() for its own placement, not a user choice', () => {
    vi.useFakeTimers();
    const { p, win, saved } = popover();
    screen.display = {
      bounds: { x: 0, y: 0, width: 800, height: 400 },
      workArea: { x: 0, y: 0, width: 800, height: 360 },
    };
    p.show();
    win.emit('resize'); // macOS and Windows report setBounds' resize late
    vi.advanceTimersByTime(1000);
    expect(saved).toEqual([]);
    // The user's own resize is remembered, and used at the next opening.
    win.setSize(340, 350);
    vi.advanceTimersByTime(1000);
    expect(saved).toEqual([{ width: 340, height: 350 }]);
    screen.display = {
      bounds: { x: 0, y: 0, width: 1920, height: 1080 },
      workArea: { x: 0, y: 0, width: 1920, height: 1040 },
    };
    p.show();
    expect(win.bounds).toMatchObject({ width: 340, height: 350 });
  });

  it('writes a pending size when the app quits before the delay is over', () => {
    vi.useFakeTimers();
    const { p, win, saved } = popover();
    win.setSize(400, 500);
    p.allowClose();
    expect(saved).toEqual([{ width: 400, height: 500 }]);
    vi.advanceTimersByTime(1000);
    expect(saved).toHaveLength(1);
  });

  it('joins every Space on macOS so it opens over full-screen apps', () => {
    const { win } = popover({ platform: 'darwin' });
    expect(win.allWorkspaces).toEqual([true, { visibleOnFullScreen: true }]);
  });
});

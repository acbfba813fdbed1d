import { describe, expect, it } from 'vitest';
import {
  placePopover,
  POPOVER_GAP,
  taskbarSide,
  type DisplayArea,
  type Rect,
} from '../../../electron/popover-placement.js';

const SIZE = { width: 360, height: 480 };

/** A 1920x1080 display at (ox, oy) with a bar of `thickness` on `side`. */
function display(
  side: 'top' | 'bottom' | 'left' | 'right' | 'none',
  thickness = 40,
  ox = 0,
  oy = 0,
): DisplayArea {
  const bounds = { x: ox, y: oy, width: 1920, height: 1080 };
  const t = thickness;
  const workArea = {
    top: { x: ox, y: oy + t, width: 1920, height: 1080 - t },
    bottom: { x: ox, y: oy, width: 1920, height: 1080 - t },
    left: { x: ox + t, y: oy, width: 1920 - t, height: 1080 },
    right: { x: ox, y: oy, width: 1920 - t, height: 1080 },
    none: bounds,
  }[side];
  return { bounds, workArea };
}

function inside(r: Rect, area: Rect): boolean {
  return (
    r.x >= area.x &&
    r.y >= area.y &&
    r.x + r.width <= area.x + area.width &&
    r.y + r.height <= area.y + area.height
  );
}

describe('which side the tray is on', () => {
  it('is the bar holding the tray icon', () => {
    expect(taskbarSide(display('bottom'), { x: 1800, y: 1060 })).toBe('bottom');
    expect(taskbarSide(display('top', 24), { x: 1700, y: 12 })).toBe('top');
    expect(taskbarSide(display('left'), { x: 20, y: 1000 })).toBe('left');
    expect(taskbarSide(display('right'), { x: 1900, y: 1000 })).toBe('right');
  });

  it('is the menu bar on a Mac with the Dock on another side', () => {
    const mac: DisplayArea = {
      bounds: { x: 0, y: 0, width: 1512, height: 982 },
      workArea: { x: 0, y: 37, width: 1512, height: 880 },
    };
    // The rightmost icon sits closer to the right edge than to the top: the strip decides.
    expect(taskbarSide(mac, { x: 1496, y: 18.5 })).toBe('top');
  });

  it('is the nearest edge when the taskbar auto-hides', () => {
    expect(taskbarSide(display('none'), { x: 1800, y: 1070 })).toBe('bottom');
    expect(taskbarSide(display('none'), { x: 5, y: 500 })).toBe('left');
  });

  it('falls back to the bar the work area shows, else the top, without a tray position', () => {
    expect(taskbarSide(display('bottom'), null)).toBe('bottom');
    expect(taskbarSide(display('none'), null)).toBe('top');
  });
});

describe('where the popover goes', () => {
  it('sits above a bottom taskbar, centred on the icon (Windows)', () => {
    const tray = { x: 1700, y: 1048, width: 24, height: 24 };
    const r = placePopover({ size: SIZE, display: display('bottom'), trayBounds: tray });
    expect(r).toEqual({ x: 1712 - 180, y: 1040 - 480 - POPOVER_GAP, width: 360, height: 480 });
  });

  it('hangs below the menu bar (macOS), pushed in from the screen edge', () => {
    const tray = { x: 1880, y: 0, width: 30, height: 24 };
    const r = placePopover({ size: SIZE, display: display('top', 24), trayBounds: tray });
    expect(r).toEqual({ x: 1920 - 360, y: 24 + POPOVER_GAP, width: 360, height: 480 });
  });

  it('opens beside a left or right taskbar, near the icon and within the screen', () => {
    const left = placePopover({
      size: SIZE,
      display: display('left', 60),
      trayBounds: { x: 18, y: 1000, width: 24, height: 24 },
    });
    expect(left).toEqual({ x: 60 + POPOVER_GAP, y: 1080 - 480, width: 360, height: 480 });
    const right = placePopover({
      size: SIZE,
      display: display('right', 60),
      trayBounds: { x: 1878, y: 500, width: 24, height: 24 },
    });
    expect(right).toEqual({ x: 1860 - 360 - POPOVER_GAP, y: 512 - 240, width: 360, height: 480 });
  });

  it('works on a second monitor left of and above the primary one', () => {
    const d = display('bottom', 40, -1920, -200);
    const tray = { x: -300, y: 840 - 32, width: 24, height: 24 };
    const r = placePopover({ size: SIZE, display: d, trayBounds: tray });
    expect(inside(r, d.workArea)).toBe(true);
    expect(r.y + r.height).toBe(tray.y - POPOVER_GAP);
  });

  it('goes to the top-right or bottom-right corner without tray bounds (Linux)', () => {
    const zeros = { x: 0, y: 0, width: 0, height: 0 };
    const top = placePopover({ size: SIZE, display: display('top', 32), trayBounds: zeros });
    expect(top).toEqual({
      x: 1920 - 360 - POPOVER_GAP,
      y: 32 + POPOVER_GAP,
      width: 360,
      height: 480,
    });
    const bottom = placePopover({ size: SIZE, display: display('bottom'), trayBounds: null });
    expect(bottom).toEqual({
      x: 1920 - 360 - POPOVER_GAP,
      y: 1040 - 480 - POPOVER_GAP,
      width: 360,
      height: 480,
    });
  });

  it('shrinks to a work area smaller than the remembered size', () => {
    const small: DisplayArea = {
      bounds: { x: 0, y: 0, width: 800, height: 400 },
      workArea: { x: 0, y: 0, width: 800, height: 360 },
    };
    const r = placePopover({
      size: { width: 900, height: 900 },
      display: small,
      trayBounds: { x: 780, y: 370, width: 20, height: 20 },
    });
    expect(r).toEqual({ x: 0, y: 0, width: 800, height: 360 });
  });

  it('always lands inside the work area, wherever the icon is', () => {
    for (const side of ['top', 'bottom', 'left', 'right'] as const) {
      const d = display(side);
      for (const [x, y] of [
        [0, 0],
        [1900, 0],
        [0, 1060],
        [1900, 1060],
        [960, 540],
      ] as const) {
        const r = placePopover({
          size: SIZE,
          display: d,
          trayBounds: { x, y, width: 20, height: 20 },
        });
        expect(inside(r, d.workArea), `${side} ${x},${y}`).toBe(true);
      }
    }
  });
});

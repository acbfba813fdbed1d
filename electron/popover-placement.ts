// Where the popover goes: next to the tray icon, on the side of the screen the taskbar or menu
// bar is on, inside the display's work area. Pure geometry in screen DIPs.

export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

export interface Rect extends Point, Size {}

/** A display as Electron's `screen` describes it: its bounds and the part not under bars. */
export interface DisplayArea {
  readonly bounds: Rect;
  readonly workArea: Rect;
}

export type TaskbarSide = 'top' | 'bottom' | 'left' | 'right';

/** Space between the popover and the bar or tray icon it opens from. */
export const POPOVER_GAP = 4;

const SIDES: readonly TaskbarSide[] = ['top', 'bottom', 'left', 'right'];

function center(r: Rect): Point {
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}

/** The strip of the display a bar on `side` takes from the work area (may be empty). */
function band(display: DisplayArea, side: TaskbarSide): Rect {
  const b = display.bounds;
  const w = display.workArea;
  switch (side) {
    case 'top':
      return { x: b.x, y: b.y, width: b.width, height: w.y - b.y };
    case 'bottom':
      return {
        x: b.x,
        y: w.y + w.height,
        width: b.width,
        height: b.y + b.height - (w.y + w.height),
      };
    case 'left':
      return { x: b.x, y: b.y, width: w.x - b.x, height: b.height };
    case 'right':
      return { x: w.x + w.width, y: b.y, width: b.x + b.width - (w.x + w.width), height: b.height };
  }
}

function contains(r: Rect, p: Point): boolean {
  return (
    r.width > 0 &&
    r.height > 0 &&
    p.x >= r.x &&
    p.x <= r.x + r.width &&
    p.y >= r.y &&
    p.y <= r.y + r.height
  );
}

/**
 * The side the tray lives on. A bar takes a strip from the work area: the strip holding the tray
 * icon wins (macOS: the menu bar even with the Dock on another side). With no such strip (an
 * auto-hidden taskbar) the display edge nearest the icon wins; with no icon position at all (some
 * Linux panels) the first strip found, else the top.
 */
export function taskbarSide(display: DisplayArea, trayCenter: Point | null): TaskbarSide {
  if (trayCenter !== null) {
    const holding = SIDES.find((side) => contains(band(display, side), trayCenter));
    if (holding !== undefined) return holding;
    const b = display.bounds;
    const distances: Record<TaskbarSide, number> = {
      top: trayCenter.y - b.y,
      bottom: b.y + b.height - trayCenter.y,
      left: trayCenter.x - b.x,
      right: b.x + b.width - trayCenter.x,
    };
    return SIDES.reduce((best, side) => (distances[side] < distances[best] ? side : best));
  }
  return (
    SIDES.find((side) => {
      const r = band(display, side);
      return r.width > 0 && r.height > 0;
    }) ?? 'top'
  );
}

/** Tray bounds are all zeros on Linux (AppIndicator) and before the icon is first shown. */
export function isUsableTrayBounds(bounds: Rect | null): bounds is Rect {
  return bounds !== null && bounds.width > 0 && bounds.height > 0;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), Math.max(min, max));
}

export interface PlacementInput {
  /** The popover's wanted size; shrunk to fit the work area. */
  readonly size: Size;
  /** The display holding the tray icon (or, without usable tray bounds, the cursor). */
  readonly display: DisplayArea;
  readonly trayBounds: Rect | null;
}

/**
 * The popover's bounds: centred on the tray icon along the bar and just off the bar, or, without
 * usable tray bounds, in the work area's top-right corner (bottom-right under a bottom panel).
 * Always inside the work area.
 */
export function placePopover({ size, display, trayBounds }: PlacementInput): Rect {
  const wa = display.workArea;
  const width = Math.min(size.width, wa.width);
  const height = Math.min(size.height, wa.height);
  const tray = isUsableTrayBounds(trayBounds) ? trayBounds : null;
  const side = taskbarSide(display, tray === null ? null : center(tray));
  let x: number;
  let y: number;
  if (tray === null) {
    x = wa.x + wa.width - width - POPOVER_GAP;
    y = side === 'bottom' ? wa.y + wa.height - height - POPOVER_GAP : wa.y + POPOVER_GAP;
  } else {
    const c = center(tray);
    switch (side) {
      case 'top':
        x = c.x - width / 2;
        y = Math.max(wa.y, tray.y + tray.height) + POPOVER_GAP;
        break;
      case 'bottom':
        x = c.x - width / 2;
        y = Math.min(wa.y + wa.height, tray.y) - height - POPOVER_GAP;
        break;
      case 'left':
        x = Math.max(wa.x, tray.x + tray.width) + POPOVER_GAP;
        y = c.y - height / 2;
        break;
      case 'right':
        x = Math.min(wa.x + wa.width, tray.x) - width - POPOVER_GAP;
        y = c.y - height / 2;
        break;
    }
  }
  return {
    x: Math.round(clamp(x, wa.x, wa.x + wa.width - width)),
    y: Math.round(clamp(y, wa.y, wa.y + wa.height - height)),
    width: Math.round(width),
    height: Math.round(height),
  };
}

// The popover: a frameless window shown at the tray icon, hidden when it loses focus, never in
// the taskbar. Hidden, not closed, so the renderer keeps its state between openings.
import { BrowserWindow, screen, type WebContents } from 'electron';
import { secureWebPreferences } from './hardening.js';
import { isUsableTrayBounds, placePopover, type Rect, type Size } from './popover-placement.js';
import { MIN_POPOVER_SIZE } from './window-state.js';

/** A click on the tray icon blurs (and so hides) the popover just before the click arrives. */
const BLUR_CLICK_WINDOW_MS = 300;
const SAVE_SIZE_DELAY_MS = 500;

export interface PopoverOptions {
  readonly url: string;
  readonly preload: string;
  readonly partition: string;
  readonly size: Size;
  readonly platform: NodeJS.Platform;
  readonly devTools: boolean;
  readonly trayBounds: () => Rect | null;
  readonly onResized: (size: Size) => void;
  /** macOS: an agent app (no Dock icon) must take focus itself, or blur never fires. */
  readonly focusApp?: () => void;
  readonly now?: () => number;
}

export class Popover {
  readonly #options: PopoverOptions;
  readonly #win: BrowserWindow;
  #hiddenByBlurAt = Number.NEGATIVE_INFINITY;
  #closing = false;
  /**
   * The size the user wants (the remembered one, then their own resizes). A work area too small
   * for it shrinks the window for that showing only: the next display gets the wanted size back.
   */
  #preferred: Size;
  /** The size show() last gave the window: a resize event reporting it is our own, not the user's. */
  #placed: Size | null = null;
  #saveTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(options: PopoverOptions) {
    this.#options = options;
    this.#preferred = options.size;
    const win = new BrowserWindow({
      width: options.size.width,
      height: options.size.height,
      minWidth: MIN_POPOVER_SIZE.width,
      minHeight: MIN_POPOVER_SIZE.height,
      show: false,
      frame: false,
      resizable: true,
      movable: false,
      minimizable: false,
      maximizable: false,
      fullscreenable: false,
      skipTaskbar: true,
      alwaysOnTop: true,
      title: 'HedgeFlow',
      backgroundColor: '#0f172a',
      webPreferences: secureWebPreferences({
        preload: options.preload,
        partition: options.partition,
        devTools: options.devTools,
      }),
    });
    if (options.platform === 'darwin') {
      win.setVisibleOnAllWorkspaces(true, { visibleOnFullScreen: true });
    }
    win.on('blur', () => {
      if (win.webContents.isDevToolsFocused()) return;
      this.#hiddenByBlurAt = this.#now();
      win.hide();
    });
    // macOS and Windows may report the resize of setBounds() after it returned, so our own
    // placement is recognised by its size rather than by a flag around the call.
    win.on('resize', () => {
      const [width, height] = win.getSize();
      if (width === undefined || height === undefined) return;
      if (this.#placed !== null && width === this.#placed.width && height === this.#placed.height)
        return;
      this.#placed = null;
      this.#preferred = { width, height };
      this.#scheduleSave();
    });
    win.on('close', (event) => {
      if (this.#closing) return;
      event.preventDefault();
      win.hide();
    });
    this.#win = win;
    // Fire-and-forget: a failed load is logged by the page itself and retried on the next show.
    void win.loadURL(options.url).catch(() => undefined);
  }

  get webContents(): WebContents {
    return this.#win.webContents;
  }

  /** The id the IPC sender check accepts. */
  get webContentsId(): number {
    return this.#win.webContents.id;
  }

  isVisible(): boolean {
    return !this.#win.isDestroyed() && this.#win.isVisible();
  }

  show(): void {
    if (this.#win.isDestroyed()) return;
    const tray = this.#options.trayBounds();
    const display = isUsableTrayBounds(tray)
      ? screen.getDisplayMatching(tray)
      : screen.getDisplayNearestPoint(screen.getCursorScreenPoint());
    const bounds = placePopover({
      size: this.#preferred,
      display,
      trayBounds: isUsableTrayBounds(tray) ? tray : null,
    });
    this.#placed = { width: bounds.width, height: bounds.height };
    this.#win.setBounds(bounds);
    this.#win.setAlwaysOnTop(true, 'pop-up-menu');
    this.#options.focusApp?.();
    this.#win.show();
    this.#win.focus();
  }

  hide(): void {
    if (!this.#win.isDestroyed()) this.#win.hide();
  }

  /** The tray icon's click: open, or close when open. */
  toggle(): void {
    if (this.isVisible()) {
      this.hide();
      return;
    }
    // The click that just blurred the popover means "close", not "open again".
    if (this.#now() - this.#hiddenByBlurAt < BLUR_CLICK_WINDOW_MS) return;
    this.show();
  }

  /** Lets the window really close (the app is quitting). */
  allowClose(): void {
    this.#closing = true;
    this.#flushSave();
  }

  #now(): number {
    return (this.#options.now ?? Date.now)();
  }

  #scheduleSave(): void {
    if (this.#saveTimer !== null) clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#flushSave(), SAVE_SIZE_DELAY_MS);
  }

  #flushSave(): void {
    if (this.#saveTimer === null) return;
    clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    this.#options.onResized(this.#preferred);
  }
}

// The tray icon: one render method fed with the app's state; the icon, the tooltip and the menu
// are only touched when their part of the model changed. Linux needs the menu set again after
// every change (AppIndicator snapshots it) and may never deliver a click, so the menu carries
// every action, "Open HedgeFlow" included.
import path from 'node:path';
import {
  Menu,
  nativeImage,
  Tray,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron';
import type { Rect } from './popover-placement.js';
import {
  trayIconFile,
  trayModel,
  type TrayAction,
  type TrayInput,
  type TrayMenuItem,
  type TrayModel,
  type TrayState,
} from './tray-model.js';

export interface TrayServiceOptions {
  /** build/icons/tray */
  readonly iconDir: string;
  readonly platform: NodeJS.Platform;
  /** A left click on the icon (macOS, Windows; most Linux panels never send one). */
  readonly onClick: () => void;
  readonly onAction: (action: TrayAction) => void;
  /** Injected for tests and for a future Tray subclass; `new Tray(image)` by default. */
  readonly createTray?: (image: NativeImage) => Tray;
}

/** Windows reads '&' in menu labels as a mnemonic marker. */
function menuLabel(label: string, platform: NodeJS.Platform): string {
  return platform === 'win32' ? label.replaceAll('&', '&&') : label;
}

export class TrayService {
  readonly #options: TrayServiceOptions;
  readonly #icons = new Map<TrayState, NativeImage>();
  #tray: Tray | null = null;
  #menu: Menu | null = null;
  #model: TrayModel | null = null;
  #menuKey = '';

  constructor(options: TrayServiceOptions) {
    this.#options = options;
  }

  /** The model on screen, for the e2e hooks and tests. */
  get model(): TrayModel | null {
    return this.#model;
  }

  /** The icon's bounds on screen, or null when the platform does not say (Linux: zeros). */
  get bounds(): Rect | null {
    if (this.#tray === null || this.#tray.isDestroyed()) return null;
    return this.#tray.getBounds();
  }

  iconPath(state: TrayState): string {
    return path.join(this.#options.iconDir, trayIconFile(state, this.#options.platform));
  }

  render(input: TrayInput): void {
    const next = trayModel(input, this.#options.platform);
    const tray = this.#ensureTray(next.state);
    const prev = this.#model;
    this.#model = next;
    if (prev !== null && prev.state !== next.state) tray.setImage(this.#icon(next.state));
    if (prev?.tooltip !== next.tooltip) tray.setToolTip(next.tooltip);
    const menuKey = JSON.stringify(next.menu);
    if (menuKey !== this.#menuKey) {
      this.#menuKey = menuKey;
      this.#menu = Menu.buildFromTemplate(next.menu.map((item) => this.#menuItem(item)));
      // macOS: a context menu set on the tray would swallow the left click that opens the
      // popover, so the menu pops up on right click instead.
      if (this.#options.platform !== 'darwin') tray.setContextMenu(this.#menu);
    }
  }

  destroy(): void {
    if (this.#tray !== null && !this.#tray.isDestroyed()) this.#tray.destroy();
    this.#tray = null;
  }

  #ensureTray(state: TrayState): Tray {
    if (this.#tray !== null) return this.#tray;
    const image = this.#icon(state);
    const tray = this.#options.createTray?.(image) ?? new Tray(image);
    tray.on('click', () => this.#options.onClick());
    if (this.#options.platform === 'darwin') {
      tray.setIgnoreDoubleClickEvents(true);
      tray.on('right-click', () => {
        if (this.#menu !== null) tray.popUpContextMenu(this.#menu);
      });
    }
    this.#tray = tray;
    return tray;
  }

  #icon(state: TrayState): NativeImage {
    let image = this.#icons.get(state);
    if (image === undefined) {
      // nativeImage loads the @2x file beside it for HiDPI screens.
      image = nativeImage.createFromPath(this.iconPath(state));
      if (this.#options.platform === 'darwin') image.setTemplateImage(true);
      this.#icons.set(state, image);
    }
    return image;
  }

  #menuItem(item: TrayMenuItem): MenuItemConstructorOptions {
    if (item.kind === 'separator') return { type: 'separator' };
    const { action } = item;
    const label = menuLabel(item.label, this.#options.platform);
    if (action === null) return { label, enabled: false };
    return { label, click: () => this.#options.onAction(action) };
  }
}

// A small stand-in for the `electron` module: just enough of Tray, Menu, nativeImage,
// Notification, BrowserWindow, screen, protocol, session and ipcMain for the shell's glue to run
// under vitest (`vi.mock('electron', () => import('./fake-electron.js'))`). Every fake records
// what was done to it, so tests assert on outcomes.
import { EventEmitter } from 'node:events';

type Listener = (...args: never[]) => unknown;

class Emitting {
  readonly #events = new EventEmitter();
  on(event: string, listener: Listener): this {
    this.#events.on(event, listener as (...args: unknown[]) => void);
    return this;
  }
  removeListener(event: string, listener: Listener): this {
    this.#events.removeListener(event, listener as (...args: unknown[]) => void);
    return this;
  }
  emit(event: string, ...args: unknown[]): boolean {
    return this.#events.emit(event, ...args);
  }
  listenerCount(event: string): number {
    return this.#events.listenerCount(event);
  }
}

/** An Electron-style event whose default can be prevented. */
export function fakeEvent<T extends object>(
  fields: T,
): T & { defaultPrevented: boolean; preventDefault(): void } {
  return {
    ...fields,
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

// ---- nativeImage, Menu, Tray --------------------------------------------------------------

export class FakeImage {
  template = false;
  constructor(readonly path: string) {}
  setTemplateImage(value: boolean): void {
    this.template = value;
  }
}

export const nativeImage = { createFromPath: (path: string) => new FakeImage(path) };

export interface FakeMenuItem {
  label?: string;
  type?: string;
  enabled?: boolean;
  click?: () => void;
}

export class Menu {
  static built: Menu[] = [];
  constructor(readonly items: FakeMenuItem[]) {}
  static buildFromTemplate(items: FakeMenuItem[]): Menu {
    const menu = new Menu(items);
    Menu.built.push(menu);
    return menu;
  }
}

export class Tray extends Emitting {
  static instances: Tray[] = [];
  image: FakeImage;
  tooltip = '';
  contextMenu: Menu | null = null;
  setImageCalls = 0;
  setToolTipCalls = 0;
  setContextMenuCalls = 0;
  poppedUp: Menu[] = [];
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  destroyed = false;
  ignoreDoubleClick = false;
  constructor(image: FakeImage) {
    super();
    this.image = image;
    Tray.instances.push(this);
  }
  setImage(image: FakeImage): void {
    this.image = image;
    this.setImageCalls++;
  }
  setToolTip(text: string): void {
    this.tooltip = text;
    this.setToolTipCalls++;
  }
  setContextMenu(menu: Menu | null): void {
    this.contextMenu = menu;
    this.setContextMenuCalls++;
  }
  popUpContextMenu(menu: Menu): void {
    this.poppedUp.push(menu);
  }
  setIgnoreDoubleClickEvents(value: boolean): void {
    this.ignoreDoubleClick = value;
  }
  getBounds(): { x: number; y: number; width: number; height: number } {
    return this.bounds;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  destroy(): void {
    this.destroyed = true;
  }
}

// ---- Notification --------------------------------------------------------------------------

export class Notification extends Emitting {
  static supported = true;
  static instances: Notification[] = [];
  static isSupported(): boolean {
    return Notification.supported;
  }
  shown = false;
  closed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    Notification.instances.push(this);
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
  }
}

// ---- webContents, BrowserWindow, screen -----------------------------------------------------

let nextId = 1;

export class WebContents extends Emitting {
  readonly id = nextId++;
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  devToolsFocused = false;
  destroyed = false;
  sent: unknown[][] = [];
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
  isDevToolsFocused(): boolean {
    return this.devToolsFocused;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(...args: unknown[]): void {
    this.sent.push(args);
  }
}

export class BrowserWindow extends Emitting {
  static instances: BrowserWindow[] = [];
  readonly webContents = new WebContents();
  visible = false;
  focused = false;
  destroyed = false;
  bounds: { x: number; y: number; width: number; height: number };
  alwaysOnTop: unknown[] = [];
  loadedUrl: string | null = null;
  allWorkspaces: unknown[] | null = null;
  constructor(
    readonly options: {
      width: number;
      height: number;
      webPreferences?: Record<string, unknown>;
    } & Record<string, unknown>,
  ) {
    super();
    this.bounds = { x: 0, y: 0, width: options.width, height: options.height };
    BrowserWindow.instances.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isVisible(): boolean {
    return this.visible;
  }
  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  focus(): void {
    this.focused = true;
  }
  getSize(): number[] {
    return [this.bounds.width, this.bounds.height];
  }
  setSize(width: number, height: number): void {
    this.bounds = { ...this.bounds, width, height };
    this.emit('resize');
  }
  setBounds(bounds: { x: number; y: number; width: number; height: number }): void {
    const resized = bounds.width !== this.bounds.width || bounds.height !== this.bounds.height;
    this.bounds = bounds;
    if (resized) this.emit('resize');
  }
  setAlwaysOnTop(...args: unknown[]): void {
    this.alwaysOnTop = args;
  }
  setVisibleOnAllWorkspaces(...args: unknown[]): void {
    this.allWorkspaces = args;
  }
}

const primary = {
  bounds: { x: 0, y: 0, width: 1920, height: 1080 },
  workArea: { x: 0, y: 0, width: 1920, height: 1040 },
};

export const screen = {
  display: primary as typeof primary,
  cursor: { x: 100, y: 100 },
  matched: [] as unknown[],
  getDisplayMatching(rect: unknown) {
    this.matched.push(rect);
    return this.display;
  },
  getDisplayNearestPoint(_point: unknown) {
    return this.display;
  },
  getCursorScreenPoint() {
    return this.cursor;
  },
};

// ---- protocol, session, ipcMain -------------------------------------------------------------

export const protocol = {
  privileged: [] as unknown[],
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  },
};

type PermissionHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
) => void;

export class Session extends Emitting {
  permissionRequest: PermissionHandler | null = null;
  permissionCheck: ((...args: unknown[]) => boolean) | null = null;
  beforeRequest: {
    filter: { urls: string[] };
    handler: (d: unknown, cb: (r: unknown) => void) => void;
  } | null = null;
  headersReceived:
    ((d: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | null =
    null;
  readonly webRequest = {
    onBeforeRequest: (
      filter: { urls: string[] },
      handler: (d: unknown, cb: (r: unknown) => void) => void,
    ) => {
      this.beforeRequest = { filter, handler };
    },
    onHeadersReceived: (
      handler: (
        d: { responseHeaders?: Record<string, string[]> },
        cb: (r: unknown) => void,
      ) => void,
    ) => {
      this.headersReceived = handler;
    },
  };
  readonly protocol = {
    handlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
    handle: (scheme: string, handler: (request: { url: string }) => Promise<Response>) => {
      this.protocol.handlers.set(scheme, handler);
    },
  };
  setPermissionRequestHandler(handler: PermissionHandler): void {
    this.permissionRequest = handler;
  }
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void {
    this.permissionCheck = handler;
  }
}

type InvokeHandler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, InvokeHandler>(),
  handle(channel: string, handler: InvokeHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  },
  /** What ipcRenderer.invoke(channel, ...args) from `event`'s frame would reach. */
  async invoke(channel: string, event: unknown, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  },
};

export const session = {
  partitions: new Map<string, Session>(),
  fromPartition(name: string): Session {
    let ses = this.partitions.get(name);
    if (ses === undefined) this.partitions.set(name, (ses = new Session()));
    return ses;
  },
};

// ---- the preload's side: contextBridge, ipcRenderer ----------------------------------------

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    if (this.exposed.has(key)) throw new Error(`Cannot bind an API on top of an existing property`);
    this.exposed.set(key, api);
  },
};

class IpcRenderer extends Emitting {
  readonly invoked: { channel: string; args: unknown[] }[] = [];
  answer: (channel: string, ...args: unknown[]) => unknown = () => ({ ok: true, value: null });
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer(channel, ...args);
  }
}

export let ipcRenderer = new IpcRenderer();

// ---- app, powerMonitor, net, shell ----------------------------------------------------------

export class App extends Emitting {
  isPackaged = false;
  lockGranted = true;
  quitCalls = 0;
  exitCode: number | null = null;
  appUserModelId: string | null = null;
  dockHidden = false;
  loginItem = { openAtLogin: false };
  sandboxed = false;
  readonly paths = new Map<string, string>([['userData', '/nonexistent/userData']]);
  readonly dock = {
    hide: () => {
      this.dockHidden = true;
    },
  };
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getPath(name: string): string {
    return this.paths.get(name) ?? `/nonexistent/${name}`;
  }
  enableSandbox(): void {
    this.sandboxed = true;
  }
  requestSingleInstanceLock(): boolean {
    return this.lockGranted;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  quit(): void {
    this.quitCalls++;
  }
  exit(code: number): void {
    this.exitCode = code;
  }
  setAppUserModelId(id: string): void {
    this.appUserModelId = id;
  }
  focus(): void {}
  getVersion(): string {
    return '0.0.0-test';
  }
  getLoginItemSettings(): { openAtLogin: boolean } {
    return this.loginItem;
  }
  setLoginItemSettings(settings: { openAtLogin: boolean }): void {
    this.loginItem = settings;
  }
}

export let app = new App();
export class PowerMonitor extends Emitting {}
export let powerMonitor = new PowerMonitor();
export const net = {
  online: true,
  isOnline(): boolean {
    return this.online;
  },
  fetch: async (): Promise<Response> => {
    throw new Error('net::ERR_INTERNET_DISCONNECTED');
  },
};
export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};

/** Forgets every instance and registration between tests. */
export function resetFakes(): void {
  Tray.instances = [];
  Menu.built = [];
  Notification.instances = [];
  Notification.supported = true;
  BrowserWindow.instances = [];
  screen.display = primary;
  screen.cursor = { x: 100, y: 100 };
  screen.matched = [];
  protocol.privileged = [];
  ipcMain.handlers.clear();
  session.partitions.clear();
  app = new App();
  powerMonitor = new PowerMonitor();
  net.online = true;
  shell.opened = [];
  contextBridge.exposed.clear();
  ipcRenderer = new IpcRenderer();
}

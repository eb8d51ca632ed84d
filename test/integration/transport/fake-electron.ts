// Just enough of Electron's main-process API for electron/main.ts to run in
// plain Node (Electron's binary cannot be installed here): every call is
// recorded so a test can check what the shell asked Electron to do.
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: { channel: string; payload: unknown }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static all: FakeBrowserWindow[] = [];
  readonly webContents = new FakeWebContents();
  loaded: { file?: string; url?: string } = {};
  shown = false;
  maximized = false;
  destroyed = false;
  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.all.push(this);
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.all.filter((w) => !w.destroyed);
  }
  static getFocusedWindow(): FakeBrowserWindow | null {
    return FakeBrowserWindow.getAllWindows()[0] ?? null;
  }
  loadFile(file: string): Promise<void> {
    this.loaded = { file };
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded = { url };
    return Promise.resolve();
  }
  show(): void {
    this.shown = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
  reload(): void {}
  isDestroyed(): boolean {
    return this.destroyed;
  }
  getNormalBounds() {
    return { x: 40, y: 30, width: Number(this.options.width), height: Number(this.options.height) };
  }
}

export interface MenuTemplateItem {
  id?: string;
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  click?: () => void;
  submenu?: MenuTemplateItem[];
}

class FakeApp extends EventEmitter {
  readonly paths = new Map<string, string>();
  appPath = '';
  isPackaged = false;
  name = '';
  quitCalls = 0;
  exitCode: number | null = null;
  lockRequested = false;
  private readyResolve: () => void = () => {};
  private readonly ready = new Promise<void>((resolve) => (this.readyResolve = resolve));
  getAppPath(): string {
    return this.appPath;
  }
  setPath(name: string, value: string): void {
    this.paths.set(name, value);
  }
  getPath(name: string): string {
    const value = this.paths.get(name);
    if (value === undefined) throw new Error(`fake app has no path "${name}"`);
    return value;
  }
  setName(name: string): void {
    this.name = name;
  }
  requestSingleInstanceLock(): boolean {
    this.lockRequested = true;
    return true;
  }
  whenReady(): Promise<void> {
    return this.ready;
  }
  isReadyNow = false;
  makeReady(): void {
    this.isReadyNow = true;
    this.readyResolve();
  }
  /** Like Electron: quitting emits before-quit, and quits unless a listener prevents it. */
  quit(): void {
    this.quitCalls += 1;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.emit('will-quit');
  }
  exit(code: number): void {
    this.exitCode = code;
  }
}

export const fake = {
  app: new FakeApp(),
  ipcMainHandlers: new Map<string, Listener>(),
  menuTemplate: null as MenuTemplateItem[] | null,
  errorBoxes: [] as { title: string; content: string }[],
  permissionRequest: null as null | ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void),
  permissionCheck: null as null | (() => boolean),
  headersReceived: null as null | ((details: { responseHeaders?: Record<string, string[]> }, callback: (response: { responseHeaders: Record<string, string[]> }) => void) => void),
  beforeRequest: null as null | ((details: { url: string }, callback: (response: { cancel: boolean }) => void) => void),
  privilegedSchemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
  protocolHandlers: new Map<string, (request: { url: string }) => Promise<Response>>(),
};

export const electronModule = {
  app: fake.app,
  BrowserWindow: FakeBrowserWindow,
  ipcMain: {
    handle(channel: string, listener: Listener) {
      if (fake.ipcMainHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      fake.ipcMainHandlers.set(channel, listener);
    },
    removeHandler(channel: string) {
      fake.ipcMainHandlers.delete(channel);
    },
  },
  Menu: {
    buildFromTemplate(template: MenuTemplateItem[]) {
      fake.menuTemplate = template;
      return { template };
    },
    setApplicationMenu() {},
  },
  dialog: {
    showErrorBox(title: string, content: string) {
      fake.errorBoxes.push({ title, content });
    },
  },
  screen: {
    getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  },
  protocol: {
    registerSchemesAsPrivileged(schemes: { scheme: string; privileges: Record<string, boolean> }[]) {
      if (fake.app.isReadyNow) throw new Error('registerSchemesAsPrivileged must be called before the app is ready');
      fake.privilegedSchemes.push(...schemes);
    },
  },
  session: {
    defaultSession: {
      protocol: {
        handle(scheme: string, handler: (request: { url: string }) => Promise<Response>) {
          if (fake.protocolHandlers.has(scheme)) throw new Error(`Attempted to register a second handler for '${scheme}'`);
          fake.protocolHandlers.set(scheme, handler);
        },
      },
      setPermissionRequestHandler(handler: typeof fake.permissionRequest) {
        fake.permissionRequest = handler;
      },
      setPermissionCheckHandler(handler: typeof fake.permissionCheck) {
        fake.permissionCheck = handler;
      },
      webRequest: {
        onHeadersReceived(handler: typeof fake.headersReceived) {
          fake.headersReceived = handler;
        },
        onBeforeRequest(handler: typeof fake.beforeRequest) {
          fake.beforeRequest = handler;
        },
      },
    },
  },
};

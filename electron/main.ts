// The Electron shell: one window, the application menu, the host over IPC.
// Everything else lives in electron-free modules (app-composition, transport)
// so it runs and is tested in plain Node.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  safeStorage,
  screen,
  session,
  type MenuItemConstructorOptions,
  type WebContents,
} from 'electron';
import type { MenuAction } from '../shared/ipc';
import { formatLogEntry, startAppCore, type AppCore } from './app-composition';
import { APP_INDEX_URL, APP_ORIGIN, APP_SCHEME } from './shell/app-protocol';
import { appFileServer } from './shell/serve-app-file';
import { MemorySecretStore, type SecretStore } from './host';
import { isTrustedAppUrl, type AppLocation } from './transport/app-origin';
import { contentSecurityPolicy } from './transport/csp';
import { serveOverElectronIpc, type ElectronIpcServer } from './transport/electron-ipc';
import { eventChannel } from './transport/ipc-channels';
import { TRADE_MENU_LABEL, WORKSTATION_MENU } from './transport/menu-spec';
import { secureWebPreferences } from './transport/window-options';
import {
  fitToDisplays,
  MIN_WINDOW,
  parseWindowState,
  serializeWindowState,
  WINDOW_STATE_FILE,
} from './transport/window-state';

const PRODUCT_NAME = 'Janus Workstation';
/** How long quitting waits for the host to disconnect and flush before exiting anyway. */
const SHUTDOWN_GRACE_MS = 5_000;

function log(level: 'info' | 'warn' | 'error', message: string): void {
  const line = `${new Date().toISOString()} ${level.toUpperCase()} shell: ${message}`;
  if (level === 'info') console.log(line);
  else console.error(line);
}

// A bug must never close a trader's window with working orders on screen.
process.on('uncaughtException', (error) => log('error', `uncaught exception (continuing): ${error.stack ?? error.message}`));
process.on('unhandledRejection', (reason) => log('error', `unhandled rejection (continuing): ${String(reason)}`));

// `--data-dir=DIR` (as in browser mode) keeps settings elsewhere, e.g. for tests or a second profile.
const dataDirArg = process.argv.find((arg) => arg.startsWith('--data-dir='))?.slice('--data-dir='.length);
if (dataDirArg) app.setPath('userData', dataDirArg);

const appRoot = app.getAppPath();
const rendererDir = join(appRoot, 'out', 'renderer');
const preloadJs = join(appRoot, 'out', 'preload', 'preload.js');
// The Vite dev server is only ever trusted in an unpackaged (development) run.
const devServerUrl = !app.isPackaged ? process.env.JANUS_DEV_SERVER_URL : undefined;
const appLocation: AppLocation = { indexUrl: APP_INDEX_URL, ...(devServerUrl ? { devServerUrl } : {}) };

// The renderer is served from app://janus, not file:// (where 'self' admits any
// local file). Privileges must be registered before the app is ready.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
// Packaged: no network at all. Development: the dev server's HMR socket and React refresh preamble too.
const csp = devServerUrl
  ? contentSecurityPolicy({ webSocketOrigins: [devServerUrl.replace(/^http/, 'ws')], devInlineScripts: true })
  : contentSecurityPolicy();

let core: AppCore | null = null;
let ipc: ElectronIpcServer | null = null;
let mainWindow: BrowserWindow | null = null;
let shutdown: 'running' | 'stopping' | 'done' = 'running';

function windowStatePath(): string {
  return join(app.getPath('userData'), WINDOW_STATE_FILE);
}

function readWindowState() {
  let text: string | null;
  try {
    text = readFileSync(windowStatePath(), 'utf8');
  } catch {
    text = null;
  }
  return fitToDisplays(parseWindowState(text), screen.getAllDisplays().map((display) => display.workArea));
}

function saveWindowState(window: BrowserWindow): void {
  try {
    const file = windowStatePath();
    mkdirSync(app.getPath('userData'), { recursive: true });
    // Write then rename: a crash mid-write never leaves a half file.
    writeFileSync(`${file}.tmp`, serializeWindowState(window.getNormalBounds(), window.isMaximized()));
    renameSync(`${file}.tmp`, file);
  } catch (error) {
    log('warn', `could not save the window position: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function sendMenuAction(action: MenuAction): void {
  const target = BrowserWindow.getFocusedWindow() ?? mainWindow;
  if (!target || target.isDestroyed() || target.webContents.isDestroyed()) return;
  target.webContents.send(eventChannel('menu'), { action });
}

function buildMenu(): Menu {
  const isMac = process.platform === 'darwin';
  const trade: MenuItemConstructorOptions[] = WORKSTATION_MENU.map((item) => ({
    id: item.action,
    label: item.label,
    accelerator: item.accelerator,
    click: () => sendMenuAction(item.action),
  }));
  trade.splice(2, 0, { type: 'separator' });
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' } as MenuItemConstructorOptions] : []),
    { label: '&File', submenu: [isMac ? { role: 'close' } : { role: 'quit' }] },
    { role: 'editMenu' },
    { label: TRADE_MENU_LABEL, submenu: trade },
    {
      label: '&View',
      submenu: [
        { role: 'reload' },
        ...(app.isPackaged ? [] : [{ role: 'toggleDevTools' } as MenuItemConstructorOptions]),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}

/** Rules for every web contents the app ever creates (windows, devtools excluded by Electron). */
function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    log('warn', `blocked navigation to ${url}`);
  });
  contents.on('will-redirect', (event, url) => {
    event.preventDefault();
    log('warn', `blocked redirect to ${url}`);
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    log('warn', `blocked a new window for ${url}`);
    return { action: 'deny' };
  });
}

function secureSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, permission, callback) => {
    log('warn', `denied permission request: ${permission}`);
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  const serveAppFile = appFileServer({ rendererDir, csp, log });
  ses.protocol.handle(APP_SCHEME, (request) => serveAppFile(request.url));
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  // No remote content, ever: only our app:// files (and the dev server in development); not even file://.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const url = details.url;
    const allowed = url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('devtools:') || url.startsWith('data:') ||
      (devServerUrl !== undefined && (url.startsWith(devServerUrl) || url.startsWith(devServerUrl.replace(/^http/, 'ws'))));
    if (!allowed) log('warn', `blocked request to ${url}`);
    callback({ cancel: !allowed });
  });
}

function createWindow(): BrowserWindow {
  const state = readWindowState();
  const window = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    title: PRODUCT_NAME,
    show: false,
    backgroundColor: '#0f1115',
    webPreferences: secureWebPreferences(preloadJs),
  });
  if (state.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());
  window.on('close', () => saveWindowState(window));

  const contents = window.webContents;
  const contentsId = contents.id;
  // A reload or a crashed renderer drops its quote subscriptions; the new page re-subscribes.
  contents.on('did-start-loading', () => ipc?.releaseRenderer(contentsId));
  let lastCrash = 0;
  contents.on('render-process-gone', (_event, details) => {
    ipc?.releaseRenderer(contentsId);
    const now = Date.now();
    // Reload once; a page that dies again within 10 s stays down rather than crash-looping.
    const reload = !window.isDestroyed() && details.reason !== 'clean-exit' && now - lastCrash > 10_000;
    lastCrash = now;
    log('error', `renderer gone (${details.reason})${reload ? '; reloading' : ''}`);
    if (reload) window.reload();
  });
  contents.on('destroyed', () => ipc?.releaseRenderer(contentsId));
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });

  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadURL(APP_INDEX_URL);
  return window;
}

/**
 * Webull app secrets, encrypted by the OS keychain through safeStorage in
 * webull-secrets.json (never settings.json). Without OS encryption they are
 * kept for this run only, and the log says so.
 */
function safeStorageSecrets(dataDir: string): SecretStore {
  const file = join(dataDir, 'webull-secrets.json');
  const memory = new MemorySecretStore();
  let sealed: Record<string, string> = {};
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (parsed && typeof parsed === 'object') sealed = parsed as Record<string, string>;
  } catch {
    // no secrets kept yet
  }
  const save = (): void => {
    writeFileSync(`${file}.tmp`, JSON.stringify(sealed), { mode: 0o600 });
    renameSync(`${file}.tmp`, file);
  };
  return {
    get(accountId) {
      const known = memory.get(accountId);
      const box = sealed[accountId.toLowerCase()];
      if (known !== null || !box || !safeStorage.isEncryptionAvailable()) return known;
      try {
        return safeStorage.decryptString(Buffer.from(box, 'base64'));
      } catch (error) {
        log('error', `the Webull secret of ${accountId} could not be decrypted: ${error instanceof Error ? error.message : String(error)}`);
        return null;
      }
    },
    set(accountId, secret) {
      memory.set(accountId, secret);
      if (!safeStorage.isEncryptionAvailable()) {
        log('warn', `no OS encryption available: the Webull secret of ${accountId} is kept for this run only`);
        return;
      }
      sealed[accountId.toLowerCase()] = safeStorage.encryptString(secret).toString('base64');
      save();
    },
    delete(accountId) {
      memory.delete(accountId);
      delete sealed[accountId.toLowerCase()];
      save();
    },
  };
}

async function startShell(): Promise<void> {
  secureSession();
  Menu.setApplicationMenu(buildMenu());
  core = await startAppCore({
    dataDir: app.getPath('userData'),
    secrets: safeStorageSecrets(app.getPath('userData')),
    logger: (entry) => {
      if (entry.level !== 'debug') (entry.level === 'info' ? console.log : console.error)(formatLogEntry(entry));
    },
    onFault: (command, error) => log('error', `${command} failed: ${error instanceof Error ? error.stack : String(error)}`),
  });
  ipc = serveOverElectronIpc({
    ipcMain,
    host: core.host,
    dispatch: core.dispatch,
    isTrustedUrl: (url) => isTrustedAppUrl(url, appLocation),
    targets: () => BrowserWindow.getAllWindows().map((window) => window.webContents),
    log,
  });
  if (shutdown === 'running') mainWindow = createWindow();
}

async function stopShell(): Promise<void> {
  ipc?.close();
  ipc = null;
  const stopping = core?.stop() ?? Promise.resolve();
  const grace = new Promise<void>((resolve) => setTimeout(resolve, SHUTDOWN_GRACE_MS).unref());
  await Promise.race([stopping.catch((error: unknown) => log('error', `host stop failed: ${String(error)}`)), grace]);
}

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the sessions and client ids; it gets focused instead.
  app.quit();
} else {
  app.setName(PRODUCT_NAME);
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => lockDown(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('activate', () => {
    if (!mainWindow && core && shutdown === 'running') mainWindow = createWindow();
  });
  // Quit waits for the host to disconnect sessions and flush settings, once.
  app.on('before-quit', (event) => {
    if (shutdown === 'done') return;
    event.preventDefault();
    if (shutdown === 'stopping') return;
    shutdown = 'stopping';
    void stopShell().finally(() => {
      shutdown = 'done';
      app.quit();
    });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());

  app
    .whenReady()
    .then(startShell)
    .catch((error: unknown) => {
      log('error', `could not start: ${error instanceof Error ? error.stack : String(error)}`);
      // The user double-clicked an icon: tell them why nothing appears (e.g. browser mode holds the data folder).
      dialog.showErrorBox('Janus Workstation could not start', error instanceof Error ? error.message : String(error));
      app.exit(1);
    });
}

/**
 * The Electron main process of Packing Bench: one hardened window on the app:// protocol, the bench
 * core started as a service in its worker thread (it owns the data file, the use cases and sync; this
 * process never opens the database), the BenchApi and the change stream relayed over IPC
 * (electron/ipc/register-ipc.ts), settings in electron-store, and a clean shutdown.
 *
 * Security (Electron's checklist) lives here on purpose, where test/shell/security-static.test.ts
 * and electronegativity look for it: contextIsolation, sandbox, no nodeIntegration, webSecurity,
 * CSP on every app:// response, navigation / new windows / webviews / permissions / downloads denied,
 * the renderer only ever loaded from app://bench/.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, type Session, type WebContents } from 'electron';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { APP_FOLDER_NAME, benchDatabaseFile } from './core/paths.js';
import { startCoreService, type BenchCoreService } from './core/service/core-service.js';
import { readHubCa } from './core/sync/hub-ca.js';
import { CHANGE_STREAM_CHANNEL, SHELL_COMMAND_CHANNEL } from './ipc/channels.js';
import { registerBenchIpc, type IpcMainLike } from './ipc/register-ipc.js';
import type { ShellCommand } from '../shared/contract/shell-commands.js';
import { getHubToken, resolveDataFolder, type SettingsStore } from './settings/settings-store.js';
import { APP_ENTRY_URL, APP_HOST, APP_PROTOCOL, APP_SCHEME, createAppProtocolHandler } from './shell/app-protocol.js';
import { createMenuCommands } from './shell/commands.js';
import { SHELL_CONTENT_SECURITY_POLICY } from './shell/csp.js';
import { buildApplicationMenu } from './shell/menu.js';
import { describeTokenProtection, openSettings, safeStorageCipher } from './shell/settings.js';
import { printPage } from './shell/print-slip.js';
import { saveRecallExport } from './shell/save-export.js';
import { createShutdown, SHUTDOWN_DEADLINE_MS } from './shell/shutdown.js';
import { MIN_WINDOW, restoreBounds } from './shell/window-state.js';

const PRODUCT_NAME = 'Packing Bench';
const isMac = process.platform === 'darwin';
const log = (message: string, error: unknown) => console.error(`[bench] ${message}`, error ?? '');

// The type system proves the real ipcMain fits the IPC layer's minimal interface.
const ipc: IpcMainLike = ipcMain;

app.setName(PRODUCT_NAME);
// Same data folder as browser mode (electron/core/paths.ts), whatever the product name.
app.setPath('userData', join(app.getPath('appData'), APP_FOLDER_NAME));

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

let mainWindow: BrowserWindow | null = null;
let core: BenchCoreService | null = null;
let settings: SettingsStore | null = null;
const shutdown = createShutdown(log);
let shutdownFinished = false;
/**
 * "Restart Now" asked: start again when the app quits, which is at once unless the page has unsaved
 * edits (after Save or Discard it quits; after Stay, the restart waits for the next quit).
 */
let relaunchWhenQuit = false;

/** Pages the menu's Reload is unloading: a refusal from one of them is Reload's question, not a close's. */
const reloadAsked = new WeakSet<WebContents>();

if (!app.requestSingleInstanceLock()) {
  // A bench runs once per machine: the second launch hands over to the first and leaves.
  app.quit();
} else {
  app.on('second-instance', () => {
    // A launch while the window was closed (macOS keeps running without one) opens it again.
    if (core && !shutdown.started && (!mainWindow || mainWindow.isDestroyed())) mainWindow = createMainWindow();
    else focusMainWindow();
  });
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
  app.on('window-all-closed', () => {
    if (!isMac) app.quit();
  });
  app.on('activate', () => {
    if (core && BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow();
  });
  app.on('will-quit', (event) => {
    if (shutdownFinished) return;
    event.preventDefault();
    if (relaunchWhenQuit) {
      relaunch();
      relaunchWhenQuit = false;
    }
    void shutdown.runWithin(SHUTDOWN_DEADLINE_MS).then((ended) => {
      shutdownFinished = true;
      if (ended === 'done') return app.quit();
      log(`Quitting took over ${SHUTDOWN_DEADLINE_MS / 1000} s; exiting anyway.`, null);
      app.exit(1);
    });
  });
  process.on('SIGINT', () => app.quit());
  process.on('SIGTERM', () => app.quit());
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => fail('Packing Bench could not start', error));
}

async function start(): Promise<void> {
  lockDownSession(session.defaultSession);

  const opened = openSettings(app.getPath('userData'), log);
  settings = opened.store;
  const dataFolder = resolveDataFolder({ env: process.env, settings: settings.store, userDataDir: app.getPath('userData') });
  const file = benchDatabaseFile(dataFolder.dir);
  try {
    mkdirSync(dataFolder.dir, { recursive: true });
    // The core's thread opens the file, runs the use cases and syncs with the hub in the settings (the
    // Settings screen restarts sync with new values); the OS key store answers it from here.
    core = await startCoreService({
      worker: { script: join(__dirname, 'core-worker.mjs') },
      config: {
        file,
        stationName: settings.get('stationName'),
        settings: { dataDir: app.getPath('userData'), keyStore: { kind: 'relay' }, appVersion: app.getVersion(), hubCa: hubCaFromEnv() },
      },
      keyStore: {
        isAvailable: () => safeStorageCipher.isAvailable(),
        encrypt: (plain) => safeStorageCipher.encrypt(plain),
        decrypt: (data) => safeStorageCipher.decrypt(data),
        tokenProtection: describeTokenProtection,
      },
      log,
    });
  } catch (error) {
    // A folder chosen in Choose Data Folder… that is gone (an unplugged drive, a share not mapped yet)
    // must not lock the packer out for good: offer the default folder, where the app can start.
    if (dataFolder.source === 'settings' && isUnreachableFolder(error) && offerDefaultFolder(file, error)) {
      settings.set('dataFolder', '');
      relaunch();
      app.exit(0);
      return;
    }
    fail(`The bench database could not be opened:\n${file}`, error);
    return;
  }
  const openedCore = core;
  // Steps run newest first: stop IPC, then close the core (it stops sync, then closes the database).
  shutdown.add('close the core', () => openedCore.close());
  // The change stream goes to the window as it is (the renderer checks it against the schema).
  const stopEvents = openedCore.subscribe((event) => {
    const win = mainWindow;
    if (win && !win.isDestroyed()) win.webContents.send(CHANGE_STREAM_CHANNEL, event);
  });
  shutdown.add('stop the change stream', stopEvents);
  const benchIpc = registerBenchIpc(ipc, {
    call: openedCore.call,
    // Printing the packing slip and saving exports are the shell's: the label printer from Settings,
    // the system save dialog (the core then writes the file).
    handlers: {
      printSlip: () => printPage(mainWindow?.webContents ?? null, settings?.get('labelPrinter') ?? ''),
      saveRecallExport: ({ query, format }) => saveRecallExport(mainWindow, openedCore, query, format),
    },
    trustedOrigin: { protocol: APP_PROTOCOL, host: APP_HOST },
    log,
  });
  shutdown.add('stop IPC', () => benchIpc.dispose());

  const commands = createMenuCommands({
    productName: PRODUCT_NAME,
    window: () => mainWindow,
    api: openedCore.api,
    startFileImport: (paths) => openedCore.startFileImport(paths),
    events: openedCore,
    settings,
    dataFolder: { ...dataFolder, file },
    log,
    relaunch: () => {
      relaunchWhenQuit = true;
      app.quit();
    },
    reloadWindow: () => {
      const win = mainWindow;
      if (!win || win.isDestroyed()) return;
      reloadAsked.add(win.webContents);
      win.webContents.reload();
    },
  });
  Menu.setApplicationMenu(buildApplicationMenu(commands, { isMac, devTools: !app.isPackaged, productName: PRODUCT_NAME }));

  mainWindow = createMainWindow();
  if (opened.problem) void dialog.showMessageBox(mainWindow, { type: 'warning', message: 'Some settings could not be used', detail: opened.problem });
  // A token pasted into the settings file in clear is encrypted now if the OS offers it.
  if (settings.get('sync').token) void getHubToken(settings, safeStorageCipher).catch((error: unknown) => log('hub token', error));
}

/** BENCH_HUB_CA: a CA (or self-signed hub certificate) to trust; a bad file is logged, not fatal. */
function hubCaFromEnv(): string | undefined {
  try {
    return readHubCa(process.env);
  } catch (error) {
    log('BENCH_HUB_CA ignored', error);
    return undefined;
  }
}

function createMainWindow(): BrowserWindow {
  const store = settings;
  const saved = store?.get('window');
  const bounds = restoreBounds(saved, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...bounds,
    minWidth: MIN_WINDOW.width,
    minHeight: MIN_WINDOW.height,
    show: false,
    // The page then keeps the title as "<bench name> — Packing Bench" (document.title).
    title: `${store?.get('stationName') ?? 'Bench'} — ${PRODUCT_NAME}`,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: join(app.getAppPath(), 'dist-electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click opens no windows (they are denied anyway; electronegativity's AUXCLICK check).
      disableBlinkFeatures: 'Auxclick',
      safeDialogs: true,
      spellcheck: false,
      devTools: !app.isPackaged,
    },
  });
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());

  let saveTimer: NodeJS.Timeout | undefined;
  const saveBounds = () => {
    if (!store || win.isDestroyed() || win.isMinimized() || win.isFullScreen()) return;
    const b = win.getNormalBounds();
    store.set('window', { x: b.x, y: b.y, width: b.width, height: b.height, maximized: win.isMaximized() });
  };
  const saveSoon = () => {
    clearTimeout(saveTimer);
    saveTimer = setTimeout(saveBounds, 500);
  };
  win.on('resize', saveSoon);
  win.on('move', saveSoon);
  win.on('maximize', saveSoon);
  win.on('unmaximize', saveSoon);
  win.on('close', () => {
    reloadAsked.delete(win.webContents);
    clearTimeout(saveTimer);
    saveBounds();
  });
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  // The page refused to unload (unsaved edits): it asks Save / Discard / Stay, then closes itself, or
  // reloads itself when the menu's Reload was what it refused.
  win.webContents.on('will-prevent-unload', () => {
    const command: ShellCommand = reloadAsked.has(win.webContents) ? 'reloadRequested' : 'closeRequested';
    reloadAsked.delete(win.webContents);
    win.webContents.send(SHELL_COMMAND_CHANNEL, command);
  });
  // A Reload the page did not refuse has begun: a later refused unload is a close's.
  win.webContents.on('did-start-loading', () => reloadAsked.delete(win.webContents));

  // As browser mode's stream does on connect: a loaded (or reloaded) page learns the core's state,
  // so a reload while the core restarts or has stopped still shows it.
  win.webContents.on('did-finish-load', () => {
    if (core) win.webContents.send(CHANGE_STREAM_CHANNEL, core.state);
  });
  // A page that crashed (renderer, GPU, out of memory) loads again instead of leaving a blank window;
  // a page that keeps crashing gets a message instead of a loop.
  let reloads = 0;
  win.webContents.on('render-process-gone', (_event, details) => {
    log(`the page stopped: ${details.reason}`, null);
    if (details.reason === 'clean-exit' || win.isDestroyed()) return;
    if (++reloads <= MAX_PAGE_RELOADS) win.webContents.reload();
    else dialog.showErrorBox(PRODUCT_NAME, `The window stopped ${reloads} times (${details.reason}). Close Packing Bench and open it again; what was saved is kept.`);
  });

  void win.loadURL(APP_ENTRY_URL);
  return win;
}

const MAX_PAGE_RELOADS = 3;

/** Applied to every webContents the app creates: no navigation, no new windows, no webviews. */
function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** The session serves app:// and grants no permission, device or download to any page. */
function lockDownSession(ses: Session): void {
  ses.setPermissionRequestHandler((_webContents, _permission, callback) => {
    callback(false);
  });
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.on('will-download', (event) => {
    event.preventDefault();
  });
  ses.protocol.handle(
    APP_SCHEME,
    createAppProtocolHandler({
      rootDir: join(app.getAppPath(), 'dist', 'renderer'),
      contentSecurityPolicy: SHELL_CONTENT_SECURITY_POLICY,
    }),
  );
}

function focusMainWindow(): void {
  const win = mainWindow;
  if (!win || win.isDestroyed()) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** Starts the app again once this one exits; an AppImage runs from a mount that goes away at exit, so the image itself. */
function relaunch(): void {
  app.relaunch(process.env.APPIMAGE ? { execPath: process.env.APPIMAGE } : undefined);
}

/** The folder itself cannot be reached or written (not a locked, newer or damaged database in it). */
function isUnreachableFolder(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && ['ENOENT', 'ENOTDIR', 'EACCES', 'EPERM', 'EROFS', 'ENODEV', 'EIO', 'ENXIO', 'EBUSY'].includes(code);
}

/** Asks whether to start on the default data folder instead; true when the packer chose it. */
function offerDefaultFolder(file: string, error: unknown): boolean {
  log('the chosen data folder could not be opened', error);
  const response = dialog.showMessageBoxSync({
    type: 'error',
    title: PRODUCT_NAME,
    message: 'The bench database in the chosen data folder could not be opened.',
    detail: `${file}\n\n${error instanceof Error ? error.message : String(error)}\n\nIf the folder is on a drive that is not connected, connect it and open Packing Bench again. Or start with the default data folder (its own database; the chosen folder is left as it is, and can be chosen again with Choose Data Folder…).`,
    buttons: ['Use the Default Folder', 'Quit'],
    defaultId: 1,
    cancelId: 1,
  });
  return response === 0;
}

function fail(message: string, error: unknown): void {
  log(message, error);
  const detail = error instanceof Error ? error.message : String(error);
  dialog.showErrorBox(PRODUCT_NAME, `${message}\n\n${detail}`);
  app.exit(1);
}

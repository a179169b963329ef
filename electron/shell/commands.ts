/**
 * The bench's menu commands. Import… hands the picked files to the core, which streams them (any size,
 * strict UTF-8) as an import job: the renderer's Import screen shows its progress bar and Cancel from
 * the change stream, and a dialog says how it ended. Demo data goes to the core service like a renderer
 * call. Identifier Lookup, Settings and Help are handed to the renderer; About and the data folder are
 * native dialogs.
 */
import { app, dialog, type BrowserWindow, type MessageBoxOptions } from 'electron';
import type { BenchApi, ImportProgress } from '../../shared/contract/api.js';
import type { BenchEvents } from '../../shared/contract/change-events.js';
import { importEndResult, MAX_UPLOAD_FILES, tooManyFilesText } from '../../shared/contract/import-schemas.js';
import type { Logger } from '../../shared/contract/invoke.js';
import type { Result } from '../../shared/contract/result.js';
import { benchInfoSchema, importSummarySchema } from '../../shared/contract/schemas.js';
import type { ShellCommand } from '../../shared/contract/shell-commands.js';
import { followImportEnds } from '../core/service/import-ends.js';
import { SHELL_COMMAND_CHANNEL } from '../ipc/channels.js';
import type { DataFolderSource, SettingsStore } from '../settings/settings-store.js';
import { networkFolderProblem } from '../settings/network-folder.js';
import type { BenchMenuActions } from './menu.js';
import { describeError, describeImport } from './messages.js';

export interface CommandContext {
  productName: string;
  window(): BrowserWindow | null;
  /** The core service's contract (the core runs in its worker thread). */
  api: BenchApi;
  /** Starts the core's streaming import of files on disk (BenchCoreService.startFileImport). */
  startFileImport(paths: string[]): Promise<Result<ImportProgress>>;
  /** The core's change stream: the import's progress and end come on it. */
  events: BenchEvents;
  settings: SettingsStore;
  dataFolder: { dir: string; source: DataFolderSource; file: string };
  log: Logger;
  /** Restarts the app (after the data folder changed). */
  relaunch(): void;
  /** The menu's Reload: reloads the window, the page asking about unsaved edits first. */
  reloadWindow(): void;
}

export function createMenuCommands(ctx: CommandContext): BenchMenuActions {
  const send = (command: ShellCommand) => {
    const win = ctx.window();
    if (win && !win.isDestroyed()) win.webContents.send(SHELL_COMMAND_CHANNEL, command);
  };
  const focusWindow = () => {
    const win = ctx.window();
    if (win && !win.isDestroyed()) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  };
  const box = async (options: MessageBoxOptions) => {
    const win = ctx.window();
    return win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options);
  };
  const run = (name: string, action: () => Promise<void>) => () => {
    action().catch((error: unknown) => {
      ctx.log(`menu command ${name} failed`, error);
      void box({ type: 'error', message: `${name} failed`, detail: 'The bench hit an unexpected error; nothing was changed.' });
    });
  };

  const showImportResult = async (title: string, result: Result<unknown>) => {
    if (result.ok) {
      const summary = importSummarySchema.safeParse(result.value);
      await box({ type: 'info', message: title, detail: summary.success ? describeImport(summary.data) : 'Done.' });
    } else {
      await box({ type: 'warning', message: `${title}: nothing was imported`, detail: describeError(result.error) });
    }
  };

  return {
    importFiles: run('Import', async () => {
      const win = ctx.window();
      const options = {
        title: 'Import CSV files',
        buttonLabel: 'Import',
        properties: ['openFile', 'multiSelections'] as Array<'openFile' | 'multiSelections'>,
        filters: [
          { name: 'CSV files', extensions: ['csv', 'txt'] },
          { name: 'All files', extensions: ['*'] },
        ],
      };
      const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
      if (picked.canceled || picked.filePaths.length === 0) return;
      if (picked.filePaths.length > MAX_UPLOAD_FILES) {
        await box({ type: 'warning', message: tooManyFilesText(picked.filePaths.length, MAX_UPLOAD_FILES) });
        return;
      }
      const ended = followImportEnds(ctx.events);
      try {
        const started = await ctx.startFileImport(picked.filePaths);
        if (!started.ok) {
          await showImportResult('Import', started);
          return;
        }
        // The Import screen shows the progress bar and the Cancel button (it follows the change stream).
        focusWindow();
        send('openImport');
        const result = importEndResult(await ended.end(started.value.importId));
        await showImportResult(result.ok ? 'Import finished' : 'Import', result);
      } finally {
        ended.stop();
      }
    }),

    loadDemoData: run('Load Demo Data', async () => {
      const { response } = await box({
        type: 'question',
        message: 'Load the demo products, identifiers and orders into this bench?',
        detail: 'Existing data is kept; demo records already present are left unchanged.',
        buttons: ['Load Demo Data', 'Cancel'],
        defaultId: 0,
        cancelId: 1,
      });
      if (response !== 0) return;
      await showImportResult('Demo data loaded', await ctx.api.loadDemoData({}));
    }),

    identifierLookup: () => {
      focusWindow();
      send('identifierLookup');
    },

    reload: () => ctx.reloadWindow(),

    // The Settings screen lives in the renderer (shared with browser mode): show it.
    settings: () => {
      focusWindow();
      send('openSettings');
    },

    chooseDataFolder: run('Choose Data Folder', async () => {
      await chooseDataFolder();
    }),

    // The user guide is the renderer's Help view (the README's user section, bundled at build time).
    help: () => {
      focusWindow();
      send('openHelp');
    },

    about: run('About', async () => {
      const info = await ctx.api.getBenchInfo({});
      const bench = info.ok ? benchInfoSchema.safeParse(info.value) : null;
      const lines = [
        `Version ${app.getVersion()}`,
        `Electron ${process.versions.electron ?? '?'}, Chromium ${process.versions.chrome ?? '?'}, Node ${process.versions.node}`,
        bench?.success ? `Station ${bench.data.stationName} (${bench.data.stationId}), database schema ${bench.data.schemaVersion}` : '',
        `Data file: ${ctx.dataFolder.file}`,
        `Settings file: ${ctx.settings.path}`,
      ].filter(Boolean);
      await box({ type: 'info', message: ctx.productName, detail: lines.join('\n'), buttons: ['OK'] });
    }),
  };

  async function chooseDataFolder(): Promise<void> {
    const win = ctx.window();
    const options = {
      title: 'Choose the bench data folder',
      defaultPath: ctx.dataFolder.dir,
      properties: ['openDirectory', 'createDirectory'] as Array<'openDirectory' | 'createDirectory'>,
    };
    const picked = win ? await dialog.showOpenDialog(win, options) : await dialog.showOpenDialog(options);
    const dir = picked.filePaths[0];
    if (picked.canceled || !dir) return;
    const problem = await networkFolderProblem(dir);
    if (problem) {
      await box({ type: 'warning', message: 'The bench cannot keep its data in that folder.', detail: `${problem}\n\nThe data folder is unchanged.`, buttons: ['OK'] });
      return;
    }
    ctx.settings.set('dataFolder', dir);
    if (ctx.dataFolder.source === 'BENCH_DATA_DIR') {
      await box({ type: 'info', message: 'Saved. BENCH_DATA_DIR is set, so it keeps overriding this folder while it is set.' });
      return;
    }
    const { response } = await box({
      type: 'question',
      message: 'The bench uses the new data folder after a restart.',
      detail: `${dir}\n\nA new, empty database is created there if none exists; the current one stays where it is.`,
      buttons: ['Restart Now', 'Later'],
      defaultId: 0,
      cancelId: 1,
    });
    if (response === 0) ctx.relaunch();
  }
}

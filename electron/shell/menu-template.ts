/**
 * The application menu's template: the usual roles plus the bench's own commands. Plain data (Electron
 * is imported for its types only), so a test under Node can read every key the menu answers; menu.ts
 * builds the menu from it. Every key it answers is in F1's list (shared/contract/menu-keys.ts, where the
 * bench's own accelerators are set): a key added here goes there too (test/shell/menu-keys.test.ts).
 */
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_ACCELERATORS } from '../../shared/contract/menu-keys.js';

export interface BenchMenuActions {
  importFiles(): void;
  loadDemoData(): void;
  identifierLookup(): void;
  /** Reloads the window; the page asks about unsaved edits first (see main.ts's will-prevent-unload). */
  reload(): void;
  settings(): void;
  chooseDataFolder(): void;
  about(): void;
  help(): void;
}

type Item = MenuItemConstructorOptions;

export interface BenchMenuOptions {
  isMac: boolean;
  devTools: boolean;
  productName: string;
}

export function applicationMenuTemplate(actions: BenchMenuActions, options: BenchMenuOptions): Item[] {
  const { isMac } = options;
  const separator: Item = { type: 'separator' };
  const settingsItem: Item = { label: 'Settings…', accelerator: MENU_ACCELERATORS.settings, click: () => actions.settings() };
  const aboutItem: Item = { label: `About ${options.productName}`, click: () => actions.about() };
  // No accelerator: F1 in the page is the keyboard shortcuts help.
  const helpItem: Item = { label: `${options.productName} Help`, click: () => actions.help() };
  const dataFolderItem: Item = { label: 'Choose Data Folder…', click: () => actions.chooseDataFolder() };

  const appMenu: Item = {
    label: options.productName,
    submenu: [aboutItem, separator, settingsItem, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };
  const fileMenu: Item = {
    label: '&File',
    submenu: [
      { label: 'Import…', accelerator: MENU_ACCELERATORS.importFiles, click: () => actions.importFiles() },
      { label: 'Load Demo Data', click: () => actions.loadDemoData() },
      separator,
      dataFolderItem,
      ...(isMac ? [] : [settingsItem]),
      separator,
      isMac ? { role: 'close' } : { role: 'quit' },
    ],
  };
  const devItems: Item[] = options.devTools ? [{ role: 'toggleDevTools' }] : [];
  const viewMenu: Item = {
    label: '&View',
    submenu: [
      { label: 'Identifier Lookup', accelerator: MENU_ACCELERATORS.identifierLookup, click: () => actions.identifierLookup() },
      separator,
      // Not the 'reload' role: the shell must know a refused unload came from Reload, not from a close.
      { label: 'Reload', accelerator: MENU_ACCELERATORS.reload, click: () => actions.reload() },
      ...devItems,
      separator,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      separator,
      { role: 'togglefullscreen' },
    ],
  };
  const helpMenu: Item = { role: 'help', submenu: isMac ? [helpItem] : [helpItem, separator, aboutItem] };

  return [...(isMac ? [appMenu] : []), fileMenu, { role: 'editMenu' }, viewMenu, { role: 'windowMenu' }, helpMenu];
}

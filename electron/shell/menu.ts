/**
 * The application menu: the usual roles plus the bench's own commands.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface BenchMenuActions {
  importFiles(): void;
  loadDemoData(): void;
  identifierLookup(): void;
  settings(): void;
  chooseDataFolder(): void;
  about(): void;
  help(): void;
}

type Item = MenuItemConstructorOptions;

export function buildApplicationMenu(actions: BenchMenuActions, options: { isMac: boolean; devTools: boolean; productName: string }): Menu {
  const { isMac } = options;
  const separator: Item = { type: 'separator' };
  const settingsItem: Item = { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => actions.settings() };
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
      { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
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
      { label: 'Identifier Lookup', accelerator: 'CmdOrCtrl+L', click: () => actions.identifierLookup() },
      separator,
      { role: 'reload' },
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

  const template: Item[] = [...(isMac ? [appMenu] : []), fileMenu, { role: 'editMenu' }, viewMenu, { role: 'windowMenu' }, helpMenu];
  return Menu.buildFromTemplate(template);
}

/**
 * The application menu: the usual roles plus the bench's own commands.
 */
import { Menu, type MenuItemConstructorOptions } from 'electron';

export interface BenchMenuActions {
  importFiles(): void;
  loadDemoData(): void;
  identifierLookup(): void;
  settings(): void;
  about(): void;
}

type Item = MenuItemConstructorOptions;

export function buildApplicationMenu(actions: BenchMenuActions, options: { isMac: boolean; devTools: boolean; productName: string }): Menu {
  const { isMac } = options;
  const separator: Item = { type: 'separator' };
  const settingsItem: Item = { label: 'Settings…', accelerator: 'CmdOrCtrl+,', click: () => actions.settings() };
  const aboutItem: Item = { label: `About ${options.productName}`, click: () => actions.about() };

  const appMenu: Item = {
    label: options.productName,
    submenu: [aboutItem, separator, settingsItem, separator, { role: 'services' }, separator, { role: 'hide' }, { role: 'hideOthers' }, { role: 'unhide' }, separator, { role: 'quit' }],
  };
  const fileMenu: Item = {
    label: '&File',
    submenu: [
      { label: 'Import…', accelerator: 'CmdOrCtrl+O', click: () => actions.importFiles() },
      { label: 'Load Demo Data', click: () => actions.loadDemoData() },
      ...(isMac ? [] : [separator, settingsItem]),
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
  const helpMenu: Item = { role: 'help', submenu: [aboutItem] };

  const template: Item[] = [...(isMac ? [appMenu] : []), fileMenu, { role: 'editMenu' }, viewMenu, { role: 'windowMenu' }, ...(isMac ? [] : [helpMenu])];
  return Menu.buildFromTemplate(template);
}

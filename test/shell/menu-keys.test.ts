/**
 * Every key the desktop app's menu answers is in the F1 "Keyboard shortcuts" list (and so in README's
 * key table, which test/renderer/shortcuts-readme.test.ts holds to F1 row for row): the bench's own
 * accelerators (Import… Ctrl+O, Identifier Lookup Ctrl+L, Settings… Ctrl+,) were missing. The menu's
 * template is walked as the shell builds it, on a Mac and elsewhere, so a key added to the menu and not
 * to the list fails here.
 */
import { describe, expect, it } from 'vitest';
import { SHORTCUT_GROUPS } from '../../renderer/app/ShortcutsHelp.js';
import { DESKTOP_MENU_KEYS, DESKTOP_MENU_TITLE } from '../../shared/contract/menu-keys.js';
import { applicationMenuTemplate, type BenchMenuActions } from '../../electron/shell/menu-template.js';

type Platform = 'linux' | 'win32' | 'darwin';

/**
 * The keys Electron gives its menu roles (lib/browser/api/menu-item-roles.ts, Electron 45), per
 * platform; a submenu role lists the roles it holds. A role not here fails the test: say its keys.
 */
const ROLE_KEYS: Record<string, (platform: Platform) => string | null> = {
  about: () => null,
  services: () => null,
  unhide: () => null,
  help: () => null,
  delete: () => null,
  zoom: () => null,
  front: () => null,
  hide: () => 'Command+H',
  hideOthers: () => 'Command+Alt+H',
  quit: (p) => (p === 'win32' ? null : 'CommandOrControl+Q'),
  close: () => 'CommandOrControl+W',
  minimize: () => 'CommandOrControl+M',
  undo: () => 'CommandOrControl+Z',
  redo: (p) => (p === 'win32' ? 'Control+Y' : 'Shift+CommandOrControl+Z'),
  cut: () => 'CommandOrControl+X',
  copy: () => 'CommandOrControl+C',
  paste: () => 'CommandOrControl+V',
  pasteAndMatchStyle: (p) => (p === 'darwin' ? 'Cmd+Option+Shift+V' : 'Shift+CommandOrControl+V'),
  selectAll: () => 'CommandOrControl+A',
  reload: () => 'CmdOrCtrl+R',
  toggleDevTools: (p) => (p === 'darwin' ? 'Alt+Command+I' : 'Ctrl+Shift+I'),
  resetZoom: () => 'CommandOrControl+0',
  zoomIn: () => 'CommandOrControl+Plus',
  zoomOut: () => 'CommandOrControl+-',
  togglefullscreen: (p) => (p === 'darwin' ? 'Control+Command+F' : 'F11'),
  startSpeaking: () => null,
  stopSpeaking: () => null,
};
const SUBMENU_ROLES: Record<string, (platform: Platform) => string[]> = {
  editMenu: (p) => ['undo', 'redo', 'cut', 'copy', 'paste', ...(p === 'darwin' ? ['pasteAndMatchStyle', 'delete', 'selectAll', 'startSpeaking', 'stopSpeaking'] : ['delete', 'selectAll'])],
  windowMenu: (p) => ['minimize', 'zoom', ...(p === 'darwin' ? ['front'] : ['close'])],
};

/** A menu item, as the template holds it (Electron's type, without importing Electron here). */
type MenuItem = ReturnType<typeof applicationMenuTemplate>[number];

const noop = () => {};
const actions: BenchMenuActions = { importFiles: noop, loadDemoData: noop, identifierLookup: noop, reload: noop, settings: noop, chooseDataFolder: noop, about: noop, help: noop };

/** Every accelerator the menu answers on a platform, as Electron writes them. */
function menuAccelerators(platform: Platform, devTools: boolean): string[] {
  const found: string[] = [];
  const visitRole = (role: string) => {
    const submenu = SUBMENU_ROLES[role];
    if (submenu) return submenu(platform).forEach(visitRole);
    const keys = ROLE_KEYS[role];
    if (!keys) throw new Error(`The menu holds role "${role}", whose keys this test does not know: add them to ROLE_KEYS`);
    const accelerator = keys(platform);
    if (accelerator) found.push(accelerator);
  };
  const visit = (item: MenuItem) => {
    if (item.accelerator) found.push(item.accelerator);
    else if (item.role && !Array.isArray(item.submenu)) visitRole(item.role);
    if (Array.isArray(item.submenu)) item.submenu.forEach(visit);
  };
  applicationMenuTemplate(actions, { isMac: platform === 'darwin', devTools, productName: 'Packing Bench' }).forEach(visit);
  return found;
}

/** An accelerator as F1 writes it: "Ctrl+Shift+Z", "Cmd+Alt+H", "Ctrl++". */
function shownAs(accelerator: string, platform: Platform): string {
  const mac = platform === 'darwin';
  const parts = accelerator.split('+').map((part) => {
    if (part === 'CmdOrCtrl' || part === 'CommandOrControl') return mac ? 'Cmd' : 'Ctrl';
    if (part === 'Command' || part === 'Cmd') return 'Cmd';
    if (part === 'Control') return 'Ctrl';
    if (part === 'Option') return 'Alt';
    if (part === 'Plus') return '+';
    return part;
  });
  const order = ['Ctrl', 'Cmd', 'Alt', 'Shift'];
  const modifiers = parts.slice(0, -1).sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return [...modifiers, parts[parts.length - 1]].join('+');
}

/** The F1 rows of the desktop app's menu keys, keys and words. */
const f1MenuRows = () => SHORTCUT_GROUPS.find((group) => group.title === DESKTOP_MENU_TITLE)?.keys ?? [];
/** The keys a row's keys cell names: "Ctrl+0 / Ctrl++ / Ctrl+-, F11 (Ctrl+Cmd+F on a Mac)" → each. */
const keysOf = (cell: string) => cell.match(/(?:(?:Ctrl|Cmd|Alt|Shift)\+)*(?:F\d+|[A-Z0-9]\b|[+,-]|\[|\])/g) ?? [];

describe('the desktop menu keys in F1', () => {
  it.each([
    ['linux', true],
    ['linux', false],
    ['win32', false],
    ['darwin', true],
    ['darwin', false],
  ] as const)('names every key the menu answers on %s (developer tools %s) in F1', (platform, devTools) => {
    const f1Keys = f1MenuRows().flatMap(([keys]) => keysOf(keys));
    const menuKeys = menuAccelerators(platform, devTools).map((accelerator) => shownAs(accelerator, platform));
    // On a Mac, Cmd stands for Ctrl (F1 says so): Cmd+O is F1's Ctrl+O.
    const named = (key: string) => f1Keys.includes(key) || (platform === 'darwin' && f1Keys.includes(key.replace(/^Cmd\+/, 'Ctrl+')));
    expect(menuKeys.filter((key) => !named(key))).toEqual([]);
  });

  it("names the bench's own menu keys, Import… and Identifier Lookup included, with what they do", () => {
    const rows = f1MenuRows();
    for (const [keys, words] of [
      ['Ctrl+O', 'Import…'],
      ['Ctrl+L', 'Identifier Lookup'],
      ['Ctrl+,', 'Settings…'],
    ]) {
      expect(rows.find(([f1Keys]) => f1Keys === keys)?.[1], keys).toContain(words);
    }
  });

  it('says that the menu keys work in the desktop app only, not in browser mode', () => {
    expect(DESKTOP_MENU_TITLE).toMatch(/desktop app/i);
    expect(DESKTOP_MENU_TITLE).toMatch(/not (in )?browser mode/i);
  });

  it('shows the shared list as it is: F1 rows are the menu keys list', () => {
    expect(f1MenuRows()).toEqual(DESKTOP_MENU_KEYS.map(({ keys, what }) => [keys, what]));
  });
});

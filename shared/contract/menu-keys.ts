/**
 * The keys of the desktop app's menu (electron/shell/menu-template.ts), in one place: the menu takes
 * its own commands' accelerators from MENU_ACCELERATORS, and F1's "Keyboard shortcuts"
 * (renderer/app/ShortcutsHelp.tsx, and so README's key table) shows DESKTOP_MENU_KEYS as a group, so
 * neither can drift from the other. test/shell/menu-keys.test.ts walks the menu as the shell builds it,
 * with the keys Electron gives its roles, and fails on a key F1 does not name.
 *
 * Electron only: browser mode has no menu (Ctrl+O, Ctrl+L… are then the browser's own keys).
 * Written as on Windows and Linux; on a Mac, Cmd stands for Ctrl, and a row says where a Mac differs.
 */

/** The bench's own menu commands' keys, as Electron writes them. */
export const MENU_ACCELERATORS = {
  importFiles: 'CmdOrCtrl+O',
  identifierLookup: 'CmdOrCtrl+L',
  settings: 'CmdOrCtrl+,',
  reload: 'CmdOrCtrl+R',
} as const;

/** F1's group title (README's "where"): the keys work in the desktop app's window only. */
export const DESKTOP_MENU_TITLE = 'Desktop app menu, not browser mode (Cmd for Ctrl on a Mac)';

export const DESKTOP_MENU_KEYS: ReadonlyArray<{ keys: string; what: string }> = [
  { keys: 'Ctrl+O', what: 'Import… (File menu): choose the CSV files to import; the Import screen shows its progress and Cancel import' },
  { keys: 'Ctrl+L', what: 'Identifier Lookup (View menu)' },
  { keys: 'Ctrl+,', what: 'Settings… (File menu; the app menu on a Mac)' },
  { keys: 'Ctrl+Z / Ctrl+Shift+Z (Ctrl+Y on Windows)', what: "Undo / redo the typing in a box (Edit menu; in browser mode, the browser's own keys)" },
  { keys: 'Ctrl+X / Ctrl+C / Ctrl+V, Ctrl+A', what: "Cut / copy / paste, select all (Edit menu; in browser mode, the browser's own keys)" },
  { keys: 'Ctrl+R', what: 'Reload the window (View menu); unsaved changes are asked about first' },
  { keys: 'Ctrl+0 / Ctrl++ / Ctrl+-', what: 'Actual size / zoom in / zoom out (View menu)' },
  { keys: 'F11 (Ctrl+Cmd+F on a Mac)', what: 'Full screen on / off (View menu)' },
  { keys: 'Ctrl+Shift+I (Cmd+Alt+I on a Mac)', what: 'Developer tools (View menu), only when the bench runs from its sources, not in the installed app' },
  { keys: 'Ctrl+M', what: 'Minimize the window (Window menu)' },
  { keys: 'Ctrl+W', what: 'Close the window (Window menu; File menu on a Mac); unsaved changes are asked about first' },
  { keys: 'Ctrl+Q (Alt+F4 on Windows)', what: 'Quit the bench (File menu; the app menu on a Mac); unsaved changes are asked about first' },
  { keys: 'Cmd+H / Cmd+Alt+H, Cmd+Alt+Shift+V (Mac only)', what: 'Hide the bench / the other apps (app menu); paste and match style (Edit menu)' },
];

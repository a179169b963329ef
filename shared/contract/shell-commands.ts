/**
 * Menu commands the Electron shell hands to the renderer (Electron only; browser mode never sends
 * them). The preload turns each into a DOM event on `window`:
 *   window.addEventListener(SHELL_COMMAND_EVENT, (e) => { const c = (e as CustomEvent<unknown>).detail; if (isShellCommand(c)) ... })
 * One-way and data-free: the page gets a command name, no capability.
 */
export const SHELL_COMMAND_EVENT = 'bench:shell-command';

export const SHELL_COMMANDS = [
  /** Show the identifier lookup screen. */
  'identifierLookup',
  /** Show the Import screen: the menu's Import… started an import, whose progress bar and Cancel show there. */
  'openImport',
  /** Show the Settings screen (menu item and Ctrl/Cmd+,). */
  'openSettings',
  /** Show the user guide (Help menu, F1). */
  'openHelp',
  /**
   * The window is being closed but the page refused to unload (unsaved edits, via beforeunload):
   * ask the packer Save / Discard / Stay, then close with window.close() or stay.
   */
  'closeRequested',
  /**
   * The menu's Reload (Ctrl+R) but the page refused to unload (unsaved edits): ask Save / Discard / Stay,
   * then reload or stay. Told apart from a close so that answering Reload's question never closes the window.
   */
  'reloadRequested',
] as const;

export type ShellCommand = (typeof SHELL_COMMANDS)[number];

export function isShellCommand(value: unknown): value is ShellCommand {
  return typeof value === 'string' && (SHELL_COMMANDS as readonly string[]).includes(value);
}

import { useEffect, useRef } from 'react';
import { isShellCommand, SHELL_COMMAND_EVENT, type ShellCommand } from '../../shared/contract/shell-commands.js';

/**
 * Listens for the Electron menu's commands (the preload turns each into a DOM event on window).
 * Browser mode never sends any, so this is inert there.
 */
export function useShellCommands(onCommand: (command: ShellCommand) => void): void {
  const latest = useRef(onCommand);
  latest.current = onCommand;
  useEffect(() => {
    const listener = (event: Event) => {
      const command = (event as CustomEvent<unknown>).detail;
      if (isShellCommand(command)) latest.current(command);
    };
    window.addEventListener(SHELL_COMMAND_EVENT, listener);
    return () => window.removeEventListener(SHELL_COMMAND_EVENT, listener);
  }, []);
}

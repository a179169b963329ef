/**
 * The IPC channel names of the Electron transport, shared by the main process and the preload.
 * Plain TypeScript: no 'electron' import, so the IPC layer can be tested under Node.
 */
import type { BenchMethod } from '../../shared/contract/api.js';

export const BENCH_CHANNEL_PREFIX = 'bench:';

/** One channel per contract method: `bench:<method>`. */
export function benchChannel(method: BenchMethod): string {
  return `${BENCH_CHANNEL_PREFIX}${method}`;
}

/** Main → renderer only: a menu command for the renderer to act on (see shared/contract/shell-commands.ts). */
export const SHELL_COMMAND_CHANNEL = 'bench-shell:command';

/** Main → renderer only: the core's change stream (shared/contract/change-events.ts). */
export const CHANGE_STREAM_CHANNEL = 'bench-events';

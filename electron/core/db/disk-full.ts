/**
 * A full disk is a fault the packer can act on, not a bug: SQLite refuses the write (SQLITE_FULL),
 * the use case's transaction rolls back whole, and the call answers with a typed `disk_full` error
 * saying so. Work continues once space is freed; nothing needs reopening.
 */
import type { BenchHandlers } from '../../../shared/contract/api.js';
import { BenchError } from '../../../shared/contract/result.js';

export const DISK_FULL_MESSAGE = "The bench's disk is full, so nothing was saved. Free some space on the disk, then try again.";

export function isDiskFull(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'SQLITE_FULL';
}

/** Another process (the CLI, a second bench window on the same folder) held the write lock past the busy timeout. */
export const DATABASE_BUSY_MESSAGE =
  "The bench's database is busy with another long change (an import or save from the command line or another window on this data folder), so nothing was saved. Try again when it has finished.";

export function isDatabaseBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_BUSY_SNAPSHOT';
}

/** The same handlers, each turning SQLITE_FULL into BenchError('disk_full') and a lock held too long into BenchError('conflict'). */
export function refuseWhenDiskFull(handlers: BenchHandlers): BenchHandlers {
  const wrapped: Record<string, unknown> = {};
  for (const [method, handler] of Object.entries(handlers) as Array<[string, (args: unknown) => unknown]>) {
    wrapped[method] = (args: unknown) => {
      try {
        return handler(args);
      } catch (error) {
        if (isDiskFull(error)) throw new BenchError('disk_full', DISK_FULL_MESSAGE);
        if (isDatabaseBusy(error)) throw new BenchError('conflict', DATABASE_BUSY_MESSAGE);
        throw error;
      }
    };
  }
  return wrapped as unknown as BenchHandlers;
}

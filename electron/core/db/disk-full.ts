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

/** The same handlers, each turning SQLITE_FULL into BenchError('disk_full'). */
export function refuseWhenDiskFull(handlers: BenchHandlers): BenchHandlers {
  const wrapped: Record<string, unknown> = {};
  for (const [method, handler] of Object.entries(handlers) as Array<[string, (args: unknown) => unknown]>) {
    wrapped[method] = (args: unknown) => {
      try {
        return handler(args);
      } catch (error) {
        if (isDiskFull(error)) throw new BenchError('disk_full', DISK_FULL_MESSAGE);
        throw error;
      }
    };
  }
  return wrapped as unknown as BenchHandlers;
}

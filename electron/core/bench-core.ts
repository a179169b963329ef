/**
 * The bench's engine as everyone outside the core holds it: the BenchApi contract's handlers over one
 * SQLite file, and close(). Nothing else: the database, the export links, the settings, the sync engine
 * and the file import are the core's own (bench-parts.ts, for the worker runtime and the CLI).
 * test/core/bench-core-surface.test.ts checks the keys.
 */
import type { BenchHandlers } from '../../shared/contract/api.js';
import { openBenchParts, type BenchPartsOptions } from './bench-parts.js';

export type BenchCore = BenchHandlers & {
  /** Closes the bench file; calls after it fail. */
  close(): void;
};

export type BenchCoreOptions = Omit<BenchPartsOptions, 'settings'>;

export function openBenchCore(options: BenchCoreOptions): BenchCore {
  return openBenchParts(options).core;
}

/**
 * What a test made that must go when the test (or its file) ends: temp folders, open benches. The hooks
 * that run these are registered by the setup file (cleanup-hooks.ts), which Vitest runs before every
 * test file. A helper module's own afterEach/afterAll would be registered only in the first file that
 * loads it where files share their worker's modules (isolate: false): every later file's folders and
 * benches were left behind.
 */
export type CleanupScope = 'test' | 'file';

const queues: Record<CleanupScope, Array<() => void>> = { test: [], file: [] };
let collecting = false;

/**
 * Refused while a file's tests are being collected: a file whose tests are all filtered out (`-t`) runs
 * none of its hooks, so what it made then would never go. Make it in beforeAll or in the test.
 */
export function cleanUpAfter(scope: CleanupScope, cleanup: () => void): void {
  if (collecting) {
    cleanup();
    throw new Error('a temp folder or bench was made while the file was being collected: make it in beforeAll or in the test, so it is removed');
  }
  queues[scope].push(cleanup);
}

/** From the setup file: a file's collection starts (its module body runs next) or ends (its first beforeAll). */
export function collectingFile(now: boolean): void {
  collecting = now;
}

/** Runs the scope's cleanups, last made first; all run even when one throws (the first error is rethrown). */
export function runCleanups(scope: CleanupScope): void {
  const errors: unknown[] = [];
  for (const cleanup of queues[scope].splice(0).reverse()) {
    try {
      cleanup();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length > 0) throw errors[0];
}

/** Vitest setup file (run before every test file): runs what cleanup.ts was asked to remove. */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { collectingFile, runCleanups } from './cleanup.js';

// Runs before the file's own module body; this beforeAll, registered first, runs before the file's.
collectingFile(true);
beforeAll(() => collectingFile(false));
afterEach(() => runCleanups('test'));
afterAll(() => runCleanups('file'));

/** Vitest setup file (run before every test file): runs what cleanup.ts was asked to remove. */
import { afterAll, afterEach } from 'vitest';
import { runCleanups } from './cleanup.js';

afterEach(() => runCleanups('test'));
afterAll(() => runCleanups('file'));

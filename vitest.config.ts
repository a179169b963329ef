import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Files are named per project below (a project extending this config adds to its lists).
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default on 2 cores is 1 worker; most files wait on PostgreSQL, Chromium, HTTP or timers
    // rather than compute, so two files at a time nearly halve the run there.
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // The default report, then the slowest files of a whole run (CI's time budget).
    reporters: ['default', './test/support/slowest-files-reporter.ts'],
    // Marks the run and fails it when a test leaves a process running (test/leaks/).
    // One PostgreSQL cluster per worker for the run (test/support/shared-postgres.ts), stopped before the leak check.
    globalSetup: ['test/leaks/vitest-global-setup.ts', 'test/support/shared-postgres.ts'],
    // Runs what the helpers asked to remove after each test and each file (test/support/cleanup.ts).
    setupFiles: ['test/support/cleanup-hooks.ts'],
    // A worker's files share its loaded modules rather than load them again for each file (a third of the
    // core's files' run, over half the screens': 137 → 62 s). Each file still opens its own databases,
    // servers, processes and page; what a module keeps for the page (the beep's audio context) is counted
    // for every file (test/renderer/fake-audio.ts). The screens' files passed in shuffled orders too.
    isolate: false,
    // Two projects though they differ only in files: with one, a worker switching between the page's
    // environment and Node's loaded the modules again (their import time 38 → 101 s, the run 378 → 456 s).
    projects: [
      { extends: true, test: { name: 'node', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'], exclude: ['test/renderer/**'] } },
      { extends: true, test: { name: 'renderer', include: ['test/renderer/**/*.test.ts', 'test/renderer/**/*.test.tsx'] } },
    ],
  },
});

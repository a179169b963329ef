import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Marks the run and fails it when a test leaves a process running (test/leaks/).
    globalSetup: ['test/leaks/vitest-global-setup.ts'],
  },
});

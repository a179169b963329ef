import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE, FOUND_CHROMIUM } from './test/chromium.js';

// Said once, by the runner (workers load this config too).
if (process.env.TEST_WORKER_INDEX === undefined) console.log(`Chromium: ${CHROMIUM_EXECUTABLE} (${FOUND_CHROMIUM.source})`);

/** End-to-end tests: Chromium (test/chromium.ts finds one) against the real browser-mode host and a real SQLite file. */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  workers: process.env.CI ? 2 : undefined,
  reporter: [['list']],
  // Marks the run and fails it when a test leaves a process running (test/leaks/).
  globalSetup: './test/leaks/playwright-global-setup.ts',
  globalTeardown: './test/leaks/playwright-global-teardown.ts',
  use: {
    headless: true,
    launchOptions: {
      executablePath: CHROMIUM_EXECUTABLE,
      args: CHROMIUM_ARGS,
    },
    viewport: { width: 1366, height: 900 },
    screenshot: 'only-on-failure',
    trace: 'off',
  },
});

import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE, FOUND_CHROMIUM } from './test/chromium.js';

// Said once, by the runner (workers load this config too).
if (process.env.TEST_WORKER_INDEX === undefined) console.log(`Chromium: ${CHROMIUM_EXECUTABLE} (${FOUND_CHROMIUM.source})`);

/** Tests that run for minutes whatever the machine (by title). */
const LONG_TESTS = /500 scans at scanner speed/;

/** End-to-end tests: Chromium (test/chromium.ts finds one) against the real browser-mode host and a real SQLite file. */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results/e2e',
  timeout: 120_000,
  expect: { timeout: 10_000 },
  // Two at a time even on 2 cores (Playwright's default there is 1): a test mostly waits on the page,
  // so a second one fills the gaps (--workers=1 still runs one at a time).
  workers: 2,
  // Tests, not files, are shared out between the workers: by files, the last spec's tests ran one
  // after another on one worker while the other sat idle (about half a minute of CI).
  fullyParallel: true,
  reporter: [['list']],
  // Marks the run and fails it when a test leaves a process running (test/leaks/).
  globalSetup: './test/leaks/playwright-global-setup.ts',
  globalTeardown: './test/leaks/playwright-global-teardown.ts',
  // The 500-scans-at-scanner-speed test alone takes minutes: it starts first, on its own worker,
  // so the other tests share the second worker beside it rather than all waiting for it at the end.
  projects: [
    { name: 'long', grep: LONG_TESTS },
    { name: 'e2e', grepInvert: LONG_TESTS },
  ],
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

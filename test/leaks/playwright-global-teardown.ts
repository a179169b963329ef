/** Playwright globalTeardown: fails naming any process the end-to-end tests left behind. */
import { collectLeftovers, describeLeftovers, RUN_MARKER } from './run-marker.js';

export default async function globalTeardown(): Promise<void> {
  const runId = process.env[RUN_MARKER];
  if (!runId) return;
  // Playwright's own workers may still be winding down; they are the runner's, not a test's.
  const left = await collectLeftovers(runId, { exclude: (command) => /node_modules[\\/](playwright|@playwright)[\\/]/.test(command) });
  if (left.length > 0) throw new Error(describeLeftovers('the end-to-end tests (Playwright)', left));
}

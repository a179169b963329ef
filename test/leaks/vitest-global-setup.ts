/** Vitest globalSetup: marks the run; at its end fails naming any process the tests left behind. */
import { collectLeftovers, describeLeftovers, markRun } from './run-marker.js';

/** The runner's own worker processes end with it; they are not leftovers of a test. */
const isVitestWorker = (command: string) => /node_modules[\\/]vitest[\\/]/.test(command) || /\bvitest\b.*\bworker/.test(command);

export default function setup(): () => Promise<void> {
  const runId = markRun();
  return async () => {
    const left = await collectLeftovers(runId, { exclude: isVitestWorker });
    if (left.length > 0) {
      // Vitest only logs an error thrown here ("error during close"); the exit code makes it fail the run.
      process.exitCode = 1;
      throw new Error(describeLeftovers('the unit tests (vitest)', left));
    }
  };
}

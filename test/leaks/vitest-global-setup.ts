/** Vitest globalSetup: marks the run; at its end fails naming any process or temp folder the tests left behind. */
import { collectLeftovers, describeLeftovers, markRun } from './run-marker.js';
import { describeLeftoverFolders, finishRunTempFolder, startRunTempFolder } from './run-temp-folder.js';

/** The runner's own worker processes end with it; they are not leftovers of a test. */
const isVitestWorker = (command: string) => /node_modules[\\/]vitest[\\/]/.test(command) || /\bvitest\b.*\bworker/.test(command);

export default function setup(): () => Promise<void> {
  const runId = markRun();
  startRunTempFolder('packing-bench-vitest-');
  return async () => {
    const left = await collectLeftovers(runId, { exclude: isVitestWorker });
    const temp = finishRunTempFolder();
    const problems = [
      ...(left.length > 0 ? [describeLeftovers('the unit tests (vitest)', left)] : []),
      ...(temp && temp.left.length > 0 ? [describeLeftoverFolders('the unit tests (vitest)', temp.dir, temp.left)] : []),
    ];
    if (problems.length > 0) {
      // Vitest only logs an error thrown here ("error during close"); the exit code makes it fail the run.
      process.exitCode = 1;
      throw new Error(problems.join('\n'));
    }
  };
}

/**
 * Prints the slowest test files at the end of a whole run (CI keeps `npm test` under 20 minutes on
 * 2 cores: these are the files to look at first when it creeps up). Quiet for a run of a few files.
 */
import type { Reporter, TestModule } from 'vitest/node';

/** Files listed, and the fewest files a run must have for the list to be worth printing. */
const SLOWEST_SHOWN = 12;
const WHOLE_RUN_FILES = 30;

export default class SlowestFilesReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (testModules.length < WHOLE_RUN_FILES) return;
    const timed = testModules.map((module) => {
      const diagnostic = module.diagnostic();
      return { file: module.relativeModuleId, ms: diagnostic.duration + diagnostic.setupDuration + diagnostic.collectDuration };
    });
    timed.sort((a, b) => b.ms - a.ms);
    const total = timed.reduce((sum, t) => sum + t.ms, 0);
    const lines = timed.slice(0, SLOWEST_SHOWN).map((t) => `  ${(t.ms / 1000).toFixed(1).padStart(6)} s  ${t.file}`);
    console.log(`\nSlowest test files (of ${testModules.length}, ${(total / 1000).toFixed(0)} s in all across workers):\n${lines.join('\n')}\n`);
  }
}

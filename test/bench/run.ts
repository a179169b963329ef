/**
 * `npm run bench`: runs every benchmark module, prints a table and writes bench-results.json
 * (a list of { name, value, unit, target, pass }). Exits 1 when any target is missed or a module
 * fails, 2 on a bad command line (runner.ts).
 * Modules: the machine's speed right now (to compare runs), core use cases, the streaming CSV import, the UI in Chromium (grid, orders, scan feedback), the hub, the bench's
 * sync engine, and the core as a service (worker hop, change-stream latency, relay ping while busy);
 * `npm run bench -- core hub` runs only the named ones, `--quick` runs smaller sizes for development
 * (figures marked "(quick)"), `--out <file>` writes the results elsewhere.
 */
import { runCoreBenchmarks } from './core-bench.js';
import { runFaultBenchmarks } from './faults-bench.js';
import { failOnLeftovers, markRun } from '../leaks/run-marker.js';
import { runHubBenchmarks } from './hub-bench.js';
import { runImportBenchmarks } from './import-bench.js';
import { runMachineBenchmarks } from './machine-bench.js';
import { benchCli, exitWith, type BenchModule } from './runner.js';
import { runSyncBenchmarks } from './sync-bench.js';
import { runTraceBenchmarks } from './trace-bench.js';
import { runGridBenchmarks } from './ui-grid-bench.js';
import { runOrdersBenchmarks } from './ui-orders-bench.js';
import { runScanBenchmarks } from './ui-scan-bench.js';
import { runServiceBenchmarks } from './service-bench.js';

export const BENCH_MODULES: ReadonlyArray<readonly [string, BenchModule]> = [
  ['machine', runMachineBenchmarks],
  ['core', runCoreBenchmarks],
  ['import', runImportBenchmarks],
  ['grid', runGridBenchmarks],
  ['orders', runOrdersBenchmarks],
  ['scan', runScanBenchmarks],
  ['hub', runHubBenchmarks],
  ['sync', runSyncBenchmarks],
  ['faults', runFaultBenchmarks],
  ['trace', runTraceBenchmarks],
  ['service', runServiceBenchmarks],
];

const runId = markRun(); // every process a benchmark starts carries it: none may outlive the run
exitWith(benchCli(process.argv.slice(2), BENCH_MODULES).then((code) => failOnLeftovers(runId, 'the benchmarks', code)));

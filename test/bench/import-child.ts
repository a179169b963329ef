/**
 * The importing process of the import benchmark: opens a bench file, imports the CSV files named on
 * the command line through the streaming use case (as the CLI does), and prints one JSON line with
 * the time, its own peak RSS and the summary. Run by import-bench.ts, never on its own.
 */
import { performance } from 'node:perf_hooks';
import { openBenchParts } from '../../electron/core/bench-parts.js';

const [file, ...csvFiles] = process.argv.slice(2);
if (!file || !csvFiles.length) throw new Error('usage: import-child.ts <bench.db> <file.csv…>');
// The streaming file import is the core's own (the CLI's path): bench-parts.
const parts = openBenchParts({ file });
const started = performance.now();
let readMs = 0;
const summary = await parts.importCsvFiles(csvFiles, {
  onProgress: (p) => {
    if (p.state === 'applying' && !readMs) readMs = performance.now() - started;
  },
});
const ms = performance.now() - started;
parts.core.close();
const usage = process.resourceUsage();
// CPU time (user + system, start-up included) says what the import costs whatever else the machine runs.
console.log(JSON.stringify({ ms, readMs, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, peakRssMb: usage.maxRSS / 1024, summary }));

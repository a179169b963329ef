/**
 * The importing process of the import benchmark: opens a bench file as the app's core worker does
 * (core-runtime.ts: change tracker, background checkpoints, the change stream), starts an import of
 * the CSV files named on the command line as the Electron menu's Import… does (startFileImport: a job
 * with progress events), waits for it to end, and prints one JSON line with the time, its own peak RSS
 * and the summary. Run by import-bench.ts, never on its own.
 */
import { performance } from 'node:perf_hooks';
import type { ImportProgress } from '../../shared/contract/api.js';
import { openCoreRuntime } from '../../electron/core/service/core-runtime.js';

const [file, ...csvFiles] = process.argv.slice(2);
if (!file || !csvFiles.length) throw new Error('usage: import-child.ts <bench.db> <file.csv…>');
let started = 0;
let readMs = 0;
let ended: (progress: ImportProgress) => void = () => {};
const end = new Promise<ImportProgress>((resolve) => (ended = resolve));
const runtime = await openCoreRuntime(
  { file },
  {
    emit(event) {
      if (event.kind !== 'import') return;
      const { progress } = event;
      if (progress.state === 'applying' && !readMs) readMs = performance.now() - started;
      if (progress.state !== 'reading' && progress.state !== 'applying') ended(progress);
    },
    log: (message, error) => console.error(message, error),
    askRelay: () => Promise.reject(new Error('No key store in the import benchmark.')),
  },
);
started = performance.now();
const first = await runtime.startFileImport(csvFiles);
if (!first.ok) throw new Error(first.error.message);
const last = await end;
const ms = performance.now() - started;
if (last.state !== 'done' || !last.summary) throw new Error(`the import ended ${last.state}: ${last.error?.message ?? ''}`);
// What the import committed goes on the change stream and the WAL back into the file (the checkpoint
// thread): both are the import's cost too, so close (which waits for them) before reading the CPU time.
await new Promise(setImmediate);
await runtime.close();
const usage = process.resourceUsage();
// CPU time (user + system, start-up included, every thread) says what the import costs whatever else the machine runs.
console.log(JSON.stringify({ ms, readMs, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, peakRssMb: usage.maxRSS / 1024, summary: last.summary }));

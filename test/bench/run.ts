/**
 * `npm run bench`: runs every benchmark module, prints a table and writes bench-results.json
 * (a list of { name, value, unit, target, pass }). Exits non-zero when a target is missed.
 * Modules: core use cases, the UI in Chromium (grid, orders, scan feedback), the hub, and the bench's sync engine;
 * `npm run bench -- core hub` runs only the named ones.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCoreBenchmarks } from './core-bench.js';
import type { BenchFigure } from './figures.js';
import { runHubBenchmarks } from './hub-bench.js';
import { runSyncBenchmarks } from './sync-bench.js';
import { runGridBenchmarks } from './ui-grid-bench.js';
import { runOrdersBenchmarks } from './ui-orders-bench.js';
import { runScanBenchmarks } from './ui-scan-bench.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

const MODULES: Array<[string, () => Promise<BenchFigure[]>]> = [
  ['core', runCoreBenchmarks],
  ['grid', runGridBenchmarks],
  ['orders', runOrdersBenchmarks],
  ['scan', runScanBenchmarks],
  ['hub', runHubBenchmarks],
  ['sync', runSyncBenchmarks],
];

function printTable(figures: BenchFigure[]): void {
  const rows = figures.map((f) => [
    f.name,
    `${f.value} ${f.unit}`,
    f.target === null ? '' : `≤ ${f.target} ${f.unit}`,
    f.pass === null ? '' : f.pass ? 'pass' : 'FAIL',
  ]);
  const header = ['benchmark', 'value', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<number> {
  const only = process.argv.slice(2);
  const figures: BenchFigure[] = [];
  for (const [name, run] of MODULES) {
    if (only.length && !only.includes(name)) continue;
    const started = Date.now();
    console.error(`running ${name} benchmarks…`);
    try {
      figures.push(...(await run()));
      console.error(`${name} benchmarks done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    } catch (error) {
      // One broken module must not hide the others' figures; it shows as a failed entry.
      console.error(`${name} benchmarks failed:`, error);
      const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 200);
      figures.push({ name: `${name} benchmarks did not complete: ${reason}`, value: 0, unit: '', target: null, pass: false });
    }
  }
  printTable(figures);
  const file = join(REPO, 'bench-results.json');
  writeFileSync(file, JSON.stringify(figures.map(({ name, value, unit, target, pass }) => ({ name, value, unit, target, pass })), null, 2) + '\n');
  console.log(`\nwrote ${file}`);
  return figures.some((f) => f.pass === false) ? 1 : 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error) => {
    console.error(error);
    process.exitCode = 1;
  },
);

/**
 * Streaming CSV import benchmarks (`npm run bench -- import`): each import runs in its own child
 * process (import-child.ts: the streaming import use case the core's thread runs for the screens, the
 * menu and the CLI) so the peak RSS measured is the importer's own.
 *  (a) a 1,000,000-row identifiers file (with its 1,000 products): time ≤ 20 s, peak RSS ≤ 300 MB;
 *  (b) a 200 MB identifiers file: peak RSS ≤ 300 MB.
 * The machine's load average is printed with the figures (it is shared). Quick runs use a tenth.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ImportSummary } from '../../shared/contract/api.js';
import { writeLargeCatalogue } from '../support/large-csv.js';
import { count, figure, type BenchFigure, type BenchOptions } from './figures.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

interface ChildReport {
  ms: number;
  readMs: number;
  cpuMs: number;
  peakRssMb: number;
  summary: ImportSummary;
}

async function importInChild(dir: string, files: string[]): Promise<ChildReport> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', 'test/bench/import-child.ts', join(dir, 'bench.db'), ...files], {
    cwd: REPO,
    maxBuffer: 1 << 20,
    timeout: 30 * 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').pop()!) as ChildReport;
}

const load = () => loadavg()[0]!.toFixed(1);

/** A run that fails (e.g. the child times out on a loaded machine) is a failed row; the other run still reports. */
async function measured(name: string, run: () => Promise<BenchFigure[]>): Promise<BenchFigure[]> {
  try {
    return await run();
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.slice(0, 120);
    return [{ name: `${name} did not complete (load ${load()}): ${reason}`, value: 0, unit: '', target: null, pass: false }];
  }
}

export async function runImportBenchmarks(options: BenchOptions): Promise<BenchFigure[]> {
  const rows = options.quick ? 100_000 : 1_000_000;
  const bigFileMb = options.quick ? 20 : 200;
  const figures: BenchFigure[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'bench-import-'));
  try {
    figures.push(
      ...(await measured(`import ${count(rows)}-row CSV`, async () => {
        const rowsDir = mkdtempSync(join(dir, 'rows-'));
        const files = await writeLargeCatalogue(rowsDir, rows);
        const loadBefore = load();
        const report = await importInChild(rowsDir, [files.products, files.identifiers]);
        rmSync(rowsDir, { recursive: true, force: true });
        if (report.summary.files[1]?.added !== rows) throw new Error(`the ${count(rows)}-row import did not add every identifier`);
        const label = `import ${count(rows)}-row CSV (load ${loadBefore}→${load()})`;
        return [
          figure(`${label}: time`, report.ms / 1000, 's', 20),
          figure(`${label}: reading and checking`, report.readMs / 1000, 's'),
          figure(`${label}: CPU time of the importing process`, report.cpuMs / 1000, 's'),
          figure(`${label}: peak RSS of the importing process`, report.peakRssMb, 'MB', 300),
        ];
      })),
    );
    figures.push(
      ...(await measured(`import ${bigFileMb} MB CSV`, async () => {
        // About 200 bytes a row: the file is large without needing more rows.
        const bigDir = mkdtempSync(join(dir, 'big-'));
        const bigRows = Math.round((bigFileMb * 1024 * 1024) / 200);
        const big = await writeLargeCatalogue(bigDir, bigRows, 1_000, 180);
        const sizeMb = (statSync(big.identifiers).size + statSync(big.products).size) / (1024 * 1024);
        const loadBig = load();
        const report = await importInChild(bigDir, [big.products, big.identifiers]);
        if (report.summary.files[1]?.added !== bigRows) throw new Error(`the ${sizeMb.toFixed(0)} MB import did not add every identifier`);
        const label = `import ${sizeMb.toFixed(0)} MB CSV, ${count(bigRows)} rows (load ${loadBig}→${load()})`;
        return [
          figure(`${label}: peak RSS of the importing process`, report.peakRssMb, 'MB', 300),
          figure(`${label}: time`, report.ms / 1000, 's'),
          figure(`${label}: CPU time of the importing process`, report.cpuMs / 1000, 's'),
        ];
      })),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}

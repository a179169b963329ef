/**
 * Scripted set-up: `npm run cli -- import <files…>` and `npm run cli -- demo`, on the bench's data
 * file (BENCH_DATA_DIR). Files are read as streams (any size, strict UTF-8); progress shows on a terminal and
 * Ctrl-C cancels. Prints what changed, or every bad line; exits non-zero on refusal.
 */
import { accessSync, constants } from 'node:fs';
import type { ImportSummary } from '../../shared/contract/api.js';
import type { ImportCounts } from '../../shared/contract/import-schemas.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import { BenchError, type Result } from '../../shared/contract/result.js';
import { openBenchParts } from './bench-parts.js';
import { benchDataDir, benchDatabaseFile } from './paths.js';

const USAGE = 'Usage: npm run cli -- import <products.csv|identifiers.csv|orders.csv …>\n       npm run cli -- demo';

function report(result: Result<unknown>): number {
  if (!result.ok) {
    console.error(result.error.message);
    for (const issue of result.error.issues) console.error(`  ${issue.where}: ${issue.message}`);
    return 1;
  }
  for (const f of (result.value as ImportSummary).files) {
    console.log(`${f.name} (${f.kind}): ${f.rows} rows, ${f.added} added, ${f.updated} updated, ${f.unchanged} unchanged`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...paths] = argv;
  if (command !== 'import' && command !== 'demo') {
    console.error(USAGE);
    return 2;
  }
  const dataDir = benchDataDir();
  if (command === 'import') {
    if (!paths.length) {
      console.error(USAGE);
      return 2;
    }
    try {
      for (const path of paths) accessSync(path, constants.R_OK);
    } catch (error) {
      console.error(`Cannot read ${(error as { path?: string }).path ?? 'a file'}: ${(error as Error).message}`);
      return 1;
    }
  }
  // Who did it is "cli" (the audit log's actor); the bench keeps the name it has.
  const bench = openBenchParts({ file: benchDatabaseFile(dataDir), actor: 'cli' });
  // Ctrl-C stops an import: nothing is imported.
  const cancel = new AbortController();
  const onInterrupt = () => cancel.abort();
  process.once('SIGINT', onInterrupt);
  try {
    const log = (message: string, error: unknown) => console.error(message, error);
    const result = command === 'demo'
      ? invokeBenchMethod(bench.core, 'loadDemoData', {}, log)
      : await asResult(bench.importCsvFiles(paths, { signal: cancel.signal, onProgress: process.stderr.isTTY ? showProgress : undefined }), log);
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
    const code = report(result);
    if (code === 0) console.log(`Data folder: ${dataDir}`);
    return code;
  } finally {
    process.off('SIGINT', onInterrupt);
    bench.core.close();
  }
}

/** The import as a Result, as the transports answer it (refusals typed, anything else logged). */
async function asResult(work: Promise<ImportSummary>, log: (message: string, error: unknown) => void): Promise<Result<ImportSummary>> {
  try {
    return { ok: true, value: await work };
  } catch (error) {
    if (error instanceof BenchError) return { ok: false, error: error.toData() };
    log('import failed', error);
    return { ok: false, error: { code: 'internal', message: 'The import hit an unexpected error; nothing was imported.', issues: [] } };
  }
}

function showProgress(p: ImportCounts): void {
  const percent = p.state === 'reading'
    ? `${Math.floor((100 * p.bytesRead) / Math.max(1, p.bytesTotal))}% read, ${p.rowsRead.toLocaleString('en')} rows`
    : `applying ${p.rowsApplied.toLocaleString('en')} of ${p.rowsTotal.toLocaleString('en')} rows`;
  process.stderr.write(`\r\x1b[K${percent} (Ctrl-C cancels)`);
}

process.exitCode = await main(process.argv.slice(2));

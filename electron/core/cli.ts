/**
 * Scripted set-up: `npm run cli -- import <files…>` and `npm run cli -- demo`, on the bench's data
 * file (BENCH_DATA_DIR). Prints what changed, or every bad line; exits non-zero on refusal.
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import type { ImportSummary } from '../../shared/contract/api.js';
import { invokeBenchMethod } from '../../shared/contract/invoke.js';
import type { Result } from '../../shared/contract/result.js';
import { openBenchCore } from './bench-core.js';
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

function main(argv: string[]): number {
  const [command, ...paths] = argv;
  if (command !== 'import' && command !== 'demo') {
    console.error(USAGE);
    return 2;
  }
  const dataDir = benchDataDir();
  let files: Array<{ name: string; content: string }> = [];
  if (command === 'import') {
    if (!paths.length) {
      console.error(USAGE);
      return 2;
    }
    try {
      files = paths.map((path) => ({ name: basename(path), content: readFileSync(path, 'utf8') }));
    } catch (error) {
      console.error(`Cannot read ${(error as { path?: string }).path ?? 'a file'}: ${(error as Error).message}`);
      return 1;
    }
  }
  const core = openBenchCore({ file: benchDatabaseFile(dataDir), stationName: 'cli' });
  try {
    const log = (message: string, error: unknown) => console.error(message, error);
    const result = command === 'demo'
      ? invokeBenchMethod(core.handlers, 'loadDemoData', {}, log)
      : invokeBenchMethod(core.handlers, 'importCsv', { files }, log);
    const code = report(result);
    if (code === 0) console.log(`Data folder: ${dataDir}`);
    return code;
  } finally {
    core.close();
  }
}

process.exitCode = main(process.argv.slice(2));

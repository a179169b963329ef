/**
 * Scripted set-up: `npm run cli -- import [--progress] <files…>` and `npm run cli -- demo`, on the
 * bench's data file (BENCH_DATA_DIR). Prints what changed, or every bad line; exits non-zero on refusal.
 *
 * Like the screens, the CLI only relays: the core runs in its worker thread (core-service.ts), which
 * streams the files (any size, strict UTF-8). So this thread stays free while the rows are saved, and
 * Ctrl-C cancels at any point before the final COMMIT (the cancel lane reaches the busy core), not only
 * while the files are read (cli-follow-import.ts). Exit codes: 0 done, 1 refused, 2 usage, 130 cancelled.
 */
import { accessSync, constants } from 'node:fs';
import type { ImportProgress, ImportSummary } from '../../shared/contract/api.js';
import type { Result } from '../../shared/contract/result.js';
import { CTRL_C_EXIT, followImport, watchCtrlC, type CtrlC } from './cli-follow-import.js';
import { benchDataDir, benchDatabaseFile } from './paths.js';
import { startCoreService, type BenchCoreService } from './service/core-service.js';
import { sourceWorker } from './service/worker-source.js';

const USAGE = 'Usage: npm run cli -- import [--progress] <products.csv|identifiers.csv|orders.csv …>\n       npm run cli -- demo';
const OPTIONS = new Set(['--progress']);

const REFUSED = 1;
const USAGE_ERROR = 2;

function report(result: Result<ImportSummary>): number {
  if (!result.ok) {
    console.error(result.error.message);
    for (const issue of result.error.issues) console.error(`  ${issue.where}: ${issue.message}`);
    return result.error.code === 'cancelled' ? CTRL_C_EXIT : REFUSED;
  }
  for (const f of result.value.files) {
    console.log(`${f.name} (${f.kind}): ${f.rows} rows, ${f.added} added, ${f.updated} updated, ${f.unchanged} unchanged`);
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const progressLines = rest.includes('--progress');
  const paths = rest.filter((arg) => !OPTIONS.has(arg));
  const unknownOption = paths.find((arg) => arg.startsWith('--'));
  if (unknownOption) {
    console.error(`Unknown option ${unknownOption}.\n${USAGE}`);
    return USAGE_ERROR;
  }
  if ((command !== 'import' && command !== 'demo') || (command === 'demo' && rest.length)) {
    console.error(USAGE);
    return USAGE_ERROR;
  }
  const dataDir = benchDataDir();
  if (command === 'import') {
    if (!paths.length) {
      console.error(USAGE);
      return USAGE_ERROR;
    }
    try {
      for (const path of paths) accessSync(path, constants.R_OK);
    } catch (error) {
      console.error(`Cannot read ${(error as { path?: string }).path ?? 'a file'}: ${(error as Error).message}`);
      return REFUSED;
    }
  }
  const ctrlC = watchCtrlC();
  try {
    return await run(command, paths, dataDir, progressLines, ctrlC);
  } finally {
    ctrlC.dispose();
  }
}

async function run(command: 'import' | 'demo', paths: string[], dataDir: string, progressLines: boolean, ctrlC: CtrlC): Promise<number> {
  let service: BenchCoreService;
  try {
    // Who did it is "cli" (the audit log's actor); the bench keeps the name it has.
    service = await startCoreService({
      worker: sourceWorker(),
      config: { file: benchDatabaseFile(dataDir), actor: 'cli' },
      log: (message, error) => console.error(message, error ?? ''),
    });
  } catch (error) {
    console.error(`The bench database could not be opened: ${(error as Error).message}`);
    return REFUSED;
  }
  try {
    if (command === 'demo') return finish(await service.api.loadDemoData({}), dataDir);
    const { result, interrupted } = await followImport(service, paths, progressWriter(progressLines), ctrlC);
    if (interrupted && result.ok) console.error('Ctrl-C came after the rows were saved: the import went through.');
    return finish(result, dataDir);
  } finally {
    await service.close();
  }
}

function finish(result: Result<ImportSummary>, dataDir: string): number {
  const code = report(result);
  if (code === 0) console.log(`Data folder: ${dataDir}`);
  return code;
}

/** On a terminal, one line redrawn in place; with --progress, a line when a step starts and at each tenth of it. */
function progressWriter(lines: boolean): ((progress: ImportProgress | null) => void) | undefined {
  if (lines) {
    let last = '';
    return (p) => {
      if (!p) return;
      const step = p.state === 'reading' ? `reading ${p.fileName}` : p.state;
      const tenth = p.state === 'reading' ? tenthOf(p.bytesRead, p.bytesTotal) : tenthOf(p.rowsApplied, p.rowsTotal);
      if (`${step} ${tenth}` === last) return;
      last = `${step} ${tenth}`;
      process.stderr.write(`${describe(p)}\n`);
    };
  }
  if (!process.stderr.isTTY) return undefined;
  return (p) => process.stderr.write(p ? `\r\x1b[K${describe(p)} (Ctrl-C cancels)` : '\r\x1b[K');
}

const tenthOf = (done: number, total: number) => Math.floor((10 * done) / Math.max(1, total));

function describe(p: ImportProgress): string {
  if (p.state === 'reading') {
    return `${p.fileName}: ${Math.floor((100 * p.bytesRead) / Math.max(1, p.bytesTotal))}% read, ${p.rowsRead.toLocaleString('en')} rows`;
  }
  return `applying ${p.rowsApplied.toLocaleString('en')} of ${p.rowsTotal.toLocaleString('en')} rows`;
}

process.exitCode = await main(process.argv.slice(2));

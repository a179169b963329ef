/**
 * Scripted set-up: `npm run cli -- import [--progress] <files…>` and `npm run cli -- demo`, on the
 * bench's data file (BENCH_DATA_DIR). Prints what changed, or every bad line; exits non-zero on refusal.
 * Relative paths (the files, BENCH_DATA_DIR) are the user's: npm runs the script in the project root,
 * so they are resolved against INIT_CWD, the folder npm was run from (userFolder), and named in full.
 *
 * Like the screens, the CLI only relays: the core runs in its worker thread (core-service.ts), which
 * streams the files (any size, strict UTF-8). So this thread stays free while the rows are saved, and
 * Ctrl-C cancels at any point before the final COMMIT (the cancel lane reaches the busy core), not only
 * while the files are read (cli-follow-import.ts). Exit codes: 0 done, 1 refused, 2 usage, 130 cancelled.
 */
import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ImportProgress, ImportSummary } from '../../shared/contract/api.js';
import { importSizeIsKnown, megabytesText } from '../../shared/contract/import-schemas.js';
import type { Result } from '../../shared/contract/result.js';
import { counted, withThousands } from '../../shared/domain/counted.js';
import { heldNoRowsText, importedFileLine } from '../../shared/domain/import-counts.js';
import { nearestName } from '../../shared/sync/nearest-name.js';
import { CTRL_C_EXIT, followImport, watchCtrlC, type CtrlC } from './cli-follow-import.js';
import { benchDataDir, benchDatabaseFile } from './paths.js';
import { startCoreService, type BenchCoreService } from './service/core-service.js';
import { sourceWorker } from './service/worker-source.js';

const USAGE = 'Usage: npm run cli -- import [--progress] <products.csv|identifiers.csv|orders.csv …>\n       npm run cli -- demo';
const COMMANDS = ['import', 'demo'] as const;
const OPTIONS = new Set(['--progress']);
const HELP_OPTIONS = new Set(['--help', '-h']);

const REFUSED = 1;
const USAGE_ERROR = 2;

/**
 * The folder the user ran the CLI from: `npm run cli` runs it in the project root and names the folder
 * it was run from INIT_CWD; run any other way, the working folder (a CLI started by another npm script
 * inherits that script's INIT_CWD, which is not where its paths were written).
 */
function userFolder(env: NodeJS.ProcessEnv = process.env): string {
  return resolve(env.npm_lifecycle_event === 'cli' && env.INIT_CWD ? env.INIT_CWD : process.cwd());
}

/**
 * `text` ("o.csv line 2", "o.csv has an unknown header; …") with the file it starts with named by its
 * full path: the core names a file by its base name (by its path when two share one). The longest name
 * that fits wins ("my orders.csv line 2" is not a file "my").
 */
function inFull(text: string, paths: readonly string[]): string {
  let best: { name: string; path: string } | undefined;
  for (const path of paths) {
    for (const name of [path, basename(path)]) {
      if ((text === name || text.startsWith(`${name} `)) && name.length > (best?.name.length ?? 0)) best = { name, path };
    }
  }
  return best ? best.path + text.slice(best.name.length) : text;
}

function report(result: Result<ImportSummary>, paths: readonly string[]): number {
  if (!result.ok) {
    console.error(inFull(result.error.message, paths));
    for (const issue of result.error.issues) console.error(`  ${inFull(issue.where, paths)}: ${issue.message}`);
    return result.error.code === 'cancelled' ? CTRL_C_EXIT : REFUSED;
  }
  for (const f of result.value.files) {
    const name = inFull(f.name, paths);
    console.log(importedFileLine(name, f));
    if (f.rows === 0) console.log(heldNoRowsText(name));
  }
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const usageError = (problem: string) => {
    console.error(`${problem}\n${USAGE}`);
    return USAGE_ERROR;
  };
  if (command === undefined) return usageError(`Name a command: ${COMMANDS.join(' or ')}.`);
  if (!isCommand(command)) return usageError(`${unknownName(`command "${command}"`, command, COMMANDS)} The commands are ${COMMANDS.join(' and ')}.`);
  // `import --help` asks for the usage, as `--help` alone does; it was refused as an unknown option.
  if (rest.some((arg) => HELP_OPTIONS.has(arg))) {
    console.log(USAGE);
    return 0;
  }
  const progressLines = rest.includes('--progress');
  const args = rest.filter((arg) => !OPTIONS.has(arg));
  // "-p" too: read as a file name it would be "Cannot read -p" (a file really named so: ./-p).
  const unknownOption = args.find((arg) => arg.startsWith('-') && arg !== '-');
  if (unknownOption) return usageError(unknownName(`option ${unknownOption}`, unknownOption, OPTIONS));
  if (command === 'demo' && rest.length) return usageError(`demo takes no files or options (got ${rest.map((arg) => `"${arg}"`).join(', ')}).`);
  const here = userFolder();
  const paths = args.map((arg) => resolve(here, arg));
  const dataDir = resolve(here, benchDataDir());
  if (command === 'import') {
    if (!paths.length) return usageError('Name the CSV files to import (products, identifiers or orders).');
    // An empty name (a script's unset "$FILE") resolves to the folder it was run from, which was then
    // refused as "<that folder> is a folder", with a hint to import the CSV files in it.
    const empty = args.findIndex((arg) => arg.trim() === '');
    if (empty >= 0) return usageError(`File name ${empty + 1} of ${args.length} is empty (an unset variable?); name each CSV file. Nothing was imported.`);
    const twice = namedTwice(paths);
    if (twice) {
      // Else every row of it is refused as "listed twice (also <the same line>)", which hides the cause.
      console.error(`${twice}; name each file once. Nothing was imported.\n${USAGE}`);
      return USAGE_ERROR;
    }
    const problem = unreadable(paths);
    if (problem) {
      console.error(problem);
      return REFUSED;
    }
  }
  const folderProblem = dataDirProblem(dataDir);
  if (folderProblem) {
    console.error(folderProblem);
    return REFUSED;
  }
  const ctrlC = watchCtrlC();
  try {
    return await run(command, paths, dataDir, progressLines, ctrlC);
  } finally {
    ctrlC.dispose();
  }
}

const isCommand = (name: string): name is (typeof COMMANDS)[number] => (COMMANDS as readonly string[]).includes(name);

/** 'Unknown command "imprt"; did you mean "import"?' for a typo of one of `names`, else 'Unknown command "x".' */
function unknownName(what: string, typed: string, names: Iterable<string>): string {
  const nearest = nearestName(typed, names);
  return nearest === undefined ? `Unknown ${what}.` : `Unknown ${what}; did you mean "${nearest}"?`;
}

/** What stops a file being read, in words (Node's own text names the system call). */
function readProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'ENOENT') return 'there is no such file';
  if (code === 'EACCES' || code === 'EPERM') return 'this user may not read it';
  if (code === 'ENOTDIR') return 'a folder on its path is a file';
  if (code === 'ELOOP') return 'its links lead round in a loop';
  return (error as Error).message;
}

/** Why a named file cannot be imported, found before the bench file is opened (nothing is touched), or null. */
function unreadable(paths: string[]): string | null {
  for (const path of paths) {
    try {
      // A folder passes the read check, and the core would then say it was "moved, deleted or locked".
      if (statSync(path).isDirectory()) return `${path} is a folder, not a CSV file: name the files in it (e.g. ${join(path, '*.csv')}). Nothing was imported.`;
      accessSync(path, constants.R_OK);
    } catch (error) {
      return `Cannot read ${path}: ${readProblem(error)}. Nothing was imported.`;
    }
  }
  return null;
}

/**
 * Why the data folder cannot hold the bench file, found before the core opens it, or null (a folder
 * not there yet is made then). Else the core's error was Node's "EEXIST: file already exists, mkdir …",
 * naming neither BENCH_DATA_DIR nor what to do.
 */
function dataDirProblem(dataDir: string): string | null {
  try {
    if (statSync(dataDir).isDirectory()) return null;
    return `The data folder ${dataDir} is a file, not a folder: set BENCH_DATA_DIR to a folder (it is made if missing). Nothing was changed.`;
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT') return null;
    return `Cannot use the data folder ${dataDir}: ${readProblem(error)}; set BENCH_DATA_DIR to another folder. Nothing was changed.`;
  }
}

/**
 * The first file named twice, however spelt (a glob beside the file's own name, a link to it), in
 * words, or null. Paths are resolved already; they are compared as the files they lead to (a link and
 * its file differ as paths). One that cannot be followed is compared as named (unreadable() says why).
 */
function namedTwice(paths: string[]): string | null {
  const seen = new Map<string, string>();
  for (const path of paths) {
    const file = realPath(path);
    const earlier = seen.get(file);
    if (earlier === path) return `${path} is named twice`;
    if (earlier !== undefined) return `${earlier} is named twice (also as ${path})`;
    seen.set(file, path);
  }
  return null;
}

function realPath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/** The bench database path taken by a folder: said naming it, before the core's "unable to open database file". */
function databaseFolderProblem(file: string): string | null {
  try {
    if (!statSync(file).isDirectory()) return null;
  } catch {
    return null; // not there yet: the core makes it
  }
  return `The bench database ${file} is a folder, not a file: move it away or set BENCH_DATA_DIR to another folder. Nothing was changed.`;
}

/** Why the core could not open the bench database, naming the file (the core's own words name none). */
function databaseOpenProblem(file: string, error: unknown): string {
  const message = (error as Error).message;
  if (/file is not a database/i.test(message)) return `The bench database ${file} could not be opened: it is not a bench database file (${message}). Nothing was changed.`;
  return `The bench database ${file} could not be opened: ${message}`;
}

async function run(command: 'import' | 'demo', paths: string[], dataDir: string, progressLines: boolean, ctrlC: CtrlC): Promise<number> {
  const file = benchDatabaseFile(dataDir);
  const folder = databaseFolderProblem(file);
  if (folder) {
    console.error(folder);
    return REFUSED;
  }
  let service: BenchCoreService;
  try {
    // Who did it is "cli" (the audit log's actor); the bench keeps the name it has.
    service = await startCoreService({
      worker: sourceWorker(),
      config: { file, actor: 'cli' },
      log: (message, error) => console.error(message, error ?? ''),
    });
  } catch (error) {
    console.error(databaseOpenProblem(file, error));
    return REFUSED;
  }
  try {
    if (command === 'demo') return finish(await service.api.loadDemoData({}), [], dataDir);
    const { result, interrupted } = await followImport(service, paths, progressWriter(progressLines), ctrlC);
    if (interrupted && result.ok) console.error('Ctrl-C came after the rows were saved: the import went through.');
    return finish(result, paths, dataDir);
  } finally {
    await service.close();
  }
}

function finish(result: Result<ImportSummary>, paths: readonly string[], dataDir: string): number {
  const code = report(result, paths);
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
      const tenth = p.state !== 'reading' ? tenthOf(p.rowsApplied, p.rowsTotal) : importSizeIsKnown(p) ? tenthOf(p.bytesRead, p.bytesTotal) : Math.floor(p.rowsRead / ROWS_PER_LINE_UNSIZED);
      if (`${step} ${tenth}` === last) return;
      last = `${step} ${tenth}`;
      process.stderr.write(`${describe(p)}\n`);
    };
  }
  if (!process.stderr.isTTY) return undefined;
  return (p) => process.stderr.write(p ? `\r\x1b[K${describe(p)} (Ctrl-C cancels)` : '\r\x1b[K');
}

const tenthOf = (done: number, total: number) => Math.floor((10 * done) / Math.max(1, total));
/** A pipe has no tenths: a line each this many rows read. */
const ROWS_PER_LINE_UNSIZED = 100_000;

function describe(p: ImportProgress): string {
  if (p.state === 'reading') {
    const read = importSizeIsKnown(p) ? `${Math.floor((100 * p.bytesRead) / p.bytesTotal)}% read` : `${megabytesText(p.bytesRead)} MB read`;
    // With several files the rows count every file so far, not only the one named.
    const several = p.fileCount > 1;
    const which = several && p.fileNumber !== null ? ` (file ${p.fileNumber} of ${p.fileCount})` : '';
    return `${p.fileName}${which}: ${read}, ${counted(p.rowsRead, 'row', 'rows')}${several ? ' so far in all files' : ''}`;
  }
  return `applying ${withThousands(p.rowsApplied)} of ${counted(p.rowsTotal, 'row', 'rows')}`;
}

process.exitCode = await main(process.argv.slice(2));

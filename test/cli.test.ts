/**
 * The command-line entry for scripted set-up: `npm run cli -- demo` and `npm run cli -- import …`,
 * on the bench file in BENCH_DATA_DIR. Exit codes, messages naming file and line, nothing imported
 * on error.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { benchDatabaseFile } from '../electron/core/paths.js';
import { CANCELLING, STOPPED_AT_ONCE } from '../electron/core/cli-follow-import.js';
import { IMPORT_CANCELLED } from '../shared/contract/import-schemas.js';
import { withThousands } from '../shared/domain/counted.js';
import { csv, HEADERS, openTestBench, snapshotDb, tempDir } from './core/helpers.js';
import { writeLargeCatalogue } from './support/large-csv.js';
import { readStore } from './support/store.js';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** `npm run cli -- <args>` is `node --import tsx electron/core/cli.ts <args>`: run straight through node
 * (npm's own start cost about 1.5 s a command here); the tests below that go through npm prove the script. */
function cli(dataDir: string, ...args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli.ts', ...args], {
    cwd: REPO,
    env: { ...process.env, BENCH_DATA_DIR: dataDir, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Process groups the tests started; killed after each test, should one have failed midway. */
const groups: number[] = [];
afterEach(() => {
  for (const pid of groups.splice(0)) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * The CLI in a process group of its own, as a terminal runs it: `interrupt()` is Ctrl-C, SIGINT to the
 * whole group (under npm, npm and node each get it, and npm passes it on). `stderrShows(pattern)`
 * waits until stderr matches.
 */
function cliInTerminal(how: 'npm' | 'node', dataDir: string, ...args: string[]) {
  const [command, ...prefix] = how === 'npm' ? ['npm', 'run', '--silent', 'cli', '--'] : [process.execPath, '--import', 'tsx', 'electron/core/cli.ts'];
  const child = spawn(command!, [...prefix, ...args], {
    cwd: REPO,
    env: { ...process.env, BENCH_DATA_DIR: dataDir, NO_COLOR: '1' },
    detached: true,
  });
  groups.push(child.pid!);
  let stdout = '';
  let stderr = '';
  const watchers: Array<() => void> = [];
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    for (const watch of [...watchers]) watch();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return {
    interrupt: () => process.kill(-child.pid!, 'SIGINT'),
    stderrShows: (pattern: RegExp) =>
      new Promise<void>((resolve, reject) => {
        const watch = () => {
          if (!pattern.test(stderr)) return;
          watchers.splice(watchers.indexOf(watch), 1);
          resolve();
        };
        watchers.push(watch);
        void exited.then(() => reject(new Error(`the CLI ended before stderr showed ${pattern}:\n${stderr}`)));
        watch();
      }),
    done: async () => ({ ...(await exited), stdout, stderr }),
  };
}

function snapshotOf(dataDir: string) {
  return readStore(benchDatabaseFile(dataDir), snapshotDb);
}

describe('npm run cli', () => {
  it('demo loads the demo data into BENCH_DATA_DIR/bench.db; a second run changes nothing', () => {
    const dataDir = join(tempDir('bench-cli-'), 'nested', 'data');
    const first = cli(dataDir, 'demo');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/products\.csv \(products\): \d+ rows, \d+ products added/);
    expect(first.stdout).toContain(`Data folder: ${dataDir}`);
    expect(existsSync(benchDatabaseFile(dataDir))).toBe(true);
    const before = snapshotOf(dataDir);
    expect(before.products!.rows).toBeGreaterThan(0);
    expect(before.orders!.rows).toBeGreaterThan(0);
    const second = cli(dataDir, 'demo');
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/0 products added, 0 products updated/);
    expect(snapshotOf(dataDir)).toEqual(before);
  });

  it('imports good files, and refuses bad ones naming file and line, importing nothing', () => {
    const root = tempDir('bench-cli-');
    const dataDir = join(root, 'data');
    const products = join(root, 'products.csv');
    const identifiers = join(root, 'identifiers.csv');
    const orders = join(root, 'orders.csv');
    writeFileSync(products, csv([[...HEADERS.products], ['PHN', 'Phone, "X"', '', 'single_use', 2], ['CBL', 'Cable', '', 'none', 9]]));
    writeFileSync(identifiers, csv([[...HEADERS.identifiers], ['PHN', 'IMEI-1'], ['PHN', 'imei-1']]));
    writeFileSync(orders, csv([[...HEADERS.orders], ['SO-1', 'Ada', 'PHN', 1], ['SO-1', 'Ada', 'CBL', 2]]));
    const good = cli(dataDir, 'import', products, identifiers, orders);
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    // Each count says what it counts, as the Import screen does: two rows of one order are 1 order.
    expect(good.stdout).toContain('products.csv (products): 2 rows, 2 products added, 0 products updated, 0 products unchanged');
    expect(good.stdout).toContain('identifiers.csv (identifiers): 2 rows, 2 identifiers added');
    expect(good.stdout).toContain('orders.csv (orders): 2 rows, 1 order added, 0 orders updated, 0 orders unchanged');

    const bench = openTestBench({ dir: dataDir });
    expect(bench.ok('findProducts', { query: 'PHN' }).items[0]).toMatchObject({ title: 'Phone, "X"', identifierCounts: { available: 2 } });
    bench.close();

    const before = snapshotOf(dataDir);
    const badOrders = join(root, 'more-orders.csv');
    writeFileSync(badOrders, csv([[...HEADERS.orders], ['SO-2', 'Bo', 'CBL', 1], ['SO-3', 'Cy', 'NOPE', 1], ['SO-4', 'Di', 'CBL', 'x']]));
    const newProducts = join(root, 'new-products.csv');
    writeFileSync(newProducts, csv([[...HEADERS.products], ['NEW', 'New', '', 'none', 1]]));
    const bad = cli(dataDir, 'import', newProducts, badOrders);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('2 lines need fixing; nothing was imported.');
    expect(bad.stderr).toContain('more-orders.csv line 3: Unknown SKU "NOPE".');
    expect(bad.stderr).toContain('more-orders.csv line 4: quantity "x" must be a whole number from 1 to 1,000,000.');
    expect(bad.stdout).toBe('');
    expect(snapshotOf(dataDir)).toEqual(before);

    const again = cli(dataDir, 'import', products, identifiers, orders);
    expect(again.code).toBe(0);
    expect(snapshotOf(dataDir)).toEqual(before);
  });

  it('says a file with only its header held no rows, as the Import screen does (it printed only "0 rows" and its zeros)', () => {
    const root = tempDir('bench-cli-');
    const dataDir = join(root, 'data');
    const products = join(root, 'products.csv');
    const orders = join(root, 'orders.csv');
    writeFileSync(products, csv([[...HEADERS.products], ['CBL', 'Cable', '', 'none', 9]]));
    writeFileSync(orders, 'order_number,customer,sku,quantity\r\n,,,\r\n');
    const result = cli(dataDir, 'import', products, orders);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${orders} (orders): 0 rows, 0 orders added, 0 orders updated, 0 orders unchanged\n${orders} held no rows under its header: nothing in it was imported.\n`);
    expect(result.stdout).not.toContain(`${products} held no rows`);
  });

  it('names a refused file by its full path, as its success lines do (refusals said "o.csv line 2")', () => {
    const root = tempDir('bench-cli-');
    const dataDir = join(root, 'data');
    const orders = join(root, 'o.csv');
    writeFileSync(orders, csv([[...HEADERS.orders], ['SO-1', 'Ada', 'NOPE', 1]]));
    const lines = cli(dataDir, 'import', orders);
    expect(lines.code).toBe(1);
    expect(lines.stderr).toContain(`  ${orders} line 2: Unknown SKU "NOPE".`);
    expect(lines.stderr).not.toMatch(/^ {2}o\.csv/m);
    // A file refused whole: its message and its line. Excel's "sep=," first line is skipped (the header is line 2).
    const header = join(root, 'p.csv');
    writeFileSync(header, `sep=,\nsku,title,barcode,mode,stock_level\nCBL,Cable,,none,9\n`);
    const whole = cli(dataDir, 'import', header);
    expect(whole.code).toBe(1);
    expect(whole.stderr).toContain(`${header} has an unknown header; nothing was imported.\n  ${header} line 2: The header "sku,title,barcode,mode,stock_level"`);
    expect(snapshotOf(dataDir).products!.rows).toBe(0);
  });

  it('--progress counts one row as "1 row" (it said "1 rows")', () => {
    const root = tempDir('bench-cli-');
    const products = join(root, 'products.csv');
    writeFileSync(products, csv([[...HEADERS.products], ['CBL', 'Cable', '', 'none', 9]]));
    const result = cli(join(root, 'data'), 'import', '--progress', products);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('applying 0 of 1 row\n');
    expect(result.stderr).not.toContain('1 rows');
  });

  it('--progress with several files says which file of how many is read, and that its rows count every file so far', () => {
    const root = tempDir('bench-cli-');
    const products = join(root, 'products.csv');
    const identifiers = join(root, 'identifiers.csv');
    writeFileSync(products, csv([[...HEADERS.products], ['CBL', 'Cable', '', 'multiple_use', 0]]));
    writeFileSync(identifiers, csv([[...HEADERS.identifiers], ['CBL', 'C-1'], ['CBL', 'C-2']]));
    const result = cli(join(root, 'data'), 'import', '--progress', products, identifiers);
    expect(result.code).toBe(0);
    // The second file starts with the first one's row counted: not "identifiers.csv: …, 1 row".
    expect(result.stderr).toMatch(/^identifiers\.csv \(file 2 of 2\): \d+% read, 1 row so far in all files$/m);
    expect(result.stderr).toMatch(/^products\.csv \(file 1 of 2\): \d+% read, 0 rows so far in all files$/m);
  });

  it('reports unreadable files and usage errors without touching the data', () => {
    const dataDir = join(tempDir('bench-cli-'), 'data');
    const missing = cli(dataDir, 'import', join(dataDir, 'nope.csv'));
    expect(missing.code).toBe(1);
    // In words, not Node's "ENOENT: no such file or directory, stat …".
    expect(missing.stderr.trim()).toBe(`Cannot read ${join(dataDir, 'nope.csv')}: there is no such file. Nothing was imported.`);
    expect(existsSync(benchDatabaseFile(dataDir))).toBe(false);
    // Each usage error says what is wrong first, then the usage.
    const usageErrors: Array<[string[], string]> = [
      [['frobnicate'], 'Unknown command "frobnicate". The commands are import and demo.'],
      [['imprt', 'products.csv'], 'Unknown command "imprt"; did you mean "import"? The commands are import and demo.'],
      [[], 'Name a command: import or demo.'],
      [['import'], 'Name the CSV files to import (products, identifiers or orders).'],
      [['import', '--progres', join(dataDir, 'products.csv')], 'Unknown option --progres; did you mean "--progress"?'],
      [['demo', 'extra'], 'demo takes no files or options (got "extra").'],
    ];
    for (const [args, problem] of usageErrors) {
      const answer = cli(dataDir, ...args);
      expect([args, answer.code]).toEqual([args, 2]);
      expect(answer.stderr).toBe(`${problem}\nUsage: npm run cli -- import [--progress] <products.csv|identifiers.csv|orders.csv …>\n       npm run cli -- demo\n`);
    }
    expect(existsSync(benchDatabaseFile(dataDir))).toBe(false);
  });

  it('answers --help with the usage on stdout and exit 0; a short option is an unknown option, not a file', () => {
    const dataDir = join(tempDir('bench-cli-'), 'data');
    for (const ask of ['--help', '-h', 'help']) {
      const help = cli(dataDir, ask);
      expect(help.code).toBe(0);
      expect(help.stdout).toContain('Usage: npm run cli -- import [--progress]');
    }
    const short = cli(dataDir, 'import', '-p', join(dataDir, 'products.csv'));
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('Unknown option -p.');
    expect(short.stderr).not.toContain('Cannot read');
    expect(existsSync(benchDatabaseFile(dataDir))).toBe(false);
  });

  it('answers --help or -h after a command with the usage (it was refused as an unknown option), touching no data', () => {
    const dataDir = join(tempDir('bench-cli-'), 'data');
    for (const args of [['import', '--help'], ['import', '-h'], ['demo', '--help'], ['import', 'products.csv', '--help']]) {
      const help = cli(dataDir, ...args);
      expect([args, help.code, help.stderr]).toEqual([args, 0, '']);
      expect(help.stdout).toContain('Usage: npm run cli -- import [--progress]');
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it('refuses an empty file name (an unset variable in a script) as such, not as the project folder being a folder', () => {
    const dataDir = join(tempDir('bench-cli-'), 'data');
    const empty = cli(dataDir, 'import', '', '  ');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/^File name 1 of 2 is empty \(an unset variable\?\); name each CSV file\. Nothing was imported\.\nUsage: /);
    expect(empty.stderr).not.toContain('is a folder');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('names the bench database file, in words, when it cannot be opened (a folder, or not a database), leaving it as it was', () => {
    const root = tempDir('bench-cli-');
    const asFolder = join(root, 'folder-data');
    mkdirSync(benchDatabaseFile(asFolder), { recursive: true });
    const folder = cli(asFolder, 'demo');
    expect(folder.code).toBe(1);
    expect(folder.stderr).toBe(
      `The bench database ${benchDatabaseFile(asFolder)} is a folder, not a file: move it away or set BENCH_DATA_DIR to another folder. Nothing was changed.\n`,
    );
    const notDb = join(root, 'other-data');
    mkdirSync(notDb);
    writeFileSync(benchDatabaseFile(notDb), 'a spreadsheet saved over it');
    const garbage = cli(notDb, 'demo');
    expect(garbage.code).toBe(1);
    expect(garbage.stderr).toBe(
      `The bench database ${benchDatabaseFile(notDb)} could not be opened: it is not a bench database file (file is not a database). Nothing was changed.\n`,
    );
    expect(readFileSync(benchDatabaseFile(notDb), 'utf8')).toBe('a spreadsheet saved over it');
    for (const run of [folder, garbage]) expect(run.stdout).toBe('');
  });

  it('refuses a folder named instead of its files, saying so, without touching the data', () => {
    const root = tempDir('bench-cli-');
    const dataDir = join(root, 'data');
    const exports = join(root, 'März exports');
    mkdirSync(exports);
    writeFileSync(join(exports, 'products.csv'), csv([[...HEADERS.products], ['CBL', 'Cable', '', 'none', 9]]));
    const folder = cli(dataDir, 'import', exports);
    expect(folder.code).toBe(1);
    expect(folder.stderr).toContain(`${exports} is a folder, not a CSV file`);
    expect(folder.stderr).not.toContain('moved, deleted or locked');
    expect(existsSync(benchDatabaseFile(dataDir))).toBe(false);
  });

  it('refuses a BENCH_DATA_DIR that is a file, or under one, naming it in words (not Node\'s "EEXIST ... mkdir"), changing nothing', () => {
    const root = tempDir('bench-cli-');
    const file = join(root, 'bench-data');
    writeFileSync(file, 'not a folder');
    const products = join(root, 'products.csv');
    writeFileSync(products, csv([[...HEADERS.products], ['CBL', 'Cable', '', 'none', 9]]));
    const demo = cli(file, 'demo');
    expect(demo.code).toBe(1);
    expect(demo.stderr).toBe(`The data folder ${file} is a file, not a folder: set BENCH_DATA_DIR to a folder (it is made if missing). Nothing was changed.\n`);
    const under = cli(join(file, 'sub'), 'import', products);
    expect(under.code).toBe(1);
    expect(under.stderr).toBe(`Cannot use the data folder ${join(file, 'sub')}: a folder on its path is a file; set BENCH_DATA_DIR to another folder. Nothing was changed.\n`);
    for (const run of [demo, under]) expect(run.stdout).toBe('');
  });

  it('refuses a file named twice (a glob and its name) as such, not as every row listed twice', () => {
    const root = tempDir('bench-cli-');
    const dataDir = join(root, 'data');
    const products = join(root, 'products.csv');
    writeFileSync(products, csv([[...HEADERS.products], ['CBL', 'Cable', '', 'none', 9], ['CHG', 'Charger', '', 'none', 2]]));
    // Another spelling of the same file, as a glob beside its own name gives it.
    const twice = cli(dataDir, 'import', `${root}/./products.csv`, products);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`${products} is named twice`);
    expect(twice.stderr).not.toContain('listed twice');
    expect(existsSync(benchDatabaseFile(dataDir))).toBe(false);
  });

  it('refuses one file named twice through a link as named twice (the paths differ, the file is one), not as every row listed twice', () => {
    const root = tempDir('bench-cli-');
    const dataDir = join(root, 'data');
    const products = join(root, 'products.csv');
    writeFileSync(products, csv([[...HEADERS.products], ['CBL', 'Cable', '', 'none', 9]]));
    const link = join(root, 'latest.csv');
    symlinkSync(products, link);
    const twice = cli(dataDir, 'import', products, link);
    expect(twice.code).toBe(2);
    expect(twice.stderr).toMatch(/^\S+products\.csv is named twice \(also as \S+latest\.csv\); name each file once\. Nothing was imported\.\n/);
    expect(twice.stderr).not.toContain('listed twice');
    expect(existsSync(dataDir)).toBe(false);
  });

  it('reads relative paths from the folder npm was run from (INIT_CWD), not the project root, naming them in full', () => {
    const root = tempDir('bench-cli-');
    writeFileSync(join(root, 'products.csv'), csv([[...HEADERS.products], ['CBL', 'Cable', '', 'none', 9]]));
    // As npm runs the script: in the project root, with INIT_CWD the folder the user typed the command in.
    const fromRoot = (...args: string[]) => {
      const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/core/cli.ts', ...args], {
        cwd: REPO,
        env: { ...process.env, npm_lifecycle_event: 'cli', INIT_CWD: root, BENCH_DATA_DIR: 'relative-bench-data', NO_COLOR: '1' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { code: result.status, stdout: result.stdout, stderr: result.stderr };
    };
    const dataDir = join(root, 'relative-bench-data');
    const good = fromRoot('import', './products.csv');
    expect(good.stderr).toBe('');
    expect(good.code).toBe(0);
    expect(good.stdout).toContain(`${join(root, 'products.csv')} (products): 1 row, 1 product added`);
    expect(good.stdout).toContain(`Data folder: ${dataDir}`);
    expect(existsSync(benchDatabaseFile(dataDir))).toBe(true);
    expect(existsSync(join(REPO, 'relative-bench-data'))).toBe(false);

    const missing = fromRoot('import', 'nope.csv');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Cannot read ${join(root, 'nope.csv')}`);
    const twice = fromRoot('import', './products.csv', 'products.csv');
    expect(twice.code).toBe(2);
    expect(twice.stderr).toContain(`${join(root, 'products.csv')} is named twice`);

    // Through npm itself, run from that folder (npm sets INIT_CWD).
    const viaNpm = spawnSync('npm', ['--prefix', REPO, 'run', '--silent', 'cli', '--', 'import', 'products.csv'], {
      cwd: root,
      env: { ...process.env, BENCH_DATA_DIR: 'relative-bench-data', NO_COLOR: '1' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(viaNpm.stderr).toBe('');
    expect(viaNpm.status).toBe(0);
    expect(viaNpm.stdout).toContain(`${join(root, 'products.csv')} (products): 1 row, 0 products added, 0 products updated, 1 product unchanged`);
    expect(existsSync(join(REPO, 'relative-bench-data'))).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('--progress from a pipe (<(…)), whose size is not known, counts megabytes read, a line per 100,000 rows, never "% read"', async () => {
    const root = tempDir('bench-cli-');
    const dataDir = join(root, 'data');
    // Identifier rows of one product, the cheapest rows to save (250,000 new products took ~25 s); the
    // product is made beforehand, by the core in this process (a CLI run would cost a process start).
    const seed = openTestBench({ dir: dataDir });
    seed.product('PIPE', 'multiple_use', 0);
    seed.close();
    const fifo = join(root, 'piped.csv');
    execFileSync('mkfifo', [fifo]);
    const run = cliInTerminal('node', dataDir, 'import', '--progress', fifo);
    const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => `PIPE,PIPED-${from + i}\n`).join('');
    // 200,000 rows with a wait after the first 100,000: the first row read after it is reported (more
    // than the core's 100 ms between progress reports has passed), and reading the next 100,000 takes
    // longer than that, so each 100,000 gets its line however fast the rows are read. Then a row at a
    // time, 150 ms apart, until one is reported: the first read once the CLI has caught up is, even
    // on a machine still busy with the rows before.
    const pipe = await open(fifo, 'w');
    await pipe.writeFile(`${HEADERS.identifiers.join(',')}\n${rows(0, 100_000)}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
    await pipe.writeFile(rows(100_000, 200_000));
    let lastReported = false;
    run.stderrShows(/^piped\.csv: \d+\.\d MB read, 2\d\d,\d{3} rows$/m).then(
      () => (lastReported = true),
      () => undefined,
    );
    let written = 200_000;
    while (!lastReported && written < 200_200) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      await pipe.writeFile(rows(written, written + 1));
      written++;
    }
    await pipe.close();
    const { code, stderr, stdout } = await run.done();
    expect(stdout).toContain(`piped.csv (identifiers): ${withThousands(written)} rows, ${withThousands(written)} identifiers added`);
    expect(code).toBe(0);
    const reading = stderr.split('\n').filter((line) => line.startsWith('piped.csv: '));
    for (const line of reading) expect(line).toMatch(/^piped\.csv: \d+\.\d MB read, [\d,]+ rows$/);
    // One line in each 100,000: 0, 100,000 and 200,000 rows on.
    expect(reading.map((line) => Math.floor(Number(/([\d,]+) rows$/.exec(line)![1]!.replace(/,/g, '')) / 100_000))).toEqual([0, 1, 2]);
  }, 60_000);

  // Through npm, as `npm run cli` runs it (npm ends by the signal itself, whatever the CLI said), and
  // straight through node, whose exit code a script sees.
  describe('Ctrl-C', () => {
    // One catalogue for both (written once; the CLI only reads it).
    let files: { products: string; identifiers: string };
    beforeAll(async () => {
      files = await writeLargeCatalogue(tempDir('bench-cli-', 'file'), 200_000, 100);
    });
    it.each(['npm', 'node'] as const)('Ctrl-C cancels an import while its rows are being saved, nothing imported (%s)', async (how) => {
      const dataDir = join(tempDir('bench-cli-'), 'data');
      // Data imported earlier, by the core in this process (a CLI run only to set up cost a process start).
      const earlier = openTestBench({ dir: dataDir });
      earlier.product('OLD', 'none', 3);
      earlier.close();
      const before = snapshotOf(dataDir);
      expect(before.products!.rows).toBe(1);

      const run = cliInTerminal(how, dataDir, 'import', '--progress', files.products, files.identifiers);
      await run.stderrShows(/identifiers\.csv \(file 2 of 2\): \d+% read/);
      // A tenth of the rows saved: the core's thread is inside the import's one transaction.
      await run.stderrShows(/applying [1-9][\d,]* of 200,100 rows/);
      run.interrupt();
      const { code, signal, stdout, stderr } = await run.done();
      expect(stderr).toContain(IMPORT_CANCELLED);
      // One press, heard once (should another process of the group pass it on, the copy is not a second press).
      expect(stderr.split(CANCELLING).length - 1).toBe(1);
      expect(stderr).not.toContain(STOPPED_AT_ONCE);
      if (how === 'node') expect({ code, signal }).toEqual({ code: 130, signal: null });
      expect(stdout).toBe('');
      expect(snapshotOf(dataDir)).toEqual(before);
    }, 120_000);
  });
});

/**
 * The streaming CSV import (files read as streams, strict UTF-8, progress and cancel) on a real bench
 * file: a large generated file imports whole and again changes nothing; a file that is not UTF-8 is
 * refused naming its line; cancelling mid-import changes nothing; a BOM is fine. Memory and speed are
 * the benchmark's (`npm run bench -- import`).
 */
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportCounts } from '../../shared/contract/import-schemas.js';
import type { ImportProgress } from '../../shared/contract/api.js';
import { BenchError } from '../../shared/contract/result.js';
import { syncOpSchema } from '../../shared/sync/ops.js';
import { largeIdentifier, largeSku, writeLargeCatalogue } from '../support/large-csv.js';
import { openTestBench, tempDir, type TestBench } from './helpers.js';

const LARGE_ROWS = 100_000;
const PRODUCTS_HEADER = 'sku,title,barcode,identifier_mode,stock_level';

async function refusal(promise: Promise<unknown>): Promise<BenchError> {
  const error = await promise.then(() => null, (e: unknown) => e);
  if (!(error instanceof BenchError)) throw new Error(`expected a refusal, got ${String(error)}`);
  return error;
}

async function settled(bench: TestBench, importId: string): Promise<ImportProgress> {
  for (;;) {
    const progress = bench.ok('getCsvImport', { importId });
    if (!['reading', 'applying'].includes(progress.state)) return progress;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('streaming CSV import from files', () => {
  it(`imports a generated ${LARGE_ROWS.toLocaleString('en')}-row file whole, reporting progress; importing it again changes nothing`, async () => {
    const bench = openTestBench();
    const files = await writeLargeCatalogue(tempDir(), LARGE_ROWS);
    const seen: ImportCounts[] = [];
    const summary = await bench.importCsvFiles([files.identifiers, files.products], { onProgress: (p) => seen.push(p) });
    expect(summary.files).toEqual([
      { name: 'products.csv', kind: 'products', rows: 1_000, added: 1_000, updated: 0, unchanged: 0 },
      { name: 'identifiers.csv', kind: 'identifiers', rows: LARGE_ROWS, added: LARGE_ROWS, updated: 0, unchanged: 0 },
    ]);
    expect(bench.count('SELECT count(*) FROM identifiers')).toBe(LARGE_ROWS);
    // multi-byte characters across read chunks arrive intact
    const last = LARGE_ROWS - 1;
    expect(bench.ok('lookupIdentifier', { value: largeIdentifier(last) }).matches).toEqual([
      expect.objectContaining({ sku: largeSku(last % 1_000), status: 'available' }),
    ]);
    expect(bench.ok('findProducts', { query: largeSku(7) }).items[0]!.title).toBe('Crème brûlée, lot 7');
    // the picker's trigram index (built in one pass at the end of a large import) holds every value, and its trigger is back
    expect(bench.count(`SELECT count(*) FROM identifiers_trigram WHERE value GLOB '*-é€*'`)).toBe(LARGE_ROWS);
    expect(bench.count(`SELECT rowid FROM identifiers_trigram WHERE value GLOB ?`, `*${largeIdentifier(last).slice(2, 12)}*`)).toBe(LARGE_ROWS);
    expect(bench.count(`SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND name = 'identifiers_trigram_insert'`)).toBe(1);
    // progress: rows and bytes only grow, reading then applying, and every byte is read
    const reading = seen.filter((p) => p.state === 'reading');
    const applying = seen.filter((p) => p.state === 'applying');
    expect(reading.length).toBeGreaterThan(1);
    expect(applying.length).toBeGreaterThan(0);
    expect(seen.indexOf(applying[0]!)).toBeGreaterThan(seen.indexOf(reading[reading.length - 1]!));
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.rowsRead).toBeGreaterThanOrEqual(seen[i - 1]!.rowsRead);
      expect(seen[i]!.bytesRead).toBeGreaterThanOrEqual(seen[i - 1]!.bytesRead);
    }
    // which file of how many is being read: the rows and bytes count every file so far, not the file named
    expect(reading.every((p) => p.fileCount === 2)).toBe(true);
    expect(reading[0]).toMatchObject({ fileName: 'identifiers.csv', fileNumber: 1, fileCount: 2 });
    expect(reading[reading.length - 1]).toMatchObject({ fileName: 'products.csv', fileNumber: 2, fileCount: 2 });
    expect(applying[0]).toMatchObject({ fileName: null, fileNumber: null, fileCount: 2 });
    expect(applying[0]).toMatchObject({ rowsRead: LARGE_ROWS + 1_000, rowsTotal: LARGE_ROWS + 1_000, bytesRead: seen[0]!.bytesTotal });
    // the sync ops (written from the store in bulk) are ones the hub takes, and carry every value once, each SKU's in file order
    const sent = new Map<string, string[]>();
    for (const op of bench.outboxOps().filter((o) => o.type === 'identifier.add')) {
      const parsed = syncOpSchema.parse(op);
      if (parsed.type !== 'identifier.add') continue;
      sent.set(parsed.sku, [...(sent.get(parsed.sku) ?? []), ...parsed.values]);
    }
    expect(sent.size).toBe(1_000);
    expect(sent.get(largeSku(7))).toEqual(Array.from({ length: LARGE_ROWS / 1_000 }, (_, k) => largeIdentifier(7 + k * 1_000)));

    const before = bench.snapshot();
    const again = await bench.importCsvFiles([files.products, files.identifiers]);
    expect(again.files.map((f) => [f.added, f.updated, f.unchanged])).toEqual([[0, 0, 1_000], [0, 0, LARGE_ROWS]]);
    expect(bench.snapshot()).toEqual(before);
  }, 300_000);

  it('refuses a Latin-1 file naming the file and line, and changes nothing', async () => {
    const bench = openTestBench();
    bench.product('KEEP', 'none', 1);
    const dir = tempDir();
    const latin1 = join(dir, 'latin1.csv');
    writeFileSync(latin1, Buffer.from(`${PRODUCTS_HEADER}\nA-1,Plain,,none,1\nA-2,Caf\xe9 au lait,,none,1\nA-3,Plain,,none,1\n`, 'latin1'));
    const good = join(dir, 'good.csv');
    writeFileSync(good, `${PRODUCTS_HEADER}\nB-1,Fine,,none,1\n`);
    const before = bench.snapshot();
    const error = await refusal(bench.importCsvFiles([good, latin1]));
    expect(error.code).toBe('validation');
    expect(error.message).toContain('latin1.csv is not UTF-8');
    expect(error.issues).toEqual([{ where: 'latin1.csv line 3', message: expect.stringContaining('not UTF-8') }]);
    expect(bench.snapshot()).toEqual(before);
    // the same bytes arriving as text in a call can no longer be told apart; a lone surrogate still can
    const broken = bench.fail('importCsv', { files: [{ name: 'p.csv', content: `${PRODUCTS_HEADER}\nA-1,x\uD800y,,none,1\n` }] });
    expect(broken.issues[0]!.where).toBe('p.csv line 2');
  });

  it('refuses a file cut short or deleted while it is read, naming it, and changes nothing', async () => {
    const bench = openTestBench();
    bench.product('KEEP', 'multiple_use', 0);
    const dir = tempDir();
    const rows = Array.from({ length: 20_000 }, (_, i) => `KEEP,VALUE-${i}`).join('\n');
    const cut = join(dir, 'cut.csv');
    writeFileSync(cut, `sku,identifier\n${rows}\n`);
    const before = bench.snapshot();
    // Cut after the import took its size, before it reads (its first progress report): a part with its last row cut would import.
    let once = false;
    const truncated = await refusal(
      bench.importCsvFiles([cut], {
        onProgress: () => {
          if (!once) truncateSync(cut, 5_000);
          once = true;
        },
      }),
    );
    expect(truncated.message).toMatch(/^cut\.csv changed while it was being imported \([\d,]+ bytes when the import started, 5,000 read\); nothing was imported\./);
    expect(bench.snapshot()).toEqual(before);

    const first = join(dir, 'first.csv');
    const gone = join(dir, 'gone.csv');
    writeFileSync(first, `sku,identifier\nKEEP,A\n`);
    writeFileSync(gone, `sku,identifier\nKEEP,B\n`);
    let removed = false;
    const deleted = await refusal(
      bench.importCsvFiles([first, gone], {
        onProgress: () => {
          if (!removed) rmSync(gone);
          removed = true;
        },
      }),
    );
    expect(deleted.code).toBe('not_found');
    expect(deleted.message).toBe('gone.csv could not be read (ENOENT): it was moved, deleted or locked after it was chosen; nothing was imported.');
    expect(bench.snapshot()).toEqual(before);
  });

  it.skipIf(process.platform === 'win32')('imports from a pipe (the CLI given <(…)), whose size is not known ahead', async () => {
    const bench = openTestBench();
    bench.product('KEEP', 'multiple_use', 0);
    const fifo = join(tempDir(), 'piped.csv');
    execFileSync('mkfifo', [fifo]);
    const writing = writeFile(fifo, `sku,identifier\nKEEP,PIPED-1\nKEEP,PIPED-2\n`);
    const summary = await bench.importCsvFiles([fifo]);
    await writing;
    expect(summary.files[0]).toMatchObject({ name: 'piped.csv', rows: 2, added: 2 });
  });

  it.skipIf(process.platform === 'win32')('a Cancel while the import waits for bytes (a stalled share, a pipe) stops it at once, not when more come', { timeout: 10_000 }, async () => {
    const bench = openTestBench();
    bench.product('KEEP', 'multiple_use', 0);
    const fifo = join(tempDir(), 'stalled.csv');
    execFileSync('mkfifo', [fifo]);
    const before = bench.snapshot();
    const controller = new AbortController();
    const importing = refusal(bench.importCsvFiles([fifo], { signal: controller.signal }));
    // The writer sends rows and then nothing, holding the pipe open: once more were written than the pipe
    // holds (64 KiB), the import has read some and waits for the rest.
    const writer = createWriteStream(fifo);
    const rows = Array.from({ length: 20_000 }, (_, i) => `KEEP,STALLED-${i}`).join('\n');
    try {
      await new Promise<void>((resolve, reject) => writer.write(`sku,identifier\n${rows}\n`, (error) => (error ? reject(error) : resolve())));
      // Time to read the last 64 KiB; the pipe then stays quiet.
      await new Promise((resolve) => setTimeout(resolve, 300));
      controller.abort();
      const error = await importing;
      expect(error).toMatchObject({ code: 'cancelled', message: 'The import was cancelled; nothing was imported.' });
      expect(bench.snapshot()).toEqual(before);
    } finally {
      writer.destroy();
    }
  });

  it('while another process holds the database past the busy timeout, says the bench is busy (not an unexpected error) and changes nothing', { timeout: 30_000 }, async () => {
    const bench = openTestBench();
    bench.product('KEEP', 'none', 1);
    const file = join(tempDir(), 'products.csv');
    writeFileSync(file, `${PRODUCTS_HEADER}\nB-1,Fine,,none,1\n`);
    const before = bench.snapshot();
    // As the CLI's import does while it saves its rows.
    bench.writer.exec('BEGIN IMMEDIATE');
    try {
      const error = await refusal(bench.importCsvFiles([file]));
      expect(error.code).toBe('conflict');
      expect(error.message).toMatch(/^The bench's database is busy with another long change/);
      expect(bench.fail('changeStockLevel', { productId: bench.ok('findProducts', { query: 'KEEP' }).items[0]!.id, newStockLevel: 2 })).toMatchObject({
        code: 'conflict',
        message: expect.stringMatching(/database is busy/),
      });
    } finally {
      bench.writer.exec('ROLLBACK');
    }
    expect(bench.snapshot()).toEqual(before);
  });

  it('refuses a file with no line breaks (the wrong file) at its long line, quoting little of it', async () => {
    const bench = openTestBench();
    const dir = tempDir();
    const before = bench.snapshot();
    const plain = join(dir, 'one-line.csv');
    writeFileSync(plain, `sku,identifier\n${'x;'.repeat(200_000)}`);
    // One long line inside a single read chunk, between short ones.
    const inside = join(dir, 'inside.csv');
    writeFileSync(inside, `sku,identifier\n${'z'.repeat(150_000)}\nA,B\n`);
    const quotedFile = join(dir, 'quoted.csv');
    writeFileSync(quotedFile, `sku,identifier\nA,"${'y'.repeat(200_000)}"\n`);
    for (const [file, name] of [[plain, 'one-line.csv'], [inside, 'inside.csv'], [quotedFile, 'quoted.csv']] as const) {
      const error = await refusal(bench.importCsvFiles([file]));
      expect(error.message).toBe(`${name} is not a CSV file the bench reads; nothing was imported.`);
      expect(error.issues).toEqual([{ where: `${name} line 2`, message: expect.stringMatching(/^This line is longer than 100,000 characters/) }]);
    }
    // A one-line file's "header" is quoted short.
    const header = join(dir, 'header.csv');
    writeFileSync(header, `${'h;'.repeat(40_000)}\n`);
    const unknown = await refusal(bench.importCsvFiles([header]));
    expect(unknown.issues[0]!.message.length).toBeLessThan(600);
    expect(unknown.issues[0]!.message).toContain('… (80,000 characters)');
    // Not text at all (an .xlsx is a zip): said so, not "UTF-16".
    const xlsx = join(dir, 'book.csv');
    writeFileSync(xlsx, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00]));
    const binary = await refusal(bench.importCsvFiles([xlsx]));
    expect(binary.message).toBe("book.csv is not a text file (it holds NUL bytes: a spreadsheet's .xlsx, or another kind of file); nothing was imported.");
    expect(bench.snapshot()).toEqual(before);
  });

  it('names two files of the same name from different folders by their paths', async () => {
    const bench = openTestBench();
    const dir = tempDir();
    const [monday, tuesday] = [join(dir, 'monday'), join(dir, 'tuesday')];
    mkdirSync(monday);
    mkdirSync(tuesday);
    writeFileSync(join(monday, 'products.csv'), `${PRODUCTS_HEADER}\nM-1,Fine,,none,1\n`);
    writeFileSync(join(tuesday, 'products.csv'), `${PRODUCTS_HEADER}\nT-1,Fine,,none,1\nT-2,Bad,,none,lots\n`);
    const error = await refusal(bench.importCsvFiles([join(monday, 'products.csv'), join(tuesday, 'products.csv')]));
    expect(error.issues.map((issue) => issue.where)).toEqual([`${join(tuesday, 'products.csv')} line 3`]);
    // One file alone keeps its own name.
    const alone = await refusal(bench.importCsvFiles([join(tuesday, 'products.csv')]));
    expect(alone.issues.map((issue) => issue.where)).toEqual(['products.csv line 3']);
  });

  it('says in words where a quote goes wrong, at the line it is on; a CRLF header over LF rows imports', async () => {
    const bench = openTestBench();
    const dir = tempDir();
    const before = bench.snapshot();
    const many = Array.from({ length: 1_000 }, (_, i) => `P-${i},Plain,,none,1`).join('\n');
    const cases: Array<[string, string, string, RegExp]> = [
      ['stray.csv', `${PRODUCTS_HEADER}\nA-1,Fine,,none,1\nA-2,Monitor 24",,none,1\n${many}\n`, 'stray.csv line 3', /^A quote \("\) inside a value \(column 2\)/],
      ['unclosed.csv', `${PRODUCTS_HEADER}\nA-1,Fine,,none,1\nA-2,"Monitor 24,,none,1\n${many}\n`, 'unclosed.csv line 3', /never closed/],
      ['after.csv', `${PRODUCTS_HEADER}\nA-1,"Fine" x,,none,1\n`, 'after.csv line 2', /^A quoted value \(column 2\) is followed by other characters/],
    ];
    for (const [name, content, where, message] of cases) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const error = await refusal(bench.importCsvFiles([file]));
      expect(error.message).toBe(`${name} is not valid CSV; nothing was imported.`);
      expect(error.issues).toEqual([{ where, message: expect.stringMatching(message) }]);
      // The same text sent whole (the contract's importCsv) is named at the same line.
      const sent = bench.refused('importCsv', { files: [{ name, content }] });
      expect(sent.issues).toEqual([{ where, message: expect.stringMatching(message) }]);
    }
    expect(bench.snapshot()).toEqual(before);
    const mixed = join(dir, 'mixed.csv');
    writeFileSync(mixed, `${PRODUCTS_HEADER}\r\nM-1,"Quoted, fine",,none,1\nM-2,Plain,,none,2\n`);
    const summary = await bench.importCsvFiles([mixed]);
    expect(summary.files[0]).toMatchObject({ rows: 2, added: 2 });
    expect(bench.ok('findProducts', { query: 'M-' }).items.map((p) => [p.sku, p.title, p.stockLevel])).toEqual([
      ['M-1', 'Quoted, fine', 1],
      ['M-2', 'Plain', 2],
    ]);
  });

  it('refuses a UTF-16 file (with or without its byte order mark) saying so, not as Latin-1 or an unknown header', async () => {
    const bench = openTestBench();
    const dir = tempDir();
    const before = bench.snapshot();
    const text = `${PRODUCTS_HEADER}\nA-1,Plain,,none,1\n`;
    for (const [name, bytes] of [
      ['bom.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])],
      ['no-bom.csv', Buffer.from(text, 'utf16le')],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      const error = await refusal(bench.importCsvFiles([file]));
      expect(error.message).toBe(`${name} is UTF-16 text, not UTF-8; nothing was imported.`);
      expect(error.issues).toEqual([{ where: `${name} line 1`, message: expect.stringContaining('CSV UTF-8') }]);
    }
    expect(bench.snapshot()).toEqual(before);
  });

  it('finds the bad line deep in a large file, past many read chunks', async () => {
    const bench = openTestBench();
    const path = join(tempDir(), 'late.csv');
    const lines = [PRODUCTS_HEADER];
    for (let i = 0; i < 50_000; i++) lines.push(`P-${i},Thé vert ${i},,none,1`);
    writeFileSync(path, Buffer.concat([Buffer.from(`${lines.join('\n')}\n`), Buffer.from('P-X,Win\x96dows,,none,1\n', 'latin1')]));
    const error = await refusal(bench.importCsvFiles([path]));
    expect(error.issues).toEqual([expect.objectContaining({ where: 'late.csv line 50002' })]);
    expect(bench.count('SELECT count(*) FROM products')).toBe(0);
  });

  it('imports a file that starts with a UTF-8 BOM (Excel "CSV UTF-8")', async () => {
    const bench = openTestBench();
    const path = join(tempDir(), 'bom.csv');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(`${PRODUCTS_HEADER}\r\nBOM-1,Café,,none,4\r\n`)]));
    const summary = await bench.importCsvFiles([path]);
    expect(summary.files).toEqual([{ name: 'bom.csv', kind: 'products', rows: 1, added: 1, updated: 0, unchanged: 0 }]);
    expect(bench.ok('findProducts', { query: 'BOM-1' }).items[0]).toMatchObject({ title: 'Café', stockLevel: 4 });
  });

  it('cancelling mid-import changes nothing, and the next import runs', async () => {
    const bench = openTestBench();
    bench.product('KEEP', 'none', 1);
    const files = await writeLargeCatalogue(tempDir(), 50_000, 100);
    const before = bench.snapshot();
    const controller = new AbortController();
    let cancelledAt = 0;
    const error = await refusal(
      bench.importCsvFiles([files.products, files.identifiers], {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.rowsRead > 10_000 && !cancelledAt) {
            cancelledAt = p.rowsRead;
            controller.abort();
          }
        },
      }),
    );
    expect(cancelledAt).toBeGreaterThan(0);
    expect(error.code).toBe('cancelled');
    expect(error.message).toBe('The import was cancelled; nothing was imported.');
    expect(bench.snapshot()).toEqual(before);
    const summary = await bench.importCsvFiles([files.products]);
    expect(summary.files[0]).toMatchObject({ added: 100 });
  });

  it('cancelling while the rows are applied changes nothing, the picker search index and the identifier indexes included', async () => {
    const bench = openTestBench();
    // Progress is reported at most every 100 ms (the Cancel comes from a report): 30,000 rows were applied
    // in 100–170 ms, so the import could finish before a report came; 150,000 leave the apply running.
    const files = await writeLargeCatalogue(tempDir(), 150_000, 100);
    // A large import into a small store drops triggers and indexes and builds them again at the end (deferred-indexes.ts).
    const triggers = () =>
      bench.count(`SELECT group_concat(name || sql, ';') FROM (SELECT name, sql FROM sqlite_schema WHERE type IN ('trigger', 'index') AND sql IS NOT NULL ORDER BY name)`);
    const triggersBefore = triggers();
    const before = bench.snapshot();
    const controller = new AbortController();
    let appliedAtCancel = 0;
    const error = await refusal(
      bench.importCsvFiles([files.products, files.identifiers], {
        signal: controller.signal,
        onProgress: (p) => {
          if (p.state === 'applying' && p.rowsApplied > 10_000 && !appliedAtCancel) {
            appliedAtCancel = p.rowsApplied;
            controller.abort();
          }
        },
      }),
    );
    // The Cancel came while rows were still being applied (150,000 identifiers and 100 products in all).
    expect(appliedAtCancel).toBeGreaterThan(10_000);
    expect(appliedAtCancel).toBeLessThan(150_100);
    expect(error.code).toBe('cancelled');
    expect(bench.snapshot()).toEqual(before);
    expect(triggers()).toBe(triggersBefore);
    // a small import after it is indexed value by value by the trigger again
    bench.product('SMALL', 'multiple_use', 0);
    bench.ok('importCsv', { files: [{ name: 'few.csv', content: 'sku,identifier\nSMALL,ABC-123-XYZ\n' }] });
    expect(bench.count(`SELECT count(*) FROM identifiers_trigram WHERE value GLOB '*123-X*'`)).toBe(1);
  });

  it('refuses a second import while one runs', async () => {
    const bench = openTestBench();
    const files = await writeLargeCatalogue(tempDir(), 20_000, 10);
    const first = bench.importCsvFiles([files.products, files.identifiers]);
    const second = await refusal(bench.importCsvFiles([files.products]));
    expect(second.code).toBe('conflict');
    expect(bench.fail('importCsv', { files: [{ name: 'p.csv', content: `${PRODUCTS_HEADER}\nZ,z,,none,1\n` }] }).code).toBe('conflict');
    await first;
    expect(bench.count('SELECT count(*) FROM identifiers')).toBe(20_000);
    // the indexes a large import builds at the end are there, and serve the queries again
    expect(bench.count(`SELECT count(*) FROM sqlite_schema WHERE name IN ('identifiers_value', 'identifiers_product_order', 'identifier_events_value')`)).toBe(3);
    expect(bench.count(`SELECT sum(last_identifier_id - first_identifier_id + 1) FROM identifier_import_events`)).toBe(20_000);
  });
});

describe('import jobs through the contract (startCsvImport, getCsvImport, cancelCsvImport)', () => {
  const content = (rows: number) => {
    const lines = ['sku,identifier'];
    for (let i = 0; i < rows; i++) lines.push(`MANY,ID-${i}`);
    return `${lines.join('\n')}\n`;
  };

  it('runs an import in the background and reports counts until done', async () => {
    const bench = openTestBench();
    bench.product('MANY', 'multiple_use', 0);
    const started = bench.ok('startCsvImport', { files: [{ name: 'ids.csv', content: content(5_000) }] });
    expect(started).toMatchObject({ type: 'import.progress', state: 'reading', rowsRead: 0, bytesTotal: Buffer.byteLength(content(5_000)) });
    const done = await settled(bench, started.importId);
    expect(done).toMatchObject({ state: 'done', rowsRead: 5_000, error: null });
    expect(done.summary!.files[0]).toMatchObject({ name: 'ids.csv', added: 5_000 });
    expect(bench.count('SELECT count(*) FROM identifiers')).toBe(5_000);
  });

  it('reports a refusal with its lines, and a cancel leaves the store unchanged', async () => {
    const bench = openTestBench();
    bench.product('MANY', 'multiple_use', 0);
    const bad = bench.ok('startCsvImport', { files: [{ name: 'ids.csv', content: `${content(3)}NOPE,X\n` }] });
    const refused = await settled(bench, bad.importId);
    expect(refused).toMatchObject({ state: 'refused', summary: null, error: { code: 'validation', issues: [{ where: 'ids.csv line 5', message: 'Unknown SKU "NOPE".' }] } });

    const before = bench.snapshot();
    const started = bench.ok('startCsvImport', { files: [{ name: 'ids.csv', content: content(100_000) }] });
    await new Promise((resolve) => setTimeout(resolve, 30));
    bench.ok('cancelCsvImport', { importId: started.importId });
    const cancelled = await settled(bench, started.importId);
    expect(cancelled).toMatchObject({ state: 'cancelled', summary: null, error: { code: 'cancelled' } });
    expect(bench.snapshot()).toEqual(before);
    expect(bench.fail('getCsvImport', { importId: 'no-such-import' }).code).toBe('not_found');
  });
});

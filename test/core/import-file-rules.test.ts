/**
 * What a spreadsheet's CSV brings that the bench must read safely: use-by dates whose day and month
 * could be swapped, Excel's extra empty column, and several bad files in one upload.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BenchError } from '../../shared/contract/result.js';
import { syncOpSchema } from '../../shared/sync/ops.js';
import { localeDateOrder } from '../../shared/identifiers/use-by-dates.js';
import { csv, HEADERS, openTestBench, tempDir, type TestBench } from './helpers.js';

function lotBench(): TestBench {
  const bench = openTestBench();
  const flour = bench.product('FLOUR', 'multiple_use', 0);
  bench.ok('setIdentifierSpec', { productId: flour, identifierKind: 'lot', identifierFormat: null, minShelfLifeDays: null });
  return bench;
}

const where = (issues: Array<{ where: string; message: string }>) => issues.map((i) => `${i.where}: ${i.message}`);

describe('use-by dates in a file', () => {
  it('refuses a date whose day and month could be swapped unless it is YYYY-MM-DD, naming both readings; unambiguous and ISO dates are taken', () => {
    const bench = lotBench();
    const before = bench.snapshot();
    const rows = [['sku', 'identifier', 'use_by'], ['FLOUR', 'L-1', '03/04/2031'], ['FLOUR', 'L-2', '2031-04-03']];
    const result = bench.call('importCsv', { files: [{ name: 'lots.csv', content: csv(rows) }] });
    expect(!result.ok && where(result.error.issues)).toEqual([
      'lots.csv line 2: use_by: "L-1" of FLOUR has a use-by date "03/04/2031" that could be read two ways: 3 April 2031 (day first) or 4 March 2031 (month first); write it YYYY-MM-DD (2031-04-03 or 2031-03-04).',
    ]);
    expect(bench.snapshot()).toEqual(before);
    // Day and month the same, a day past 12 in the bench's order, and ISO are each read one way only.
    const dayFirst = localeDateOrder() !== 'mdy';
    const unambiguous = dayFirst ? '25/12/2031' : '12/25/2031';
    const ok = [['sku', 'identifier', 'use_by'], ['FLOUR', 'L-1', '05/05/2031'], ['FLOUR', 'L-2', unambiguous], ['FLOUR', 'L-3', '2031-04-03']];
    expect(bench.ok('importCsv', { files: [{ name: 'lots.csv', content: csv(ok) }] }).files[0]).toMatchObject({ added: 3 });
    const dates = bench.outboxOps().map((op) => syncOpSchema.parse(op)).flatMap((op) => (op.type === 'identifier.use_by' ? op.dates.map((d) => d.useBy) : []));
    expect(dates).toEqual(['2031-05-05', '2031-12-25', '2031-04-03']);
    // A use-by product's value is its date: the same rule.
    const yog = bench.product('YOG', 'multiple_use', 0);
    bench.ok('setIdentifierSpec', { productId: yog, identifierKind: 'use_by', identifierFormat: null, minShelfLifeDays: null });
    const value = bench.call('importCsv', { files: [{ name: 'yog.csv', content: csv([[...HEADERS.identifiers], ['YOG', '03/04/2031']]) }] });
    expect(!value.ok && value.error.issues.map((i) => i.where)).toEqual(['yog.csv line 2']);
    expect(!value.ok && value.error.issues[0]!.message).toContain('could be read two ways: 3 April 2031 (day first) or 4 March 2031 (month first)');
  });

  it('says in which order the bench reads dates when a month does not exist', () => {
    const bench = lotBench();
    const dayFirst = localeDateOrder() !== 'mdy';
    const swapped = dayFirst ? '03/31/2031' : '31/03/2031';
    const order = dayFirst ? 'day first, as DD/MM/YYYY' : 'month first, as MM/DD/YYYY';
    const result = bench.call('importCsv', { files: [{ name: 'lots.csv', content: csv([['sku', 'identifier', 'use_by'], ['FLOUR', 'L-1', swapped]]) }] });
    expect(!result.ok && where(result.error.issues)).toEqual([
      `lots.csv line 2: use_by: "L-1" of FLOUR has a use-by date "${swapped}" that is not a real date: month 31 does not exist (this bench reads dates ${order}; write it YYYY-MM-DD, e.g. 2031-03-31).`,
    ]);
  });
});

describe("Excel's extra empty column", () => {
  it('takes a header with a trailing comma when every cell under it is empty, and refuses a value there naming the line', () => {
    const bench = openTestBench();
    const header = `${HEADERS.products.join(',')},`;
    const good = `${header}\nPHN,Phone,501,single_use,3,\nCBL,Cable,,none,5,\n`;
    expect(bench.ok('importCsv', { files: [{ name: 'products.csv', content: good }] }).files[0]).toMatchObject({ kind: 'products', rows: 2, added: 2 });
    const before = bench.snapshot();
    const bad = `${header}\nPHN,Phone,501,single_use,3,\nCBL,Cable,,none,5,note\n`;
    const result = bench.call('importCsv', { files: [{ name: 'products.csv', content: bad }] });
    expect(!result.ok && where(result.error.issues)).toEqual([
      'products.csv line 3: Column 6 has no name in the header but holds "note" on this line; name the column or empty it.',
    ]);
    expect(bench.snapshot()).toEqual(before);
  });
});

describe('several files at once', () => {
  it("reports every file's problems in one go and imports nothing", async () => {
    const bench = openTestBench();
    const before = bench.snapshot();
    const result = bench.call('importCsv', {
      files: [
        { name: 'one.csv', content: 'sku;title\nA;B\n' },
        { name: 'two.csv', content: csv([[...HEADERS.products], ['PHN', 'Phone', '', 'single_use', 1]]) },
        { name: 'three.csv', content: 'order_number,customer\nSO-1,Ada\n' },
      ],
    });
    expect(!result.ok && result.error.issues.map((i) => i.where)).toEqual(['one.csv line 1', 'three.csv line 1']);
    expect(bench.snapshot()).toEqual(before);
  });
});

describe('the words of a refused file', () => {
  const refusedFiles: Array<[string, string, string]> = [
    ['empty.csv', '', 'empty.csv is empty; nothing was imported.'],
    ['names.csv', 'sku,name\nA,B\n', 'names.csv has an unknown header; nothing was imported.'],
    ['quote.csv', `${HEADERS.products.join(',')}\nA-1,Monitor 24",,none,1\n`, 'quote.csv is not valid CSV; nothing was imported.'],
    ['broken.csv', `sku,identifier\nA-1,X\uD800\n`, 'broken.csv has a broken character; nothing was imported.'],
  ];

  it('says that nothing was imported when a file alone is refused, as every other import refusal does', () => {
    const bench = openTestBench();
    const before = bench.snapshot();
    for (const [name, content, message] of refusedFiles) {
      expect(bench.refused('importCsv', { files: [{ name, content }] }).message).toBe(message);
    }
    expect(bench.snapshot()).toEqual(before);
  });

  it('says the same of a file alone read from disk, and of a line too long to be CSV', async () => {
    const bench = openTestBench();
    const dir = tempDir();
    const files: Array<[string, string, string]> = [
      ...refusedFiles.filter(([name]) => name !== 'broken.csv'),
      ['long.csv', `sku,identifier\n${'x;'.repeat(60_000)}\n`, 'long.csv is not a CSV file the bench reads; nothing was imported.'],
    ];
    for (const [name, content, message] of files) {
      writeFileSync(join(dir, name), content);
      const error = await bench.importCsvFiles([join(dir, name)]).then(() => null, (e: unknown) => e);
      expect((error as BenchError).message).toBe(message);
    }
  });

  it('says several refused files were refused, not "could not be read": a file with a wrong header was read', () => {
    const bench = openTestBench();
    const result = bench.refused('importCsv', {
      files: [
        { name: 'empty.csv', content: '' },
        { name: 'names.csv', content: 'sku,name\nA,B\n' },
        { name: 'semicolons.csv', content: 'sku;identifier\nA-1;X\n' },
      ],
    });
    expect(result.message).toBe('All 3 files were refused; nothing was imported.');
    expect(result.issues.map((i) => i.where)).toEqual(['empty.csv', 'names.csv line 1', 'semicolons.csv line 1']);
  });
});

describe('a file refused whole beside others', () => {
  it("says the others were only read, not that they are fine: their checks against the bench come once it is fixed", () => {
    const bench = openTestBench();
    bench.product('PHN-1', 'single_use', 1);
    const before = bench.snapshot();
    const identifiers = csv([[...HEADERS.identifiers], ['PHN-1', 'SN-1'], ['PHN-1', 'SN-1']]);
    const oneRefused = bench.refused('importCsv', {
      files: [
        { name: 'bad-header.csv', content: 'sku,colour\nPHN-1,red\n' },
        { name: 'dup-ids.csv', content: identifiers },
      ],
    });
    expect(oneRefused.message).toMatch(/^bad-header\.csv .*; nothing was imported\. dup-ids\.csv was only read: it is checked against the bench and each other once the refused file is fixed\.$/);
    const twoRefused = bench.refused('importCsv', {
      files: [
        { name: 'bad-header.csv', content: 'sku,colour\nPHN-1,red\n' },
        { name: 'empty.csv', content: '' },
        { name: 'dup-ids.csv', content: identifiers },
        { name: 'more-ids.csv', content: csv([[...HEADERS.identifiers], ['PHN-1', 'SN-2']]) },
      ],
    });
    expect(twoRefused.message).toBe(
      '2 of the 4 files were refused; nothing was imported. dup-ids.csv and more-ids.csv were only read: they are checked against the bench and each other once the refused files are fixed.',
    );
    expect(bench.snapshot()).toEqual(before);
  });
});

describe('several files on disk at once (the streaming import)', () => {
  it("names a Latin-1 file, an unknown header and a bad line of a third file in one refusal, and imports nothing", async () => {
    const bench = openTestBench();
    const dir = tempDir();
    const [latin1, semicolons, products] = ['latin1.csv', 'semicolons.csv', 'products.csv'].map((n) => join(dir, n)) as [string, string, string];
    writeFileSync(latin1, Buffer.from(`${HEADERS.products.join(',')}\nA-1,Caf\xe9,,none,1\n`, 'latin1'));
    writeFileSync(semicolons, 'sku;identifier\nA-1;X\n');
    writeFileSync(products, csv([[...HEADERS.products], ['B-1', 'Fine', '', 'none', 1], ['B-2', 'Bad', '', 'none', 'lots']]));
    const before = bench.snapshot();
    const error = await bench.importCsvFiles([latin1, semicolons, products]).then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(BenchError);
    const refusal = error as BenchError;
    expect(refusal.message).toBe(
      '2 of the 3 files were refused, and 1 line of the others needs fixing; nothing was imported. products.csv was only read: it is checked against the bench and each other once the refused files are fixed.',
    );
    expect(refusal.issues.map((i) => i.where)).toEqual(['latin1.csv line 2', 'semicolons.csv line 1', 'products.csv line 3']);
    expect(bench.snapshot()).toEqual(before);
  });
});

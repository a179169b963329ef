/**
 * One CSV import: rows are checked one at a time as they are read (csv-rows.ts) and staged in a
 * temporary table (the connection's temp store, on disk: memory stays bounded whatever the file size),
 * then applied to the store in ONE transaction, products first, then identifiers, then orders. Every
 * bad line is reported with its file and line, and then nothing is imported; re-importing the same
 * files changes nothing; a catalogue's stock is a count (it sets the stock, see README).
 * Discarding a run (cancel, a refusal) leaves the store as it was: staging never touches it.
 */
import { counted, withThousands } from '../../../shared/domain/counted.js';
import type { ImportSummary } from '../../../shared/contract/api.js';
import { BenchError, type Issue } from '../../../shared/contract/result.js';
import type { CoreContext } from '../context.js';
import type { IdentifierSpec } from '../../../shared/identifiers/kinds.js';
import { describeCollisions, expandRange, parseRange, rangeCollisions, rangeHolds, type IdentifierRange } from '../../../shared/ranges/identifier-range.js';
import { normaliseLotDate } from '../../../shared/identifiers/lot-dates.js';
import type { DateOrder } from '../../../shared/identifiers/use-by-dates.js';
import { benchDates, entryRefusal, normaliseEntry } from '../products/identifier-rules.js';
import { specOf, type ProductReader, type ProductRow } from '../products/product-reader.js';
import { issueAt, readHeader, recordFields, unnamedColumnProblem, type CsvKind, type CsvRecord } from './csv-files.js';
import { checkCsvRow, type CheckedIdentifierRow, type CheckedOrderRow, type CheckedProductRow } from './csv-rows.js';
import { deferIdentifierIndexes } from './deferred-indexes.js';
import { createHistoryRecorder } from '../history/identifier-history.js';
import { createBulkIdentifierOps } from './bulk-identifier-ops.js';
import { NewValueBatch } from './new-value-batch.js';
import { createMeantSku } from './meant-sku.js';
import { didYouMeanSku } from '../../../shared/sync/nearest-name.js';
import { createBarcodeHolders, sharedBarcodeMessage } from './shared-barcodes.js';
import { sameBarcodeForms } from '../../../shared/gs1/barcode-forms.js';

type FileSummary = ImportSummary['files'][number];

export const KIND_ORDER: readonly CsvKind[] = ['products', 'identifiers', 'orders'];
export const MAX_REPORTED_ISSUES = 200;
/** Rows staged per write transaction while reading, and read per page while applying. */
const STAGE_CHUNK = 5_000;
/** Rows per staging INSERT (4 values each: well under SQLite's 32,766 parameters). */
const STAGE_ROWS_PER_INSERT = 50;
const STAGE_COLUMNS = 4;
const APPLY_PAGE = 2_000;
/**
 * The page cache of the connection's temp store, in KiB (better-sqlite3's default is 16 MB a schema): the
 * staged rows are written in order and read back in order, so a small cache reads them as fast.
 */
const STAGE_CACHE_KIB = 2 * 1024;
/** Corrected dates of held lots queued before their sync ops are written (per SKU, split by recordOp as needed). */
const PENDING_VALUES = 20_000;
const PRODUCT_CACHE = 10_000;
/**
 * New identifier values inserted per statement (at most, and at most about this many bytes of JSON). A
 * statement that may stop half-way keeps a journal of every page it changes: a file spread over many
 * products changes a leaf of the (product, value) index per product in each statement, so fewer,
 * larger statements journal far fewer pages. The values wait in one reused buffer (new-value-batch.ts),
 * never on V8's heap, so the statement's size no longer costs peak RSS.
 */
const NEW_VALUES_PER_INSERT = 50_000;
const NEW_VALUE_BYTES_PER_INSERT = 4 << 20;
/** From this many identifier rows the picker's trigram index (and on a small store the other identifier indexes) is built in one pass at the end (deferred-indexes.ts). */
const BULK_INDEX_ROWS = 1_000;
/**
 * The page cache while a run is applied, in KiB (better-sqlite3's default is 16 MB): the leaf of the
 * (product, value) index each product is writing to fits (1,000 products: 4 MiB) with the table's last
 * pages. Smaller spills and reads pages again (1,000,000-row benchmark: 8 MiB +110,000 preads and
 * +60,000 pwrites over 16 MiB, 4 MiB +2 s of CPU). CREATE INDEX sorts in pieces of this size: peak RSS
 * was 213 MB at 16 MiB, 208 MB at 12 MiB, 189 MB at 8 MiB (one run each).
 */
const APPLY_CACHE_KIB = 12 * 1024;

export interface FileStage {
  readonly kind: CsvKind;
  /** Checks one data record and stages it (or records what is wrong with it). */
  add(record: CsvRecord): void;
}

export interface ApplyProgress {
  rowsApplied: number;
  rowsTotal: number;
}

export interface ImportRun {
  /** Starts a file from its header record; an unknown or missing header throws naming the file. */
  addFile(name: string, header: CsvRecord | undefined): FileStage;
  /** Applies every staged row in one transaction; throws BenchError (nothing changed) if any line is wrong. */
  apply(onPage?: (progress: ApplyProgress) => void): ImportSummary;
  /** The problems found in single lines so far (no store needed), of the files not named in `skip`. */
  lineIssues(skip: ReadonlySet<string>): Issue[];
  /** Empties the staging tables; call whatever happened. */
  close(): void;
}

interface StagedFile {
  fileNo: number;
  name: string;
  kind: CsvKind;
  summary: FileSummary;
}

interface StagedRow {
  seq: number;
  line: number;
  key: string;
  row: string;
}
/** A StagedRow as a page query gives it (raw). */
type StagedTuple = [seq: number, line: number, key: string, row: string];

interface PendingIssue {
  fileNo: number;
  line: number;
  issue: Issue;
}

/** How a run reads what its files leave to the reader: D/M/YYYY dates in `dateOrder` (else the bench process's order). */
export interface ImportReading {
  dateOrder?: DateOrder;
}

/** Prepared once per core: the staging tables and every statement an import run uses. */
export function createImportRunner(ctx: CoreContext, products: ProductReader): { open(reading?: ImportReading): ImportRun } {
  const { db } = ctx;
  db.exec(`
    CREATE TEMP TABLE IF NOT EXISTS import_rows (
      seq INTEGER PRIMARY KEY, file_no INTEGER NOT NULL, line INTEGER NOT NULL, key TEXT NOT NULL, row TEXT NOT NULL);
    CREATE INDEX IF NOT EXISTS temp.import_rows_by_key ON import_rows (file_no, key, seq);
    CREATE TEMP TABLE IF NOT EXISTS import_issues (file_no INTEGER NOT NULL, line INTEGER NOT NULL, message TEXT NOT NULL, sku TEXT);
    CREATE INDEX IF NOT EXISTS temp.import_issues_by_sku ON import_issues (sku) WHERE sku IS NOT NULL;
  `);
  db.pragma(`temp.cache_size = ${-STAGE_CACHE_KIB}`);
  // The key index is built once all rows are staged (one sort), not kept up to date row by row.
  // Built on first use: a file of new identifiers (the large case) never needs it.
  const dropKeyIndex = db.prepare('DROP INDEX IF EXISTS temp.import_rows_by_key');
  const createKeyIndex = db.prepare('CREATE INDEX IF NOT EXISTS temp.import_rows_by_key ON import_rows (file_no, key, seq)');
  const stageRow = db.prepare('INSERT INTO temp.import_rows (file_no, line, key, row) VALUES (?, ?, ?, ?)');
  // One statement per row cost about a fifth of the staging's CPU (binding and stepping); seq still follows file order.
  const stageRows = db.prepare(`INSERT INTO temp.import_rows (file_no, line, key, row) VALUES ${Array(STAGE_ROWS_PER_INSERT).fill('(?, ?, ?, ?)').join(', ')}`);
  /** A line refused on its own; `sku` is a products line's SKU (its identifiers and orders lines then say why it is unknown). */
  const stageIssue = db.prepare<[number, number, string, string | null]>('INSERT INTO temp.import_issues (file_no, line, message, sku) VALUES (?, ?, ?, ?)');
  const refusedProductLine = db.prepare<[string], { file_no: number; line: number }>(
    'SELECT file_no, line FROM temp.import_issues WHERE sku = ? ORDER BY file_no, line LIMIT 1',
  );
  const meantSku = createMeantSku(db);
  const clearStage = db.transaction(() => {
    db.prepare('DELETE FROM temp.import_rows').run();
    db.prepare('DELETE FROM temp.import_issues').run();
  });
  // Pages come as arrays (raw), made into StagedRow objects in JavaScript: better-sqlite3 builds a row
  // object property by property through V8's API, about 0.5 s of CPU more on a 1,000,000-row file.
  const stagedPage = db.prepare<[number, number, number], StagedTuple>(
    // `+file_no`: walk the rows in seq order (the primary key), never sort a file's rows per page.
    'SELECT seq, line, key, row FROM temp.import_rows WHERE seq > ? AND +file_no = ? ORDER BY seq LIMIT ?',
  ).raw();
  const stagedRow = db.prepare<[number], StagedRow>('SELECT seq, line, key, row FROM temp.import_rows WHERE seq = ?');
  const earlierSameKey = db.prepare<[number, string, number], number>(
    'SELECT line FROM temp.import_rows WHERE file_no = ? AND key = ? AND seq < ? ORDER BY seq LIMIT 1',
  ).pluck();
  /** The first row of each order number in a file, in file order. */
  const firstRowsPage = db.prepare<[number, number, number], StagedTuple>(
    `SELECT seq, line, key, row FROM temp.import_rows s WHERE s.seq > ? AND +s.file_no = ?
       AND NOT EXISTS (SELECT 1 FROM temp.import_rows t WHERE t.file_no = s.file_no AND t.key = s.key AND t.seq < s.seq)
     ORDER BY s.seq LIMIT ?`,
  ).raw();
  const rowsOfKey = db.prepare<[number, string], StagedRow>('SELECT seq, line, key, row FROM temp.import_rows WHERE file_no = ? AND key = ? ORDER BY seq');
  const stagedIssues = db.prepare<[number], { file_no: number; line: number; message: string }>(
    'SELECT file_no, line, message FROM temp.import_issues ORDER BY file_no, line LIMIT ?',
  );

  const insertProduct = db.prepare(
    `INSERT INTO products (sku, title, barcode, identifier_mode, stock_level, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const updateProductText = db.prepare('UPDATE products SET title = ?, barcode = ?, updated_at = ? WHERE id = ?');
  const setStock = db.prepare('UPDATE products SET stock_level = ?, updated_at = ? WHERE id = ?');
  const setSpec = db.prepare('UPDATE products SET identifier_kind = ?, identifier_format = ?, min_shelf_life_days = ?, updated_at = ? WHERE id = ?');
  const specOp = (spec: IdentifierSpec | undefined) => (spec ? { ...spec } : {});
  const barcodeHolders = createBarcodeHolders(db);
  const laterRowOfKey = db.prepare<[number, string, number], { line: number; row: string }>(
    'SELECT line, row FROM temp.import_rows WHERE file_no = ? AND key = ? AND seq > ? ORDER BY seq LIMIT 1',
  );
  const sameSpec = (a: IdentifierSpec, b: IdentifierSpec) => JSON.stringify(a) === JSON.stringify(b);
  const identifierExists = db.prepare<[number, string], { id: number }>('SELECT id FROM identifiers WHERE product_id = ? AND value = ?');
  /** Inserts a value (with its lot's use-by date) the product does not hold yet; `changes` is 0 when it already does (one index probe, not two). */
  const insertNewIdentifier = db.prepare<[number, string, string, string | null]>(
    `INSERT INTO identifiers (product_id, value, status, created_at, use_by) VALUES (?, ?, 'available', ?, ?) ON CONFLICT (product_id, value) DO NOTHING`,
  );
  /**
   * New values given as a JSON array of [product id, value, use-by date] (text as bytes: NewValueBatch),
   * inserted in its order (ids follow it); those held already are skipped. json_each yields the array in
   * rowid order and tells the planner so: ORDER BY its rowid needs no sort (ORDER BY key sorted each batch).
   */
  const insertEveryNewIdentifier = db.prepare<[string, Buffer]>(
    `INSERT INTO identifiers (product_id, value, status, created_at, use_by)
     SELECT v.value ->> 0, v.value ->> 1, 'available', ?, v.value ->> 2 FROM json_each(CAST(? AS TEXT)) v WHERE true ORDER BY v.rowid
     ON CONFLICT (product_id, value) DO NOTHING`,
  );
  const history = createHistoryRecorder(db, ctx);
  const bulkOps = createBulkIdentifierOps(db, ctx);
  const useByOf = db.prepare<[number], string | null>('SELECT use_by FROM identifiers WHERE id = ?').pluck();
  const setUseBy = db.prepare('UPDATE identifiers SET use_by = ? WHERE id = ?');
  const lastIdentifierId = db.prepare('SELECT coalesce(max(id), 0) FROM identifiers').pluck();
  /** Single-use products given identifiers since `id` that now hold more than one per unit in stock. */
  const overfilled = db.prepare<[number, number], { sku: string; stock_level: number; n: number; id: number }>(
    `SELECT p.id, p.sku, p.stock_level,
            (SELECT count(*) FROM identifiers c WHERE c.product_id = p.id AND c.status <> 'consumed') AS n
       FROM products p
      WHERE p.identifier_mode = 'single_use' AND p.id IN (SELECT DISTINCT product_id FROM identifiers WHERE id > ?)
        AND (SELECT count(*) FROM identifiers c WHERE c.product_id = p.id AND c.status <> 'consumed') > p.stock_level
      ORDER BY p.id LIMIT ?`,
  );
  /** The line of the n-th last identifier of `product` this file added (the first one over the stock). */
  const addedLine = db.prepare<[number, string, number, number, number], number>(
    `SELECT s.line FROM identifiers i JOIN temp.import_rows s ON s.file_no = ? AND s.key = ? || char(0) || i.value
      WHERE i.product_id = ? AND i.id > ? ORDER BY s.seq DESC LIMIT 1 OFFSET ?`,
  ).pluck();
  /** The lines of a file naming `sku`, in file order (a range's values are not keyed one by one). */
  const linesOfSku = db.prepare<[number, string, string], { line: number; key: string }>(
    `SELECT line, key FROM temp.import_rows WHERE file_no = ? AND key >= ? || char(0) AND key < ? || char(1) ORDER BY seq`,
  );
  /**
   * The lines of a file naming `sku` that may hold a value written otherwise than it is keyed: its
   * ranges, or (the last argument 1) every line, as a use-by date has several spellings.
   */
  const linesOfSkuSpelledOtherwise = db.prepare<[number, string, string, number], { line: number; key: string }>(
    `SELECT line, key FROM temp.import_rows WHERE file_no = ? AND key >= ? || char(0) AND key < ? || char(1)
       AND (? OR instr(key, '..') OR instr(key, ' +')) ORDER BY seq`, // instr, not LIKE: LIKE stops at the key's NUL
  );
  /** The last line of the file naming `sku` (a range's values are not keyed one by one). */
  const lastLineOf = db.prepare<[number, string, string], number>(
    `SELECT max(line) FROM temp.import_rows WHERE file_no = ? AND key >= ? || char(0) AND key < ? || char(1)`,
  ).pluck();
  const orderByNumber = db.prepare<[string], { id: number; customer: string }>('SELECT id, customer FROM orders WHERE order_number = ?');
  const orderLines = db.prepare<[number], { line_no: number; sku: string; quantity: number }>(
    'SELECT l.line_no, p.sku, l.quantity FROM order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = ? ORDER BY l.line_no',
  );
  const insertOrder = db.prepare(`INSERT INTO orders (order_number, customer, status, created_at) VALUES (?, ?, 'awaiting', ?)`);
  const insertLine = db.prepare('INSERT INTO order_lines (order_id, line_no, product_id, quantity) VALUES (?, ?, ?, ?)');

  function open(reading: ImportReading = {}): ImportRun {
    clearStage();
    dropKeyIndex.run();
    let keyIndexBuilt = false;
    const ensureKeyIndex = () => {
      if (keyIndexBuilt) return;
      createKeyIndex.run();
      keyIndexBuilt = true;
    };
    const firstLineOfKey = (fileNo: number, key: string, seq: number) => {
      ensureKeyIndex();
      return earlierSameKey.get(fileNo, key, seq);
    };
    const files: StagedFile[] = [];
    let stagedIssueCount = 0;
    /** Staged rows' values, STAGE_COLUMNS a row, flat: groups of them go to one multi-row INSERT. */
    let buffered: Array<number | string> = [];
    const flush = db.transaction(() => {
      const groupSize = STAGE_ROWS_PER_INSERT * STAGE_COLUMNS;
      let at = 0;
      for (; at + groupSize <= buffered.length; at += groupSize) stageRows.run(buffered.slice(at, at + groupSize));
      for (; at < buffered.length; at += STAGE_COLUMNS) stageRow.run(buffered.slice(at, at + STAGE_COLUMNS));
    });
    const flushStaged = () => {
      if (!buffered.length) return;
      flush();
      buffered = [];
    };

    function addFile(name: string, header: CsvRecord | undefined): FileStage {
      const { kind, columns } = readHeader(name, header);
      const file: StagedFile = { fileNo: files.length + 1, name, kind, summary: { name, kind, rows: 0, added: 0, updated: 0, unchanged: 0 } };
      files.push(file);
      const keyOf = stagingKey[kind] as (row: unknown) => string;
      const hasUnnamed = columns.includes('');
      return {
        kind,
        add({ line, record }) {
          file.summary.rows++;
          const unnamed = record.length === columns.length && hasUnnamed ? unnamedColumnProblem(columns, record) : null;
          const checked = record.length !== columns.length
            ? { ok: false as const, message: `The line has ${counted(record.length, 'field', 'fields')}; the header has ${withThousands(columns.length)}.` }
            : unnamed !== null
              ? { ok: false as const, message: unnamed }
              : checkCsvRow(kind, recordFields(columns, record));
          if (!checked.ok) {
            stagedIssueCount++;
            flushStaged();
            stageIssue.run(file.fileNo, line, checked.message, kind === 'products' ? recordFields(columns, record).sku || null : null);
            return;
          }
          // An identifier row is its key and its lot's use-by date as written: no JSON to write now and parse again when applied.
          buffered.push(file.fileNo, line, keyOf(checked.row), kind === 'identifiers' ? ((checked.row as CheckedIdentifierRow).useBy ?? '') : JSON.stringify(checked.row));
          if (buffered.length >= STAGE_CHUNK * STAGE_COLUMNS) flushStaged();
        },
      };
    }

    function apply(onPage?: (progress: ApplyProgress) => void): ImportSummary {
      flushStaged();
      const ordered = [...files].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
      const rowsTotal = files.reduce((n, f) => n + f.summary.rows, 0);
      let rowsApplied = 0;
      const applyIssues: PendingIssue[] = [];
      let applyIssueCount = 0;
      const report = (file: StagedFile, line: number, message: string) => {
        applyIssueCount++;
        if (applyIssues.length < MAX_REPORTED_ISSUES) applyIssues.push({ fileNo: file.fileNo, line, issue: issueAt(file.name, line, message) });
      };
      const now = ctx.now();
      // Product rows do not change while identifiers and orders are applied: look each SKU up once.
      let cached = new Map<string, ReturnType<ProductReader['findRowBySku']>>();
      const productBySku = (sku: string) => {
        if (cached.has(sku)) return cached.get(sku);
        if (cached.size >= PRODUCT_CACHE) cached = new Map();
        const row = products.findRowBySku(sku);
        cached.set(sku, row);
        return row;
      };
      /**
       * `Unknown SKU "X".` with the SKU probably meant (meant-sku.ts), or the products line of this import
       * that gave X and was refused: the one cause, not a cascade of unknown SKUs. Asked only for a SKU not
       * found (no query on the good path); the last answer is kept, as a SKU's lines come together. The
       * suggestion is looked for only while refusals are still listed: at most MAX_REPORTED_ISSUES an import.
       */
      let lastUnknown = { sku: '', message: '' };
      const unknownSku = (sku: string) => {
        if (lastUnknown.sku === sku) return lastUnknown.message;
        const refused = refusedProductLine.get(sku);
        const meant = refused || applyIssues.length >= MAX_REPORTED_ISSUES ? undefined : meantSku(sku);
        const message = refused
          ? `SKU ${sku}'s line in ${files[refused.file_no - 1]!.name} (line ${refused.line}) was refused.`
          : `Unknown SKU "${sku}"${didYouMeanSku(meant)}.`;
        lastUnknown = { sku, message };
        return message;
      };
      // Told between pages and between the long steps after them: progress, and a Cancel to heed.
      const betweenSteps = () => onPage?.({ rowsApplied: Math.min(rowsApplied, rowsTotal), rowsTotal });
      const pages = (file: StagedFile, query: typeof stagedPage, each: (row: StagedRow) => void) => {
        for (let after = 0; ; ) {
          const page = query.all(after, file.fileNo, APPLY_PAGE);
          if (!page.length) return;
          for (const [seq, line, key, row] of page) each({ seq, line, key, row });
          after = page[page.length - 1]![0];
          rowsApplied += page.length;
          betweenSteps();
        }
      };

      /**
       * Where an earlier file of the same kind in this import lists `key` ("a.csv line 2"): a SKU or an
       * order in two files would otherwise take whichever file came last, or be told it "already exists".
       * Looked up in the staged rows (no set of every key held), and only when such a file exists.
       */
      const inEarlierFile = (file: StagedFile, key: string): string | undefined => {
        for (const earlier of ordered) {
          if (earlier === file) return undefined;
          if (earlier.kind !== file.kind) continue;
          const line = firstLineOfKey(earlier.fileNo, key, Number.MAX_SAFE_INTEGER);
          if (line !== undefined) return `${earlier.name} line ${line}`;
        }
        return undefined;
      };

      /** Each identifiers file applied so far with the last identifier id before it: which file added an id. */
      const identifierFiles: Array<{ file: StagedFile; before: number }> = [];
      /**
       * Where an earlier identifiers file of this import lists `raw` of `sku`, held with id `id`: on a line
       * of its own (its key), or, when that file added it, in one of its ranges ("a.csv line 2"); as one
       * file's line listed twice is, not "unchanged" in the later file. Looked up only for a value held already.
       */
      const identifierInEarlierFile = (file: StagedFile, sku: string, raw: string, id: number): string | undefined => {
        const byLine = inEarlierFile(file, `${sku}\u0000${raw}`);
        if (byLine !== undefined) return byLine;
        const adder = identifierFiles.findLast((f) => f.file !== file && f.before < id)?.file;
        if (!adder) return undefined;
        // Only while the message is still shown: a file repeating a large range would otherwise read it once per value.
        if (applyIssues.length < MAX_REPORTED_ISSUES) {
          for (const { line, key } of linesOfSku.iterate(adder.fileNo, sku, sku)) {
            const range = parseRange(identifierOfKey(key).value);
            if (range.kind === 'range' && rangeHolds(range.range, raw)) return `${adder.name} line ${line}`;
          }
        }
        return adder.name;
      };

      /** Adds or updates one products row (checked, not listed twice); false when refused (reported through `at`). */
      const applyProduct = (file: StagedFile, at: (message: string) => void, { sku, title, barcode, mode, stock, spec }: CheckedProductRow): boolean => {
        const existing = products.findRowBySku(sku);
        if (!existing) {
          const id = Number(insertProduct.run(sku, title, barcode, mode, stock, now).lastInsertRowid);
          if (spec) setSpec.run(spec.identifierKind, spec.identifierFormat && JSON.stringify(spec.identifierFormat), spec.minShelfLifeDays, now, id);
          ctx.recordOp({ type: 'product.upsert', sku, title, barcode, identifierMode: mode, ...specOp(spec) });
          // A catalogue's stock is a count, not a change: the same file imported elsewhere never doubles it.
          // (A new product starts at 0 at the hub too, so a count of 0 for it says nothing new.)
          if (stock) ctx.recordOp({ type: 'stock.count', sku, level: stock, countedAt: now });
          file.summary.added++;
          return true;
        }
        if (existing.identifier_mode !== mode) {
          at(`SKU ${sku} exists with identifier mode ${existing.identifier_mode}; change the mode on the product screen.`);
          return false;
        }
        if (existing.stock_level !== stock && mode !== 'none') {
          at(`SKU ${sku} has ${withThousands(existing.stock_level)} in stock; the stock of a product with identifiers changes with its identifiers on the product screen.`);
          return false;
        }
        let changed = false;
        const specChanged = spec !== undefined && !sameSpec(spec, specOf(existing));
        if (existing.title !== title || existing.barcode !== barcode || specChanged) {
          updateProductText.run(title, barcode, now, existing.id);
          // A changed format keeps the identifiers already there; the product screen lists those that do not fit.
          if (spec && specChanged) setSpec.run(spec.identifierKind, spec.identifierFormat && JSON.stringify(spec.identifierFormat), spec.minShelfLifeDays, now, existing.id);
          ctx.recordOp({ type: 'product.upsert', sku, title, barcode, identifierMode: mode, ...specOp(spec) });
          changed = true;
        }
        if (existing.stock_level !== stock) {
          setStock.run(stock, now, existing.id);
          ctx.recordOp({ type: 'stock.count', sku, level: stock, countedAt: now });
          changed = true;
        }
        if (changed) file.summary.updated++;
        else file.summary.unchanged++;
        return true;
      };

      /** Products whose line was refused for a barcode another product keeps: that product's own line is not refused for it again. */
      const refusedForBarcode = new Set<string>();
      /**
       * Refuses the row when another product has its barcode, naming where that product's line is. One
       * listed later in this import that moves to another barcode there is left to its line; one whose
       * later line keeps this barcode has it first (on this bench): this row is the one refused. (It was
       * let through, and the holder's own unchanged line was refused for the newcomer's barcode, or
       * nothing was said when that line was refused for something else.)
       */
      const checkBarcode = (file: StagedFile, seq: number, at: (message: string) => void, sku: string, barcode: string) => {
        for (const holder of barcodeHolders(sku, barcode)) {
          if (refusedForBarcode.has(holder.sku)) continue;
          const later = laterLineOf(file, seq, holder.sku);
          if (later && !later.keeps(barcode)) continue;
          refusedForBarcode.add(sku);
          if (later) return at(sharedBarcodeMessage(barcode, holder, `on this bench, kept on ${later.where}`));
          const earlierLine = firstLineOfKey(file.fileNo, holder.sku, seq);
          const where = earlierLine === undefined ? (inEarlierFile(file, holder.sku) ?? 'on this bench') : `line ${earlierLine}`;
          return at(sharedBarcodeMessage(barcode, holder, where));
        }
      };
      /** `sku`'s next products line after `seq` of `file` in this import (files are applied in `ordered`): where, and whether it keeps a barcode. */
      const laterLineOf = (file: StagedFile, seq: number, sku: string): { where: string; keeps: (barcode: string) => boolean } | undefined => {
        ensureKeyIndex();
        const found = (staged: StagedFile, after: number) => {
          const later = laterRowOfKey.get(staged.fileNo, sku, after);
          if (!later) return undefined;
          const theirs = (JSON.parse(later.row) as CheckedProductRow).barcode;
          return {
            where: staged === file ? `line ${later.line}` : `${staged.name} line ${later.line}`,
            keeps: (barcode: string) => theirs !== null && sameBarcodeForms(barcode).includes(theirs),
          };
        };
        const here = found(file, seq);
        if (here) return here;
        for (const staged of ordered.slice(ordered.indexOf(file) + 1)) {
          if (staged.kind !== 'products') continue;
          const there = found(staged, 0);
          if (there) return there;
        }
        return undefined;
      };

      const importers: Record<CsvKind, (file: StagedFile) => void> = {
        products(file) {
          const seen = new Set<string>();
          pages(file, stagedPage, ({ seq, line, key, row }) => {
            const at = (message: string) => report(file, line, message);
            const { sku, title, barcode, mode, stock, spec } = JSON.parse(row) as CheckedProductRow;
            const firstLine = seen.has(key) ? firstLineOfKey(file.fileNo, key, seq) : undefined;
            seen.add(key);
            const first = firstLine === undefined ? inEarlierFile(file, key) : `line ${firstLine}`;
            if (first !== undefined) return at(`SKU ${sku} is listed twice (also ${first}).`);
            const applied = applyProduct(file, at, { sku, title, barcode, mode, stock, spec });
            if (applied && barcode !== null) checkBarcode(file, seq, at, sku, barcode);
          });
        },

        identifiers(file) {
          // A file's dates are read by no one: one whose day and month could be swapped is refused (use-by-dates.ts).
          const dates = { ...benchDates(ctx), ...(reading.dateOrder ? { order: reading.dateOrder } : {}), refuseAmbiguous: true };
          const before = lastIdentifierId.get() as number;
          identifierFiles.push({ file, before });
          const deferred = file.summary.rows >= BULK_INDEX_ROWS ? deferIdentifierIndexes(db, file.summary.rows) : null;
          // A held lot's corrected date (issue 12): few, sent as the file gives them.
          let pendingDates = new Map<string, Array<{ value: string; useBy: string | null }>>();
          let pendingCount = 0;
          const writeDates = () => {
            for (const [sku, dates] of pendingDates) ctx.recordOp({ type: 'identifier.use_by', sku, dates });
            pendingDates = new Map();
            pendingCount = 0;
          };
          const queueDate = (sku: string, item: { value: string; useBy: string | null }) => {
            const list = pendingDates.get(sku);
            if (list) list.push(item);
            else pendingDates.set(sku, [item]);
            if (++pendingCount >= PENDING_VALUES) writeDates();
          };
          /** Spec per product id: parsed once, not once per row. */
          const specs = new Map<number, IdentifierSpec>();
          // The helpers below are created once per file, not once per row (a million rows, a million closures).
          /** A lot already held takes the file's use-by date (a correction); the same date again changes nothing. */
          const dateHeldLot = (id: number, sku: string, value: string, useBy: string | null) => {
            if (useBy === null || useByOf.get(id) === useBy) return false;
            setUseBy.run(useBy, id);
            queueDate(sku, { value, useBy });
            return true;
          };
          // A line repeating an earlier line of the file: looked up only when this line's value is refused
          // or already held (a new value cannot repeat an earlier line), not once per line.
          const listedTwice = ({ seq, line, key }: StagedRow, written: string, sku: string) => {
            const first = firstLineOfKey(file.fileNo, key, seq);
            return first === undefined ? false : (report(file, line, `"${written}" for ${sku} is listed twice (also line ${first}).`), true);
          };
          /** Adds one value of a line; false when the line is refused (reported). */
          const addValue = (staged: StagedRow, product: ProductRow, spec: IdentifierSpec, raw: string, useBy: string | null, isRange: boolean): boolean => {
            // Issue 12: the product's kind and format (a use-by date is stored as YYYY-MM-DD).
            const check = normaliseEntry(raw, spec, dates);
            if (!check.ok) {
              if (!isRange && listedTwice(staged, raw, product.sku)) return false;
              report(file, staged.line, entryRefusal(raw, check));
              return false;
            }
            if (isRange) return insertValue(staged, product, check.value, raw, useBy, true);
            if (!batch.add(staged.seq, product.id, check.value, useBy)) {
              insertNewValues();
              batch.add(staged.seq, product.id, check.value, useBy);
            }
            if (batch.full) insertNewValues();
            return true;
          };
          /**
           * The lines of this file naming `sku` that may give a value written otherwise than it is keyed: its
           * ranges (in file order), and the first line of each value another spelling gives (a use-by date's
           * forms; a range-looking line that is no range). Read once per SKU, on its first repeat: a repeat
           * each row of a 1,000,000-row file would otherwise read the SKU's rows once per repeat.
           */
          const repeatSources = new Map<string, { ranges: Array<{ line: number; range: IdentifierRange }>; firstLineOf: Map<string, number> }>();
          const repeatSourcesOf = (sku: string, spec: IdentifierSpec) => {
            const known = repeatSources.get(sku);
            if (known) return known;
            const byDate = spec.identifierKind === 'use_by';
            const found = { ranges: [] as Array<{ line: number; range: IdentifierRange }>, firstLineOf: new Map<string, number>() };
            for (const { line, key } of linesOfSkuSpelledOtherwise.iterate(file.fileNo, sku, sku, byDate ? 1 : 0)) {
              const written = identifierOfKey(key).value;
              const range = byDate ? null : parseRange(written);
              if (range?.kind === 'range') found.ranges.push({ line, range: range.range });
              else {
                const check = normaliseEntry(written, spec, dates);
                if (check.ok && !found.firstLineOf.has(check.value)) found.firstLineOf.set(check.value, line);
              }
            }
            repeatSources.set(sku, found);
            return found;
          };
          /**
           * The earlier line of this file that gave `value` (stored form) of `sku`: written so, in a range, or
           * as another spelling of the same use-by date. Looked for only while the message is still shown.
           */
          const earlierLineHolding = (staged: StagedRow, sku: string, spec: IdentifierSpec, value: string): number | undefined => {
            if (applyIssues.length >= MAX_REPORTED_ISSUES) return undefined;
            const keyed = firstLineOfKey(file.fileNo, `${sku}\u0000${value}`, staged.seq);
            if (keyed !== undefined) return keyed;
            const { ranges, firstLineOf } = repeatSourcesOf(sku, spec);
            const spelled = firstLineOf.get(value);
            const inRange = ranges.find(({ line, range }) => line < staged.line && rangeHolds(range, value))?.line;
            const earlier = [spelled, inRange].filter((line): line is number => line !== undefined && line < staged.line);
            return earlier.length ? Math.min(...earlier) : undefined;
          };
          /** `"SN-3" for CTN is listed twice (also line 2).`, or from a range line "(the range on this line repeats line 2)". */
          const reportRepeated = (staged: StagedRow, sku: string, spec: IdentifierSpec, value: string, isRange: boolean) => {
            const earlier = earlierLineHolding(staged, sku, spec, value);
            const where = earlier === undefined ? 'another line' : `line ${earlier}`;
            report(file, staged.line, `"${value}" for ${sku} is listed twice (${isRange ? `the range on this line repeats ${where}` : `also ${where}`}).`);
          };
          /** Inserts one value, or says why not (held already, listed twice); false when the line is refused (reported). */
          const insertValue = (staged: StagedRow, product: ProductRow, value: string, raw: string, useBy: string | null, isRange: boolean): boolean => {
            if (insertNewIdentifier.run(product.id, value, now, useBy).changes === 0) return heldOrRepeated(staged, product, value, raw, useBy, isRange);
            // Its sync op is written from the store once the file is in (bulkOps).
            file.summary.added++;
            return true;
          };
          /** A value the product holds already: unchanged, a held lot's new date, or a line listed twice (false: refused, reported). */
          const heldOrRepeated = (staged: StagedRow, product: ProductRow, value: string, raw: string, useBy: string | null, isRange: boolean): boolean => {
            if (!isRange && listedTwice(staged, raw, product.sku)) return false;
            // Added earlier in this file: by a range, or written another way (a use-by date).
            const existing = identifierExists.get(product.id, value)!;
            if (existing.id > before) {
              reportRepeated(staged, product.sku, specs.get(product.id) ?? specOf(product), value, isRange);
              return false;
            }
            const earlier = identifierInEarlierFile(file, identifierOfKey(staged.key).sku, raw, existing.id);
            if (earlier !== undefined) {
              report(file, staged.line, `"${raw}" for ${product.sku} is listed twice (also ${earlier}).`);
              return false;
            }
            if (!dateHeldLot(existing.id, product.sku, value, useBy)) file.summary.unchanged++;
            return true;
          };
          /**
           * Values of single-value lines checked and waiting to be inserted, in file order, many in one
           * statement (a statement per value cost more than the row itself). Written before a range line
           * (it looks at what the product holds) and once the lines are read.
           */
          const batch = new NewValueBatch(NEW_VALUES_PER_INSERT, NEW_VALUE_BYTES_PER_INSERT);
          const insertNewValues = () => {
            if (!batch.size) return;
            const lastBefore = lastIdentifierId.get() as number;
            const json = batch.json();
            const inserted = insertEveryNewIdentifier.run(now, json).changes;
            if (inserted === batch.size) {
              file.summary.added += inserted;
              batch.clear();
              return;
            }
            // Some were held already or repeat another line: the statement skipped those (DO NOTHING) and
            // inserted the others in order, so a value's first line here holds its new id. Each skipped one
            // is told as inserting it alone would have told it. (No savepoint to undo the statement: its
            // journal cost more than the inserts.)
            const entries = batch.parse();
            const seqs = entries.map((_, i) => batch.seqAt(i));
            batch.clear();
            const added = new Set<number>();
            entries.forEach(([productId, value, useBy], i) => {
              const { id } = identifierExists.get(productId, value)!;
              if (id > lastBefore && !added.has(id)) {
                added.add(id);
                file.summary.added++;
                return;
              }
              // The line again, as it was when the value was checked (a single value: written as the key holds it).
              const staged = stagedRow.get(seqs[i]!)!;
              const { sku, value: written } = identifierOfKey(staged.key);
              heldOrRepeated(staged, productBySku(sku)!, value, written, useBy, false);
            });
          };
          pages(file, stagedPage, (staged) => {
            const { line, key, row } = staged;
            const { sku, value: written } = identifierOfKey(key);
            const product = productBySku(sku);
            if (!product) return report(file, line, unknownSku(sku));
            if (product.identifier_mode === 'none') return report(file, line, `SKU ${product.sku} has no dispatch identifiers (mode none).`);
            let spec = specs.get(product.id);
            if (!spec) specs.set(product.id, (spec = specOf(product)));
            const lotDate = normaliseLotDate(row === '' ? undefined : row, spec.identifierKind, dates);
            if (!lotDate.ok) return report(file, line, `use_by: "${written}" of ${product.sku} ${lotDate.reason}.`);
            // Issue 12: "first..last" or "first +count" is a range of values (not for use-by dates).
            const range = spec.identifierKind === 'use_by' ? null : parseRange(written);
            if (range?.kind === 'invalid') return report(file, line, `The range "${written}" was refused: ${range.reason}.`);
            if (range?.kind !== 'range') return void addValue(staged, product, spec, written, lotDate.useBy, false);
            insertNewValues();
            const raws = expandRange(range.range);
            // Importing the same file again changes nothing; a range the product only partly holds collides.
            // A value an earlier line of this file gave is listed twice, not "already held" by the product.
            let repeated: string | undefined;
            const held = rangeCollisions(raws, (v) => {
              const existing = identifierExists.get(product.id, v);
              if (existing && existing.id > before) repeated ??= v;
              return existing !== undefined;
            });
            if (repeated !== undefined) return reportRepeated(staged, product.sku, spec, repeated, true);
            if (held.count > 0 && held.count < raws.length) return report(file, line, `The range "${written}" was refused: ${describeCollisions(held, `held by ${product.sku}`)}.`);
            for (const raw of raws) if (!addValue(staged, product, spec, raw, lotDate.useBy, true)) return;
          });
          insertNewValues();
          writeDates();
          betweenSteps();
          deferred?.restoreIdentifierIndexes();
          betweenSteps();
          bulkOps.addedSince(before, betweenSteps);
          history.addedSince(before);
          deferred?.finish(before, betweenSteps);
          for (const p of overfilled.all(before, MAX_REPORTED_ISSUES)) {
            ensureKeyIndex();
            const line = addedLine.get(file.fileNo, p.sku, p.id, before, p.n - p.stock_level - 1) ?? lastLineOf.get(file.fileNo, p.sku, p.sku) ?? 0;
            report(file, line, `SKU ${p.sku} is single use with ${withThousands(p.stock_level)} in stock; this makes ${counted(p.n, 'identifier', 'identifiers')} (one per unit allowed).`);
          }
        },

        orders(file) {
          ensureKeyIndex();
          pages(file, firstRowsPage, ({ line: firstLine, key: orderNumber }) => {
            let customer = '';
            let bad = false;
            const lines: Array<{ sku: string; quantity: number; productId: number }> = [];
            for (const { line, row } of rowsOfKey.all(file.fileNo, orderNumber)) {
              const order = JSON.parse(row) as CheckedOrderRow;
              if (line === firstLine) customer = order.customer;
              const product = productBySku(order.sku);
              if (!product) {
                report(file, line, unknownSku(order.sku));
                bad = true;
              } else if (order.customer !== customer) {
                report(file, line, `Order ${orderNumber} has customer "${customer}" on line ${firstLine} and "${order.customer}" here.`);
                bad = true;
              } else lines.push({ sku: product.sku, quantity: order.quantity, productId: product.id });
            }
            if (bad) return;
            const earlier = inEarlierFile(file, orderNumber);
            if (earlier !== undefined) return report(file, firstLine, `Order ${orderNumber} is also in ${earlier}; put all of an order's rows in one file.`);
            const existing = orderByNumber.get(orderNumber);
            if (existing) {
              const current = orderLines.all(existing.id);
              const same = existing.customer === customer && current.length === lines.length &&
                current.every((l, i) => l.sku === lines[i]!.sku && l.quantity === lines[i]!.quantity);
              if (same) file.summary.unchanged++;
              else report(file, firstLine, `Order ${orderNumber} already exists with different lines or customer.`);
              return;
            }
            const orderId = Number(insertOrder.run(orderNumber, customer, now).lastInsertRowid);
            lines.forEach((l, i) => insertLine.run(orderId, i + 1, l.productId, l.quantity));
            ctx.recordOp({ type: 'order.upsert', orderNumber, customer, lines: lines.map((l, i) => ({ lineNo: i + 1, sku: l.sku, quantity: l.quantity })) });
            file.summary.added++;
          });
        },
      };

      const applyAll = db.transaction((): ImportSummary => {
        for (const file of ordered) importers[file.kind](file);
        const total = stagedIssueCount + applyIssueCount;
        if (total) {
          const kindRank = (fileNo: number) => KIND_ORDER.indexOf(files[fileNo - 1]!.kind);
          const all: PendingIssue[] = [
            ...stagedIssues.all(MAX_REPORTED_ISSUES).map((r) => ({ fileNo: r.file_no, line: r.line, issue: issueAt(files[r.file_no - 1]!.name, r.line, r.message) })),
            ...applyIssues,
          ].sort((a, b) => kindRank(a.fileNo) - kindRank(b.fileNo) || a.fileNo - b.fileNo || a.line - b.line);
          const shown = all.slice(0, MAX_REPORTED_ISSUES).map((p) => p.issue);
          const more = total > shown.length ? ` (first ${shown.length} shown)` : '';
          throw new BenchError('validation', `${counted(total, 'line needs', 'lines need')} fixing${more}; nothing was imported.`, shown);
        }
        const summaries = ordered.map((f) => f.summary);
        if (summaries.some((s) => s.added || s.updated)) ctx.audit('import', files.map((f) => f.name).join(', '), summaries);
        return { files: summaries };
      });
      // A large import dirties pages across the identifier indexes (one leaf per product in each): a cache
      // that holds them writes each page once at the commit rather than spilling it to the WAL again and again.
      const cacheBefore = db.pragma('cache_size', { simple: true }) as number;
      db.pragma(`cache_size = ${-APPLY_CACHE_KIB}`);
      try {
        return applyAll.immediate();
      } finally {
        db.pragma(`cache_size = ${cacheBefore}`);
      }
    }

    function lineIssues(skip: ReadonlySet<string>): Issue[] {
      flushStaged();
      return stagedIssues
        .all(MAX_REPORTED_ISSUES)
        .filter((r) => !skip.has(files[r.file_no - 1]!.name))
        .map((r) => issueAt(files[r.file_no - 1]!.name, r.line, r.message));
    }

    return { addFile, apply, lineIssues, close: () => clearStage() };
  }

  return { open };
}

/** The SKU and value of an identifier row from its staging key (a SKU never holds a NUL: the row check refuses control characters). */
function identifierOfKey(key: string): CheckedIdentifierRow {
  const cut = key.indexOf('\u0000');
  return { sku: key.slice(0, cut), value: key.slice(cut + 1) };
}

/** What a row is staged under: the duplicate checks and the grouping of order lines look rows up by it. */
const stagingKey: { [K in CsvKind]: (row: K extends 'products' ? CheckedProductRow : K extends 'identifiers' ? CheckedIdentifierRow : CheckedOrderRow) => string } = {
  products: (row) => row.sku,
  identifiers: (row) => `${row.sku}\u0000${row.value}`,
  orders: (row) => row.orderNumber,
};

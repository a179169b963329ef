/**
 * CSV import of products, identifiers and orders, all files in one transaction: every bad line is
 * reported with its file and line, and then nothing is imported. Re-importing the same files
 * changes nothing. Products are applied first, then identifiers, then orders, whatever the file order.
 */
import type { BenchHandlers, ImportSummary } from '../../../shared/contract/api.js';
import { BenchError, type Issue } from '../../../shared/contract/result.js';
import type { IdentifierSpec } from '../../../shared/identifiers/kinds.js';
import { IDENTIFIER_MODES, type IdentifierMode } from '../../../shared/domain/modes.js';
import { MAX_LINE_QUANTITY, MAX_STOCK_LEVEL, TEXT_RULES, textProblem, type TextRule } from '../../../shared/sync/bounds.js';
import type { CoreContext } from '../context.js';
import { benchDates, entryRefusal, normaliseEntry } from '../products/identifier-rules.js';
import { specOf, type ProductReader } from '../products/product-reader.js';
import { specFromCsv } from './identifier-spec-columns.js';
import { issueAt, parseCsvFile, type CsvKind, type ParsedCsv } from './csv-files.js';
import { demoCsvFiles } from './demo-data.js';

type Handlers = Pick<BenchHandlers, 'importCsv' | 'loadDemoData'>;
type FileSummary = ImportSummary['files'][number];

const KIND_ORDER: CsvKind[] = ['products', 'identifiers', 'orders'];

/** "sku contains a control character (NUL)." or null: a CSV column against the shared bounds. */
function columnProblem(column: string, value: string, rule: TextRule): string | null {
  const problem = textProblem(value, rule);
  return problem === null ? null : `${column} ${problem}.`;
}

/** A whole number in [min, max] written plainly (digits only), or null. */
function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,10}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}
const MAX_REPORTED_ISSUES = 200;

export function createImportFeature(ctx: CoreContext, products: ProductReader): Handlers {
  const { db } = ctx;
  const insertProduct = db.prepare(
    `INSERT INTO products (sku, title, barcode, identifier_mode, stock_level, updated_at) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const updateProductText = db.prepare('UPDATE products SET title = ?, barcode = ?, updated_at = ? WHERE id = ?');
  const setStock = db.prepare('UPDATE products SET stock_level = ?, updated_at = ? WHERE id = ?');
  const setSpec = db.prepare('UPDATE products SET identifier_kind = ?, identifier_format = ?, min_shelf_life_days = ?, updated_at = ? WHERE id = ?');
  const specOp = (spec: IdentifierSpec | undefined) => (spec ? { ...spec } : {});
  const sameSpec = (a: IdentifierSpec, b: IdentifierSpec) => JSON.stringify(a) === JSON.stringify(b);
  const identifierExists = db.prepare<[number, string], { id: number }>('SELECT id FROM identifiers WHERE product_id = ? AND value = ?');
  const insertIdentifier = db.prepare(
    `INSERT INTO identifiers (product_id, value, status, created_at) VALUES (?, ?, 'available', ?)`,
  );
  const unconsumed = db.prepare<[number], { n: number }>(
    `SELECT count(*) AS n FROM identifiers WHERE product_id = ? AND status <> 'consumed'`,
  );
  const orderByNumber = db.prepare<[string], { id: number; customer: string }>('SELECT id, customer FROM orders WHERE order_number = ?');
  const orderLines = db.prepare<[number], { line_no: number; sku: string; quantity: number }>(
    'SELECT l.line_no, p.sku, l.quantity FROM order_lines l JOIN products p ON p.id = l.product_id WHERE l.order_id = ? ORDER BY l.line_no',
  );
  const insertOrder = db.prepare(`INSERT INTO orders (order_number, customer, status, created_at) VALUES (?, ?, 'awaiting', ?)`);
  const insertLine = db.prepare('INSERT INTO order_lines (order_id, line_no, product_id, quantity) VALUES (?, ?, ?, ?)');

  function importProducts(file: ParsedCsv, issues: Issue[], summary: FileSummary): void {
    const seen = new Map<string, number>();
    for (const { line, fields } of file.rows) {
      const at = (message: string) => issues.push(issueAt(file.name, line, message));
      const sku = fields.sku!;
      const title = fields.title!;
      const barcode = fields.barcode || null;
      const mode = fields.identifier_mode as IdentifierMode;
      const stockText = fields.stock_level!;
      const textIssue =
        columnProblem('sku', sku, TEXT_RULES.sku) ??
        columnProblem('title', title, TEXT_RULES.title) ??
        (barcode === null ? null : columnProblem('barcode', barcode, TEXT_RULES.barcode));
      if (textIssue) { at(textIssue); continue; }
      if (seen.has(sku)) { at(`SKU ${sku} is listed twice (also line ${seen.get(sku)}).`); continue; }
      seen.set(sku, line);
      if (!IDENTIFIER_MODES.includes(mode)) { at(`identifier_mode "${fields.identifier_mode}" must be one of ${IDENTIFIER_MODES.join(', ')}.`); continue; }
      const stock = wholeNumber(stockText, 0, MAX_STOCK_LEVEL);
      if (stock === null) { at(`stock_level "${stockText}" must be a whole number from 0 to ${MAX_STOCK_LEVEL.toLocaleString('en')}.`); continue; }
      const specColumns = specFromCsv(fields);
      if ('problem' in specColumns) { at(specColumns.problem); continue; }
      const spec = specColumns.spec;
      const existing = products.findRowBySku(sku);
      const now = ctx.now();
      if (!existing) {
        const id = Number(insertProduct.run(sku, title, barcode, mode, stock, now).lastInsertRowid);
        if (spec) setSpec.run(spec.identifierKind, spec.identifierFormat && JSON.stringify(spec.identifierFormat), spec.minShelfLifeDays, now, id);
        ctx.recordOp({ type: 'product.upsert', sku, title, barcode, identifierMode: mode, ...specOp(spec) });
        // A catalogue's stock is a count, not a change: the same file imported elsewhere never doubles it.
        // (A new product starts at 0 at the hub too, so a count of 0 for it says nothing new.)
        if (stock) ctx.recordOp({ type: 'stock.count', sku, level: stock, countedAt: now });
        summary.added++;
        continue;
      }
      if (existing.identifier_mode !== mode) {
        at(`SKU ${sku} exists with identifier mode ${existing.identifier_mode}; change the mode on the product screen.`);
        continue;
      }
      if (existing.stock_level !== stock && mode !== 'none') {
        at(`SKU ${sku} has ${existing.stock_level} in stock; the stock of a product with identifiers changes with its identifiers on the product screen.`);
        continue;
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
      if (changed) summary.updated++;
      else summary.unchanged++;
    }
  }

  function importIdentifiers(file: ParsedCsv, issues: Issue[], summary: FileSummary): void {
    const dates = benchDates(ctx);
    const seen = new Map<string, number>();
    const addedBySku = new Map<string, { productId: number; stock: number; values: string[]; lines: number[] }>();
    for (const { line, fields } of file.rows) {
      const at = (message: string) => issues.push(issueAt(file.name, line, message));
      const product = products.findRowBySku(fields.sku!);
      if (!product) { at(`Unknown SKU "${fields.sku}".`); continue; }
      if (product.identifier_mode === 'none') { at(`SKU ${product.sku} has no dispatch identifiers (mode none).`); continue; }
      // Issue 12: the product's kind and format (a use-by date is stored as YYYY-MM-DD).
      const check = normaliseEntry(fields.identifier!, specOf(product), dates);
      if (!check.ok) { at(entryRefusal(fields.identifier!, check)); continue; }
      const key = `${product.sku}\u0000${check.value}`;
      if (seen.has(key)) { at(`"${check.value}" for ${product.sku} is listed twice (also line ${seen.get(key)}).`); continue; }
      seen.set(key, line);
      if (identifierExists.get(product.id, check.value)) { summary.unchanged++; continue; }
      insertIdentifier.run(product.id, check.value, ctx.now());
      summary.added++;
      const entry = addedBySku.get(product.sku) ?? { productId: product.id, stock: product.stock_level, values: [], lines: [] };
      entry.values.push(check.value);
      entry.lines.push(line);
      if (product.identifier_mode === 'single_use') addedBySku.set(product.sku, entry);
      else addedBySku.set(product.sku, { ...entry, stock: Number.POSITIVE_INFINITY });
    }
    for (const [sku, entry] of addedBySku) {
      const count = unconsumed.get(entry.productId)!.n;
      if (count > entry.stock) {
        const firstExcess = entry.lines[entry.lines.length - (count - entry.stock)]!;
        issues.push(issueAt(file.name, firstExcess, `SKU ${sku} is single use with ${entry.stock} in stock; this makes ${count} identifiers (one per unit allowed).`));
      }
      ctx.recordOp({ type: 'identifier.add', sku, values: entry.values });
    }
  }

  function importOrders(file: ParsedCsv, issues: Issue[], summary: FileSummary): void {
    const grouped = new Map<string, { customer: string; firstLine: number; lines: Array<{ sku: string; quantity: number; productId: number }> }>();
    for (const { line, fields } of file.rows) {
      const at = (message: string) => issues.push(issueAt(file.name, line, message));
      const orderNumber = fields.order_number!;
      const textIssue = columnProblem('order_number', orderNumber, TEXT_RULES.orderNumber) ?? columnProblem('customer', fields.customer!, TEXT_RULES.customer);
      if (textIssue) { at(textIssue); continue; }
      const product = products.findRowBySku(fields.sku!);
      if (!product) { at(`Unknown SKU "${fields.sku}".`); continue; }
      const quantity = wholeNumber(fields.quantity!, 1, MAX_LINE_QUANTITY);
      if (quantity === null) { at(`quantity "${fields.quantity}" must be a whole number from 1 to ${MAX_LINE_QUANTITY.toLocaleString('en')}.`); continue; }
      const group = grouped.get(orderNumber) ?? { customer: fields.customer!, firstLine: line, lines: [] };
      if (group.customer !== fields.customer) {
        at(`Order ${orderNumber} has customer "${group.customer}" on line ${group.firstLine} and "${fields.customer}" here.`);
        continue;
      }
      group.lines.push({ sku: product.sku, quantity, productId: product.id });
      grouped.set(orderNumber, group);
    }
    for (const [orderNumber, order] of grouped) {
      const existing = orderByNumber.get(orderNumber);
      if (existing) {
        const current = orderLines.all(existing.id);
        const same = existing.customer === order.customer && current.length === order.lines.length &&
          current.every((l, i) => l.sku === order.lines[i]!.sku && l.quantity === order.lines[i]!.quantity);
        if (same) summary.unchanged++;
        else issues.push(issueAt(file.name, order.firstLine, `Order ${orderNumber} already exists with different lines or customer.`));
        continue;
      }
      const orderId = Number(insertOrder.run(orderNumber, order.customer, ctx.now()).lastInsertRowid);
      order.lines.forEach((l, i) => insertLine.run(orderId, i + 1, l.productId, l.quantity));
      ctx.recordOp({
        type: 'order.upsert',
        orderNumber,
        customer: order.customer,
        lines: order.lines.map((l, i) => ({ lineNo: i + 1, sku: l.sku, quantity: l.quantity })),
      });
      summary.added++;
    }
  }

  const importers: Record<CsvKind, (file: ParsedCsv, issues: Issue[], summary: FileSummary) => void> = {
    products: importProducts,
    identifiers: importIdentifiers,
    orders: importOrders,
  };

  const importFiles = db.transaction((files: Array<{ name: string; content: string }>): ImportSummary => {
    const parsed = files.map((f) => parseCsvFile(f.name, f.content));
    parsed.sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind));
    const issues: Issue[] = [];
    const summaries = parsed.map((file) => {
      const summary: FileSummary = { name: file.name, kind: file.kind, rows: file.rows.length, added: 0, updated: 0, unchanged: 0 };
      importers[file.kind](file, issues, summary);
      return summary;
    });
    if (issues.length) {
      const shown = issues.slice(0, MAX_REPORTED_ISSUES);
      const more = issues.length > shown.length ? ` (first ${shown.length} shown)` : '';
      throw new BenchError('validation', `${issues.length} line(s) need fixing${more}; nothing was imported.`, shown);
    }
    if (summaries.some((s) => s.added || s.updated)) ctx.audit('import', files.map((f) => f.name).join(', '), summaries);
    return { files: summaries };
  });

  return {
    importCsv: ({ files }) => importFiles.immediate(files),
    loadDemoData: () => importFiles.immediate(demoCsvFiles()),
  };
}

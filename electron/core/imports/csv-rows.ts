/**
 * One CSV row checked on its own against the shared bounds (shared/sync/bounds.ts): the checks that
 * need nothing but the row. What needs the store or other rows (unknown SKU, a SKU listed twice,
 * the stock of a tracked product) is checked when the staged rows are applied (import-run.ts).
 * To add a column check, extend the kind's branch here and its `Checked…Row` type; the staging
 * table keeps the checked row as JSON, so nothing else needs to change to carry a new field.
 */
import { IDENTIFIER_MODES, type IdentifierMode } from '../../../shared/domain/modes.js';
import { MAX_LINE_QUANTITY, MAX_STOCK_LEVEL, TEXT_RULES, textProblem, type TextRule } from '../../../shared/sync/bounds.js';
import type { IdentifierSpec } from '../../../shared/identifiers/kinds.js';
import { withThousands } from '../../../shared/domain/counted.js';
import type { CsvKind } from './csv-files.js';
import { quoted } from './quoted.js';
import { specFromCsv } from './identifier-spec-columns.js';

export interface CheckedProductRow {
  sku: string;
  title: string;
  barcode: string | null;
  mode: IdentifierMode;
  stock: number;
  /** Issue 12's optional kind/format columns; undefined when the file has none of them. */
  spec?: IdentifierSpec;
}
export interface CheckedIdentifierRow {
  sku: string;
  /** As written (trimmed): the product's kind and format normalise it when applied (a use-by date). */
  value: string;
  /** Optional column use_by (issue 12): a lot's use-by date as written; absent when empty. */
  useBy?: string;
}
export interface CheckedOrderRow {
  orderNumber: string;
  customer: string;
  sku: string;
  quantity: number;
}
export interface CheckedRows {
  products: CheckedProductRow;
  identifiers: CheckedIdentifierRow;
  orders: CheckedOrderRow;
}

export type RowCheck<K extends CsvKind> = { ok: true; row: CheckedRows[K] } | { ok: false; message: string };

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

const refuse = (message: string) => ({ ok: false as const, message });

/**
 * A number of 12 or more digits as Excel's General format shows it, and so saves it in a CSV
 * ("5.01235E+12" for an EAN-13, "3.56938E+14" for an IMEI; "5,01235E+12" where the decimal mark is a comma,
 * as in German or French): no longer the value, its digits are lost. Only that shape (one digit, up to five
 * decimals, an upper-case E and a two-digit exponent from 11), so a label such as "2E+5" or "SN-1.5E+12" is
 * still taken as written.
 */
const EXCEL_ROUNDED_NUMBER = /^\d([.,]\d{1,5})?E\+(1[1-9]|[2-9]\d)$/;

/** `barcode "5.01235E+12" is a long number as Excel shows it…`, or null: a key or code column Excel rounded. */
function excelRoundedProblem(column: string, value: string): string | null {
  if (!EXCEL_ROUNDED_NUMBER.test(value)) return null;
  return `${column} "${value}" is a long number as Excel shows it in scientific notation: its digits were lost when the file was saved. In the spreadsheet, format the column as Text (or as Number with 0 decimal places), check the digits and save the file again.`;
}

/**
 * `stock_level "1,500" must be a whole number from 0 to 1,000,000,000, written in digits only (…).`: a
 * number as a spreadsheet formats it ("1,500", "3.0", "+5") is told how to write it; the bound itself is
 * written with its thousands separated, which would otherwise read as if "1,500" were allowed.
 */
function notWholeNumber(column: string, text: string, min: number, max: number): string {
  // Separators as spreadsheets write them: 1,500 / 1.500 / 1 500 (a space or no-break space, French) / 1'500 (Swiss).
  const formatted = /\d/.test(text) && /^\+?[\d.,'\s]+$/.test(text) && /[+.,'\s]/.test(text) ? ', written in digits only (no thousands separator, decimal point or sign)' : '';
  return `${column} "${quoted(text)}" must be a whole number from ${withThousands(min)} to ${withThousands(max)}${formatted}.`;
}

/** Checks one row of a `kind` file (fields by lower-case column name, trimmed); the message names the field. */
export function checkCsvRow<K extends CsvKind>(kind: K, fields: Record<string, string>): RowCheck<K> {
  return checkers[kind](fields) as RowCheck<K>;
}

const checkers: { [K in CsvKind]: (fields: Record<string, string>) => RowCheck<K> } = {
  products(fields) {
    const sku = fields.sku ?? '';
    const title = fields.title ?? '';
    const barcode = fields.barcode || null;
    const textIssue =
      columnProblem('sku', sku, TEXT_RULES.sku) ??
      columnProblem('title', title, TEXT_RULES.title) ??
      (barcode === null ? null : columnProblem('barcode', barcode, TEXT_RULES.barcode)) ??
      excelRoundedProblem('sku', sku) ??
      (barcode === null ? null : excelRoundedProblem('barcode', barcode));
    if (textIssue) return refuse(textIssue);
    const mode = fields.identifier_mode as IdentifierMode;
    if (!IDENTIFIER_MODES.includes(mode)) return refuse(`identifier_mode "${quoted(fields.identifier_mode!)}" must be one of ${IDENTIFIER_MODES.join(', ')}.`);
    const stock = wholeNumber(fields.stock_level ?? '', 0, MAX_STOCK_LEVEL);
    if (stock === null) return refuse(notWholeNumber('stock_level', fields.stock_level ?? '', 0, MAX_STOCK_LEVEL));
    const specColumns = specFromCsv(fields);
    if ('problem' in specColumns) return refuse(specColumns.problem);
    return { ok: true, row: { sku, title, barcode, mode, stock, ...(specColumns.spec ? { spec: specColumns.spec } : {}) } };
  },
  identifiers(fields) {
    const skuIssue = columnProblem('sku', fields.sku ?? '', TEXT_RULES.sku) ?? excelRoundedProblem('sku', fields.sku ?? '') ?? excelRoundedProblem('identifier', fields.identifier ?? '');
    if (skuIssue) return refuse(skuIssue);
    const useBy = fields.use_by ?? '';
    return { ok: true, row: { sku: fields.sku!, value: fields.identifier ?? '', ...(useBy === '' ? {} : { useBy }) } };
  },
  orders(fields) {
    const orderNumber = fields.order_number ?? '';
    const customer = fields.customer ?? '';
    const textIssue =
      columnProblem('order_number', orderNumber, TEXT_RULES.orderNumber) ??
      columnProblem('customer', customer, TEXT_RULES.customer) ??
      columnProblem('sku', fields.sku ?? '', TEXT_RULES.sku) ??
      excelRoundedProblem('order_number', orderNumber) ??
      excelRoundedProblem('sku', fields.sku ?? '');
    if (textIssue) return refuse(textIssue);
    const quantity = wholeNumber(fields.quantity ?? '', 1, MAX_LINE_QUANTITY);
    if (quantity === null) return refuse(notWholeNumber('quantity', fields.quantity ?? '', 1, MAX_LINE_QUANTITY));
    return { ok: true, row: { orderNumber, customer, sku: fields.sku!, quantity } };
  },
};

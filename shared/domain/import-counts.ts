/**
 * What an import's Added, Updated and Unchanged count, in words. A file's rows are not always what is
 * counted: rows sharing an order number make one order, and an identifier range on one row makes many
 * identifiers. "3 rows" beside a bare "1 added" read as rows lost; "1 order" does not.
 */
import type { ImportSummary } from '../contract/api.js';
import { counted } from './counted.js';

type ImportedKind = ImportSummary['files'][number]['kind'];

const UNITS: Record<ImportedKind, readonly [one: string, many: string]> = {
  products: ['product', 'products'],
  identifiers: ['identifier', 'identifiers'],
  orders: ['order', 'orders'],
};

/** "2 orders", "1 product", "1,234 identifiers". */
export function importedCount(kind: ImportedKind, count: number): string {
  const [one, many] = UNITS[kind];
  return counted(count, one, many);
}

/**
 * One imported file in a line, as the bench CLI prints it and the menu's import dialog shows it:
 * "orders.csv (orders): 2 rows, 1 order added, 0 orders updated, 0 orders unchanged". Rows as the file
 * has them, the other counts in what they count (importedCount), as the Import screen's table says it.
 */
export function importedFileLine(name: string, file: Pick<ImportSummary['files'][number], 'kind' | 'rows' | 'added' | 'updated' | 'unchanged'>): string {
  const { kind } = file;
  return `${name} (${kind}): ${counted(file.rows, 'row', 'rows')}, ${importedCount(kind, file.added)} added, ${importedCount(kind, file.updated)} updated, ${importedCount(kind, file.unchanged)} unchanged`;
}

/**
 * "orders.csv held no rows under its header: nothing in it was imported.": a file with a header and
 * nothing under it is taken, but the person may have meant another file. Said by the Import screen, the
 * CLI and the menu's import dialog.
 */
export function heldNoRowsText(name: string): string {
  return `${name} held no rows under its header: nothing in it was imported.`;
}

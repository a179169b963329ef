import { readScanForProduct, type Gs1Product } from '../../../shared/gs1/element-string.js';
import { kindTakesDate } from '../../../shared/identifiers/lot-dates.js';

/**
 * Reads a pasted column of values (one per line, as a spreadsheet copies a column). Only the first
 * cell of each row is taken, and the final line break a spreadsheet adds is not an extra value.
 */
export function parsePastedColumn(text: string): string[] {
  return pastedLines(text).map((line) => line.split('\t')[0]!);
}

/**
 * The rows of a paste. Empty rows after the last value are dropped: a whole spreadsheet column, or a
 * selection reaching below the data, copies them, and they would clear the boxes below the values.
 * An empty row between values stays (it keeps the rows after it in line with their boxes).
 */
function pastedLines(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let end = lines.length;
  while (end > 1 && lines[end - 1]!.trim() === '') end--;
  return lines.slice(0, end);
}

/** A paste of one value is left to the text box itself (it inserts at the caret). */
export function isColumnPaste(values: readonly string[]): boolean {
  return values.length > 1;
}

export interface PastedRow {
  value: string;
  /** Lot products (issue 12): the use-by date pasted beside the lot (as typed) or carried by its GS1 code. */
  useBy?: string;
}

/**
 * Reads a pasted block for a product (issue 12): the first cell of each row is the value; a GS1 code
 * in it (e.g. the printed form "(01)…(17)270331(10)L-7") gives the product's value; for lot products the
 * second cell ("LOT<TAB>date", as a spreadsheet copies two columns), else the code's AI 17, is the lot's
 * use-by date. A code of another product, or a malformed one, stays as pasted (the checks name it).
 */
export function parsePastedRows(text: string, product: Gs1Product, gsSubstitute = ''): PastedRow[] {
  return pastedLines(text).map((line) => {
    const [first = '', second = ''] = line.split('\t');
    return readRow(first, second, product, gsSubstitute);
  });
}

function readRow(first: string, second: string, product: Gs1Product, gsSubstitute: string): PastedRow {
  const dated = kindTakesDate(product.identifierKind);
  const read = readScanForProduct(first, product, { gsSubstitute });
  // A GS1 code gives the product's value; a plain code loses its AIM prefix ("]C0"), nothing else.
  const value = read.kind === 'value' && (read.gs1 || read.value !== first.trim()) ? read.value : first;
  const useBy = !dated ? undefined : second.trim() !== '' ? second.trim() : read.kind === 'value' ? (read.gs1?.useBy ?? undefined) : undefined;
  return useBy === undefined ? { value } : { value, useBy };
}

/**
 * A paste into a box as a grid takes it, no cell lost without a word: a column (one value a row, and
 * for lot products its use-by date in a second cell), or one row of cells copied from a sheet, whose
 * cells are successive values (a lot product's row is its lot and date). A block with a cell the grid
 * would not take (a third column, or a second one where no date goes) is refused, naming the cell.
 */
export function readPaste(text: string, product: Gs1Product | undefined, gsSubstitute = ''): { rows: PastedRow[] } | { refused: string } {
  const lines = pastedLines(text);
  const dated = product !== undefined && kindTakesDate(product.identifierKind);
  const row = (first: string, second = ''): PastedRow => (product ? readRow(first, second, product, gsSubstitute) : { value: first });
  const cellsOf = (line: string) => {
    const cells = line.split('\t');
    // A sheet's selection may reach past the last filled cell: trailing empty cells drop nothing.
    while (cells.length > 1 && cells.at(-1)!.trim() === '') cells.pop();
    return cells;
  };
  if (lines.length === 1 && !dated) {
    const cells = cellsOf(lines[0]!);
    if (cells.length > 1) return { rows: cells.map((cell) => row(cell)) };
  }
  const taken = dated ? 2 : 1;
  for (const [i, line] of lines.entries()) {
    const dropped = cellsOf(line).slice(taken).find((cell) => cell.trim() !== '');
    if (dropped === undefined) continue;
    const shown = dropped.trim().length > 40 ? `${dropped.trim().slice(0, 40)}…` : dropped.trim();
    const copy = dated ? 'Copy the lots, or the lots and their use-by dates (two columns).' : 'Copy one column (a serial number a row) or one row.';
    return { refused: `row ${i + 1} has more than ${dated ? 'two cells' : 'one cell'} ("${shown}" would be dropped). ${copy}` };
  }
  return { rows: lines.map((line) => { const [first = '', second = ''] = line.split('\t'); return row(first, second); }) };
}

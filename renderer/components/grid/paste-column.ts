/**
 * Reads a pasted column of values (one per line, as a spreadsheet copies a column). Only the first
 * cell of each row is taken, and the final line break a spreadsheet adds is not an extra value.
 */
export function parsePastedColumn(text: string): string[] {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  return lines.map((line) => line.split('\t')[0]!);
}

/** A paste of one value is left to the text box itself (it inserts at the caret). */
export function isColumnPaste(values: readonly string[]): boolean {
  return values.length > 1;
}

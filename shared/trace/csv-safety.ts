/**
 * Formula-injection guard for CSV exports (the OWASP rule). A spreadsheet treats a cell starting with
 * = + - @ (or a tab or carriage return before them) as a formula. Such a value is written with one
 * apostrophe in front, inside quotes, so it shows as text. A value that itself starts with an
 * apostrophe gets one too, so the rule is reversible: strip one leading apostrophe to read the value back.
 */
const FORMULA_START = /^[=+\-@\t\r']/;

export function guardCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The original value of a guarded cell. */
export function unguardCell(cell: string): string {
  return cell.startsWith("'") ? cell.slice(1) : cell;
}

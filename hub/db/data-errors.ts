/**
 * PostgreSQL's "data exception" errors (SQLSTATE class 22): a value the database cannot take, such as
 * text with a NUL character or a lone UTF-16 surrogate, or a number out of a column's range. They are
 * the caller's input at fault, never the hub's: answered 4xx (or an op/order rejected), not 500.
 */

interface PgError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
}

export function isDataException(err: unknown): boolean {
  const code = (err as PgError | null)?.code;
  return typeof code === 'string' && code.startsWith('22');
}

/** "a value cannot be stored: unsupported Unicode escape sequence (\u0000 cannot be converted to text.)" */
export function describeDataException(err: unknown): string {
  const { message, detail } = (err ?? {}) as PgError;
  const because = typeof detail === 'string' && detail !== '' ? ` (${detail})` : '';
  return `a value cannot be stored: ${String(message)}${because}`;
}

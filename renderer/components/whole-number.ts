/**
 * A whole-number box as typed: empty is null, digits only otherwise (after trimming), else undefined.
 * Number() would read "1e1" as 10 and "0x10" as 16, and its NaN for "abc" reaches the core as null.
 */
export function wholeNumberOrNull(text: string): number | null | undefined {
  const typed = text.trim();
  if (typed === '') return null;
  return /^[0-9]+$/.test(typed) ? Number(typed) : undefined;
}

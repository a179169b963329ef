/**
 * Rules for a dispatch identifier's text, shared by the grid, the pickers, imports and the core.
 * Identifiers are free text and case sensitive; only a scanner's terminators and surrounding
 * whitespace are removed, never anything inside the value.
 */

export const MAX_IDENTIFIER_LENGTH = 200;

export type IdentifierCheck = { ok: true; value: string } | { ok: false; reason: string };

// C0 and C1 control characters plus DEL; a scanner's Tab/CR/LF are trimmed before this check.
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** Trims whitespace and scanner terminators (Enter, Tab, CR, LF) from both ends. */
export function trimScannerInput(raw: string): string {
  return raw.replace(/^[\s\r\n\t]+|[\s\r\n\t]+$/g, '');
}

/** Normalises and validates one identifier value; the reason is a sentence a packer can act on. */
export function checkIdentifier(raw: string): IdentifierCheck {
  const value = trimScannerInput(raw);
  if (value.length === 0) return { ok: false, reason: 'is empty' };
  if (CONTROL_CHARACTER.test(value)) return { ok: false, reason: 'contains a control character' };
  // Count code points, not UTF-16 units; the cheap length test spares the spread for normal values.
  if (value.length > MAX_IDENTIFIER_LENGTH && [...value].length > MAX_IDENTIFIER_LENGTH) {
    return { ok: false, reason: `is longer than ${MAX_IDENTIFIER_LENGTH} characters` };
  }
  return { ok: true, value };
}

/** Whether a raw box value counts as empty (nothing but whitespace or terminators). */
export function isBlankInput(raw: string): boolean {
  return trimScannerInput(raw).length === 0;
}

/**
 * Rules for a dispatch identifier's text, shared by the grid, the pickers, imports and the core.
 * Identifiers are free text and case sensitive; only a scanner's terminators and surrounding
 * whitespace are removed, never anything inside the value. The bounds are the sync protocol's
 * (shared/sync/bounds.ts), so whatever passes here the hub and every other bench accept.
 */
import { MAX_IDENTIFIER_LENGTH, TEXT_RULES, textProblem, trimText } from '../sync/bounds.js';

export { MAX_IDENTIFIER_LENGTH };

export type IdentifierCheck = { ok: true; value: string } | { ok: false; reason: string };

/** Trims whitespace and scanner terminators (Enter, Tab, CR, LF) from both ends. */
export function trimScannerInput(raw: string): string {
  return trimText(raw);
}

/** Normalises and validates one identifier value; the reason is a sentence a packer can act on. */
export function checkIdentifier(raw: string): IdentifierCheck {
  const value = trimScannerInput(raw);
  const problem = textProblem(value, TEXT_RULES.identifier);
  return problem === null ? { ok: true, value } : { ok: false, reason: problem };
}

/** Whether a raw box value counts as empty (nothing but whitespace or terminators). */
export function isBlankInput(raw: string): boolean {
  return trimScannerInput(raw).length === 0;
}

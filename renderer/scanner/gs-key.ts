/**
 * The GS separator of GS1 codes (FNC1) as a keyboard-wedge scanner types it: a GS key (U+001D) or
 * Ctrl+] (how a US keyboard layout spells ASCII 29). A text box gets no character from Ctrl+], so the
 * boxes that take scans insert GS themselves, where the caret is, as if it had been typed.
 */
import { GS } from '../../shared/gs1/element-string.js';

export { GS };

interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export function isGsKey(event: KeyLike): boolean {
  if (event.key === GS) return true;
  return event.ctrlKey && !event.altKey && !event.metaKey && (event.key === ']' || event.code === 'BracketRight');
}

/**
 * Puts GS into `input` at the caret and tells React (an input event, as typing does). React sees the
 * change because setRangeText bypasses the value setter it watches.
 */
export function insertGs(input: HTMLInputElement): void {
  const start = input.selectionStart ?? input.value.length;
  const end = input.selectionEnd ?? start;
  input.setRangeText(GS, start, end, 'end');
  input.dispatchEvent(new Event('input', { bubbles: true }));
}

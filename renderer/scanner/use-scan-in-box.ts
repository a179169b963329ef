/**
 * A text box a keyboard wedge may scan into: a scan ending in Enter, or in Tab (a scanner set to send
 * Tab), is handed over as what was scanned, alone; a person's Enter and Tab are left to the box (the
 * form submits, the focus moves on). What was scanned is taken from the box, not from the scan
 * detector: the detector starts a run anew after one late key, and a busy PC would have cut the front
 * off the scan. The detector only tells whether the keys were a scan.
 */
import { useMemo, useRef, type KeyboardEvent } from 'react';
import { createScanDetector } from './scan-detector.js';
import { useScanOptions } from './scanner-settings.js';
import { GS, isGsKey } from './gs-key.js';

/** A pause in the keys longer than any a scanner leaves (a busy PC delays a key of a scan by far less): what comes after it is a new entry. */
export const PAUSE_MS = 500;

/** What was typed into a box since it held `before.value` with `before.start`-`before.end` selected; all of `now` when that is not what happened. */
export function insertedSince(before: { value: string; start: number; end: number }, now: string): string {
  const head = before.value.slice(0, before.start);
  const tail = before.value.slice(before.end);
  return now.length >= head.length + tail.length && now.startsWith(head) && now.endsWith(tail) ? now.slice(head.length, now.length - tail.length) : now;
}

/** What a box held before what was typed since it held `before` (insertedSince): the text around the insertion, or '' when that is not what happened. */
export function heldBefore(before: { value: string; start: number; end: number }, now: string): string {
  const head = before.value.slice(0, before.start);
  const tail = before.value.slice(before.end);
  return now.length >= head.length + tail.length && now.startsWith(head) && now.endsWith(tail) ? head + tail : '';
}

/** A scan's entry: what the box held before its keys, and when its first key came (event time). */
export interface ScanEntry {
  before: string;
  startedAt: number;
}

export interface ScanInBoxHandlers {
  onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => void;
  onMouseDown: () => void;
  onFocus: () => void;
}

/**
 * The box's handlers (spread them on the input). `onScan` gets what was scanned (the Enter or Tab that
 * ended it kept from the browser) and the entry it made (what the box held before it, to put back when
 * a scan has no place there); `onOtherKey` every key that neither ends a scan nor is composed text.
 */
export function useScanInBox(onScan: (scanned: string, entry: ScanEntry) => void, onOtherKey?: (event: KeyboardEvent<HTMLInputElement>) => void): ScanInBoxHandlers {
  const scanOptions = useScanOptions();
  const detector = useMemo(() => createScanDetector(scanOptions), [scanOptions]);
  /**
   * The box as it was when the keys last paused (PAUSE_MS), or after an Enter, a Tab or a click: a
   * scan's keys come without one, so what was inserted since is what was scanned, whatever the box held
   * before (the caret after text typed, or a click that left the last entry unselected).
   */
  const atPause = useRef({ at: Number.NEGATIVE_INFINITY, since: Number.NEGATIVE_INFINITY, value: '', start: 0, end: 0 });
  const newEntry = () => {
    atPause.current.at = Number.NEGATIVE_INFINITY;
  };

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    if (event.timeStamp - atPause.current.at > PAUSE_MS) {
      atPause.current = { at: event.timeStamp, since: event.timeStamp, value: input.value, start: input.selectionStart ?? input.value.length, end: input.selectionEnd ?? input.value.length };
    }
    atPause.current.at = event.timeStamp;
    if (event.nativeEvent.isComposing) return detector.reset();
    const scan = detector.key(isGsKey(event) ? GS : event.key, event.timeStamp);
    if (event.key === 'Enter' || event.key === 'Tab' || editsWithoutTyping(event)) newEntry();
    if (scan.kind === 'scan' && (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey))) {
      event.preventDefault();
      onScan(insertedSince(atPause.current, input.value), { before: heldBefore(atPause.current, input.value), startedAt: atPause.current.since });
      return;
    }
    onOtherKey?.(event);
  }

  return { onKeyDown, onMouseDown: newEntry, onFocus: newEntry };
}

/** Keys that move the caret, select or delete: none types a character, and no scanner sends one inside a scan. */
const EDITING_KEYS = new Set(['Backspace', 'Delete', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']);
/** With Ctrl (Cmd on a Mac): select all, cut, paste, undo, redo. */
const EDITING_SHORTCUTS = new Set(['a', 'x', 'v', 'z', 'y']);

/**
 * A key that changes the box or its selection without typing a character (Ctrl+A, Delete, Backspace, an
 * arrow, Home): what a scan then inserts is measured from the box as that key leaves it. Measured from
 * before it, Ctrl+A then a scan within PAUSE_MS read as nothing scanned (the scan replaced the text the
 * measure started from), and Delete then a scan as the box's whole text. Named one by one: a scanner's
 * own keys (Shift, AltGr, Ctrl+] for GS, Alt with keypad digits, dead keys) must not restart the measure.
 */
function editsWithoutTyping(event: KeyboardEvent<HTMLInputElement>): boolean {
  if (EDITING_KEYS.has(event.key)) return true;
  return (event.ctrlKey || event.metaKey) && !event.altKey && EDITING_SHORTCUTS.has(event.key.toLowerCase());
}

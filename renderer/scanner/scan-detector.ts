/**
 * Tells a keyboard-wedge scanner from a person by timing alone. A scanner "types" its value with
 * characters a few milliseconds apart and ends with Enter or Tab; people leave 80 ms or more
 * between keys. Pure: the caller feeds each key with its event time, nothing touches the DOM.
 */

export interface ScanDetectorOptions {
  /** Longest pause allowed between two characters of one scan (and before its terminator). */
  maxGapMs?: number;
  /** Longest average pause over the whole scan; catches a person's short lucky bursts. */
  maxAverageGapMs?: number;
  /** Fewest characters a scan carries. */
  minLength?: number;
}

export type ScanKeyResult =
  /** A modifier or other key that neither adds to nor ends a scan. */
  | { kind: 'ignored' }
  /** A printable character; `burst` is true once it continues a fast run (a scan is likely underway). */
  | { kind: 'character'; burst: boolean }
  /** Enter/Tab ending a fast run of characters: the scanned value, exactly as typed. */
  | { kind: 'scan'; value: string }
  /** Enter/Tab that did not end a scan (a person pressed it). */
  | { kind: 'terminator' };

export interface ScanDetector {
  key(key: string, at: number): ScanKeyResult;
  reset(): void;
}

export const DEFAULT_SCAN_TIMING: Required<ScanDetectorOptions> = { maxGapMs: 50, maxAverageGapMs: 35, minLength: 4 };

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Fn']);

export function isScanTerminator(key: string): boolean {
  return key === 'Enter' || key === 'Tab';
}

function isPrintable(key: string): boolean {
  // KeyboardEvent.key is the character itself for printable keys (one code point), a name otherwise.
  return key.length === 1 || (key.length === 2 && key.codePointAt(0)! > 0xffff);
}

export function createScanDetector(options: ScanDetectorOptions = {}): ScanDetector {
  const { maxGapMs, maxAverageGapMs, minLength } = { ...DEFAULT_SCAN_TIMING, ...options };
  let buffer = '';
  let count = 0;
  let firstAt = 0;
  let lastAt = 0;

  const reset = () => {
    buffer = '';
    count = 0;
  };

  return {
    reset,
    key(key, at) {
      if (MODIFIER_KEYS.has(key)) return { kind: 'ignored' };
      if (isScanTerminator(key)) {
        const isScan =
          count >= minLength &&
          at - lastAt <= maxGapMs &&
          (at - firstAt) / count <= maxAverageGapMs;
        const value = buffer;
        reset();
        return isScan ? { kind: 'scan', value } : { kind: 'terminator' };
      }
      if (!isPrintable(key)) {
        reset();
        return { kind: 'ignored' };
      }
      if (count > 0 && at - lastAt > maxGapMs) reset();
      if (count === 0) firstAt = at;
      buffer += key;
      count++;
      lastAt = at;
      return { kind: 'character', burst: count >= 2 };
    },
  };
}

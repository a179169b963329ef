/**
 * Tells a keyboard-wedge scanner from a person by timing alone. A scanner "types" its value with
 * characters a few milliseconds apart and ends with Enter or Tab; people leave 80 ms or more
 * between keys. Pure: the caller feeds each key with its event time, nothing touches the DOM.
 */

export interface ScanDetectorOptions {
  /**
   * A pause longer than this starts a new run of characters (and a terminator after such a pause
   * ends no scan). Generous, because a busy PC can delay one key of a scan now and then.
   */
  maxGapMs?: number;
  /** Longest average pause over the whole run: scanners stay far below it, people far above. */
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

export const DEFAULT_SCAN_TIMING: Required<ScanDetectorOptions> = { maxGapMs: 100, maxAverageGapMs: 45, minLength: 4 };

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Fn']);

export function isScanTerminator(key: string): boolean {
  return key === 'Enter' || key === 'Tab';
}

function isPrintable(key: string): boolean {
  // KeyboardEvent.key is the character itself for printable keys (one code point), a name otherwise.
  return key.length === 1 || (key.length === 2 && key.codePointAt(0)! > 0xffff);
}

export function createScanDetector(options: ScanDetectorOptions = {}): ScanDetector {
  // Options left undefined keep their defaults (a spread would overwrite them with undefined).
  const maxGapMs = options.maxGapMs ?? DEFAULT_SCAN_TIMING.maxGapMs;
  const maxAverageGapMs = options.maxAverageGapMs ?? DEFAULT_SCAN_TIMING.maxAverageGapMs;
  const minLength = options.minLength ?? DEFAULT_SCAN_TIMING.minLength;
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
      const gap = at - lastAt;
      if (count > 0 && gap > maxGapMs) reset();
      if (count === 0) firstAt = at;
      buffer += key;
      count++;
      lastAt = at;
      return { kind: 'character', burst: count >= 2 && gap <= maxAverageGapMs };
    },
  };
}

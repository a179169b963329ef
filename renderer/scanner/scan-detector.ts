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
  /** The one key the scanner sends after a code; 'Either' (or left out): Enter and Tab both end a scan. */
  suffixKey?: 'Enter' | 'Tab' | 'Either';
  /** Stands in for a GS (ASCII 29) key in a scanned value; the GS1 reading (shared/gs1) takes it as GS again. '' leaves GS as it is. */
  gsSubstitute?: string;
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
  /**
   * The next run goes on from `count` characters that came at scanner speed before a hold-up (keys
   * kept while a dialog opened, handed to a box): they count towards the scan's length, so a short
   * rest of the scan still ends a scan (its `value` is the rest only). The rest's own timing is judged as ever.
   */
  carryOn(count: number): void;
}

export const DEFAULT_SCAN_TIMING = { maxGapMs: 100, maxAverageGapMs: 45, minLength: 4 } as const;

/** The group separator of GS1 codes, as a wedge scanner may "type" it (also Ctrl+]). */
export const GS = '\u001d';

/**
 * The detector's options from the bench's scanner settings (the one source of truth): keys of a
 * scan arrive on average at most `maxInterKeyGapMs` apart, and one late key may take twice that.
 */
export function scanOptionsFromSettings(settings: {
  maxInterKeyGapMs: number;
  minLength: number;
  terminator: 'Enter' | 'Tab' | 'Either';
  gsSubstitute: string;
}): ScanDetectorOptions {
  return {
    maxAverageGapMs: settings.maxInterKeyGapMs,
    maxGapMs: settings.maxInterKeyGapMs * 2,
    minLength: settings.minLength,
    suffixKey: settings.terminator,
    gsSubstitute: settings.gsSubstitute,
  };
}

const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Fn']);

export function isScanTerminator(key: string): boolean {
  return key === 'Enter' || key === 'Tab';
}

export function isPrintable(key: string): boolean {
  // KeyboardEvent.key is the character itself for printable keys (one code point), a name otherwise.
  return key.length === 1 || (key.length === 2 && key.codePointAt(0)! > 0xffff);
}

export function createScanDetector(options: ScanDetectorOptions = {}): ScanDetector {
  // Options left undefined keep their defaults (a spread would overwrite them with undefined).
  const maxGapMs = options.maxGapMs ?? DEFAULT_SCAN_TIMING.maxGapMs;
  const maxAverageGapMs = options.maxAverageGapMs ?? DEFAULT_SCAN_TIMING.maxAverageGapMs;
  const minLength = options.minLength ?? DEFAULT_SCAN_TIMING.minLength;
  const endsScan = (key: string) => (options.suffixKey && options.suffixKey !== 'Either' ? key === options.suffixKey : isScanTerminator(key));
  let buffer = '';
  let count = 0;
  let firstAt = 0;
  let lastAt = 0;
  let carried = 0;

  const reset = () => {
    buffer = '';
    count = 0;
    carried = 0;
  };

  return {
    reset,
    carryOn(kept) {
      reset();
      carried = kept;
    },
    key(pressed, at) {
      if (MODIFIER_KEYS.has(pressed)) return { kind: 'ignored' };
      // Without a substitute, GS stays in the value (shared/gs1 reads it as the GS1 separator).
      const key = pressed === GS && options.gsSubstitute ? options.gsSubstitute : pressed;
      if (isScanTerminator(key)) {
        const isScan =
          endsScan(key) &&
          count > 0 &&
          count + carried >= minLength &&
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

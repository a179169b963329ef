import { describe, expect, it } from 'vitest';
import { createScanDetector, GS, scanOptionsFromSettings, type ScanDetector, type ScanKeyResult } from '../../renderer/scanner/scan-detector.js';

/** Feeds each character `gapMs` apart, then the terminator; returns the terminator's result. */
function typeValue(detector: ScanDetector, value: string, gapMs: number | number[], start = 1000, terminator = 'Enter'): ScanKeyResult {
  let at = start;
  const gaps = Array.isArray(gapMs) ? gapMs : [];
  [...value].forEach((char, i) => {
    if (i > 0) at += gaps[i - 1] ?? (gapMs as number);
    detector.key(char, at);
  });
  at += gaps[value.length - 1] ?? (Array.isArray(gapMs) ? 5 : gapMs);
  return detector.key(terminator, at);
}

describe('scan detector', () => {
  it('a scan held up on the way (its first keys kept elsewhere) still ends as a scan when its rest is short', () => {
    const held = createScanDetector();
    held.carryOn(2);
    expect(typeValue(held, '-3', 5)).toEqual({ kind: 'scan', value: '-3' });
    // Without the kept keys, two characters are too few for a scan.
    expect(typeValue(createScanDetector(), '-3', 5)).toEqual({ kind: 'terminator' });
  });

  it("the kept keys of a held-up scan do not make a person's keys after them a scan", () => {
    const slow = createScanDetector();
    slow.carryOn(6);
    expect(typeValue(slow, '-3', 150)).toEqual({ kind: 'terminator' });
    const enterOnly = createScanDetector();
    enterOnly.carryOn(6);
    expect(enterOnly.key('Enter', 1000)).toEqual({ kind: 'terminator' });
    // Kept for one run only: after its end, the next value is judged on its own.
    const once = createScanDetector();
    once.carryOn(6);
    typeValue(once, '-3', 5);
    expect(typeValue(once, '-3', 5, 5000)).toEqual({ kind: 'terminator' });
  });

  it('tolerates one key of a scan delayed by a busy machine', () => {
    expect(typeValue(createScanDetector(), 'SO-1001', [80, 5, 5, 5, 5, 5, 5])).toEqual({ kind: 'scan', value: 'SO-1001' });
  });

  it('recognises a scanner: characters a few ms apart ending in Enter or Tab', () => {
    for (const gap of [1, 2, 5, 10, 20]) {
      expect(typeValue(createScanDetector(), 'SO-1001', gap)).toEqual({ kind: 'scan', value: 'SO-1001' });
      expect(typeValue(createScanDetector(), 'SO-1001', gap, 0, 'Tab')).toEqual({ kind: 'scan', value: 'SO-1001' });
    }
  });

  it('keeps the value exactly: case, spaces and punctuation', () => {
    expect(typeValue(createScanDetector(), 'Lot a1/ÄB "x"', 4)).toEqual({ kind: 'scan', value: 'Lot a1/ÄB "x"' });
  });

  it('never takes human typing for a scan', () => {
    for (const gap of [80, 120, 200]) {
      expect(typeValue(createScanDetector(), 'SO-1001', gap)).toEqual({ kind: 'terminator' });
    }
  });

  it('ignores a fast human burst: too short, or a slow Enter after it', () => {
    // "the" rolled over quickly is three characters: below the minimum length.
    expect(typeValue(createScanDetector(), 'the', 15)).toEqual({ kind: 'terminator' });
    // Fast characters but the person reached for Enter 300 ms later.
    expect(typeValue(createScanDetector(), 'SO-1001', [5, 5, 5, 5, 5, 5, 300])).toEqual({ kind: 'terminator' });
    // A quick typist's steady 60 ms a key is still far slower than a scanner.
    expect(typeValue(createScanDetector(), 'abcdef', [60, 60, 60, 60, 60, 60])).toEqual({ kind: 'terminator' });
  });

  it('starts over after a pause, so slow keys before a scan are not part of it', () => {
    const detector = createScanDetector();
    detector.key('x', 0);
    detector.key('y', 500);
    expect(typeValue(detector, 'SO-2002', 5, 2000)).toEqual({ kind: 'scan', value: 'SO-2002' });
  });

  it('reports a burst in progress from the second fast character', () => {
    const detector = createScanDetector();
    expect(detector.key('S', 0)).toEqual({ kind: 'character', burst: false });
    expect(detector.key('O', 5)).toEqual({ kind: 'character', burst: true });
    expect(detector.key('-', 200)).toEqual({ kind: 'character', burst: false });
  });

  it('ignores modifiers (scanners press Shift) and resets on other named keys', () => {
    const detector = createScanDetector();
    let at = 0;
    for (const key of ['Shift', 'A', 'B', 'Shift', 'c', 'd']) detector.key(key, (at += 3));
    expect(detector.key('Enter', at + 3)).toEqual({ kind: 'scan', value: 'ABcd' });
    for (const key of ['a', 'b', 'Backspace', 'c']) detector.key(key, (at += 3));
    expect(detector.key('Enter', at + 3)).toEqual({ kind: 'terminator' });
  });

  it('handles hundreds of scans back to back, each one whole', () => {
    const detector = createScanDetector();
    let at = 0;
    for (let n = 0; n < 500; n++) {
      const value = `SN${String(n).padStart(18, '0')}`;
      const result = typeValue(detector, value, 2 + (n % 9), at);
      expect(result).toEqual({ kind: 'scan', value });
      at += value.length * 12 + 300;
    }
  });

  it('honours custom timing', () => {
    const strict = createScanDetector({ maxGapMs: 10, maxAverageGapMs: 8, minLength: 2 });
    expect(typeValue(strict, 'ab', 5)).toEqual({ kind: 'scan', value: 'ab' });
    expect(typeValue(strict, 'abcd', 9)).toEqual({ kind: 'terminator' });
    expect(typeValue(strict, 'abcd', 12)).toEqual({ kind: 'terminator' });
  });
});

describe('scan detector options', () => {
  it('keeps the defaults for options passed as undefined', () => {
    const detector = createScanDetector({ maxGapMs: undefined, maxAverageGapMs: undefined, minLength: undefined });
    expect(typeValue(detector, 'SO-1', 10)).toEqual({ kind: 'scan', value: 'SO-1' });
  });
});

describe('scan detector from the bench settings', () => {
  const settings = { maxInterKeyGapMs: 50, minLength: 4, terminator: 'Either', gsSubstitute: '' } as const;
  const detect = (changes: Partial<typeof settings> | Record<string, unknown>) =>
    createScanDetector(scanOptionsFromSettings({ ...settings, ...changes } as typeof settings));

  it('reads a 20 ms burst as typing with a 10 ms interval, as a scan with 50 ms', () => {
    expect(typeValue(detect({ maxInterKeyGapMs: 10 }), 'SO-1001', 20)).toEqual({ kind: 'terminator' });
    expect(typeValue(detect({ maxInterKeyGapMs: 50 }), 'SO-1001', 20)).toEqual({ kind: 'scan', value: 'SO-1001' });
  });

  it('ends a scan only with the configured suffix key (Either: Enter and Tab)', () => {
    expect(typeValue(detect({ terminator: 'Enter' }), 'SO-1001', 5, 0, 'Tab')).toEqual({ kind: 'terminator' });
    expect(typeValue(detect({ terminator: 'Tab' }), 'SO-1001', 5, 0, 'Tab')).toEqual({ kind: 'scan', value: 'SO-1001' });
    expect(typeValue(detect({ terminator: 'Either' }), 'SO-1001', 5, 0, 'Tab')).toEqual({ kind: 'scan', value: 'SO-1001' });
  });

  it('puts the GS substitute in place of a GS key, and leaves GS as it is without one', () => {
    expect(typeValue(detect({ gsSubstitute: '~' }), `0104012345${GS}21ABC`, 5)).toEqual({ kind: 'scan', value: '0104012345~21ABC' });
    expect(typeValue(detect({ gsSubstitute: '' }), `0104012345${GS}21ABC`, 5)).toEqual({ kind: 'scan', value: `0104012345${GS}21ABC` });
  });
});

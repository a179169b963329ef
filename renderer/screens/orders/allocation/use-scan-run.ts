/**
 * Tells the picker when keys come at scanner speed, so a scan does not open the options popup or
 * search on every character: a packer scanning waits for the next box, not for a list. Three
 * characters in a row each within the scanner's gap (two fast gaps) make a scan run; people do not
 * type like that (a fast pair now and then, never a run), so their type-ahead is as before. A run
 * that ends without Enter or Tab (a pause longer than the scanner's longest gap) was typing after
 * all, or a scanner without a terminator: `onSettled` then opens the popup for the text so far.
 */
import { useCallback, useEffect, useRef } from 'react';
import type { ScanKeyResult } from '../../../scanner/scan-detector.js';

/** Fast gaps in a row that make a scan run (three characters). */
const FAST_GAPS_FOR_A_RUN = 2;

export interface ScanRun {
  /** Feeds the detector's verdict on a key; true while the keys are a scan run (the popup stays shut). */
  key(result: ScanKeyResult): boolean;
  /** Whether the last key continued a scan run. */
  readonly active: boolean;
  /** The box was committed, left or cancelled: the run is over and nothing is opened. */
  stop(): void;
}

export function useScanRun(settleMs: number, onSettled: () => void): ScanRun {
  const fastGaps = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const settled = useRef(onSettled);
  settled.current = onSettled;

  const clear = useCallback(() => {
    if (timer.current !== null) clearTimeout(timer.current);
    timer.current = null;
  }, []);
  useEffect(() => clear, [clear]);

  const stop = useCallback(() => {
    fastGaps.current = 0;
    clear();
  }, [clear]);

  const key = useCallback(
    (result: ScanKeyResult) => {
      // Enter/Tab end the run (the commit follows). Other keys change nothing: Shift comes within
      // scans, and after Backspace or an arrow the detector starts a new run of its own.
      if (result.kind === 'scan' || result.kind === 'terminator') stop();
      if (result.kind !== 'character') return fastGaps.current >= FAST_GAPS_FOR_A_RUN;
      fastGaps.current = result.burst ? fastGaps.current + 1 : 0;
      const running = fastGaps.current >= FAST_GAPS_FOR_A_RUN;
      clear();
      if (running) {
        timer.current = setTimeout(() => {
          timer.current = null;
          fastGaps.current = 0;
          settled.current();
        }, settleMs);
      }
      return running;
    },
    [clear, stop, settleMs],
  );

  return {
    key,
    get active() {
      return fastGaps.current >= FAST_GAPS_FOR_A_RUN;
    },
    stop,
  };
}

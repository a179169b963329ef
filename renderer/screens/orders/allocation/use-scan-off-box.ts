/**
 * A scan made while a button of the allocation dialog has the focus ("Save Changes", where the focus
 * goes after the last box, or Cancel): its Enter would press that button — saving and closing the
 * dialog, or asking to leave — and the scanned value would be lost without a word. The scan is taken
 * instead and refused in words, beeped and announced, and nothing changes; the packer goes to a box
 * and scans again. Keys a person presses on a button (Enter, Space) act as usual.
 */
import { useCallback, useMemo, type KeyboardEvent } from 'react';
import { trimScannerInput } from '../../../../shared/domain/identifier-value.js';
import { beepRefusal } from '../../../scanner/beep.js';
import { GS, isGsKey } from '../../../scanner/gs-key.js';
import { createScanDetector, type ScanDetectorOptions } from '../../../scanner/scan-detector.js';
import { isTextEntry } from '../../../scanner/text-entry.js';
import type { AllocationBoxStore } from './allocation-box-store.js';

export function useScanOffBox(scanOptions: ScanDetectorOptions, store: AllocationBoxStore | null): (event: KeyboardEvent<HTMLElement>) => void {
  const detector = useMemo(() => createScanDetector(scanOptions), [scanOptions]);
  return useCallback(
    (event: KeyboardEvent<HTMLElement>) => {
      const gs = isGsKey(event);
      // A box takes its own scans; keys already taken (typed ahead) are not seen twice.
      if (isTextEntry(event.target) || event.isPropagationStopped() || event.nativeEvent.isComposing || (!gs && (event.ctrlKey || event.metaKey || event.altKey))) {
        detector.reset();
        return;
      }
      const verdict = detector.key(gs ? GS : event.key, event.timeStamp);
      // Mid-scan, a character (a space in "USE BY …") must not press the focused button.
      if (verdict.kind === 'character' && verdict.burst) event.preventDefault();
      if (verdict.kind !== 'scan') return;
      event.preventDefault();
      event.stopPropagation();
      const value = trimScannerInput(verdict.value);
      if (!value) return;
      // No boxes (the orders could not be read): the alert keeps saying why; the scan is still heard refused.
      store?.setAlert(`"${value}" was refused: the focus was on ${focusedName(event.target)}, not in an identifier box (nothing was pressed or saved). Go to a box, then scan it again.`);
      beepRefusal();
    },
    [detector, store],
  );
}

/** How the packer knows the focused control: a button by its words ("Save Changes"). */
function focusedName(target: EventTarget): string {
  const words = target instanceof HTMLButtonElement ? (target.getAttribute('aria-label') ?? target.textContent ?? '').trim() : '';
  return words ? `"${words}"` : 'the dialog';
}

/**
 * Listens to the whole window for scans made while no box has focus (DESIGN §5): characters a few
 * ms apart ending in Enter/Tab. The keys of a scan in progress are kept from reaching buttons and
 * checkboxes, so a scanned Enter never "presses" whatever happened to have focus.
 *
 * Open modal dialogs own the keyboard (the allocation dialog routes scans into its pickers), except
 * plain messages that opted in (scan-closes-dialog.ts): a scan closes them as their OK would, and is
 * routed as if they had not been open; its Enter never presses their OK.
 */
import { useEffect, useRef } from 'react';
import { trimScannerInput } from '../../shared/domain/identifier-value.js';
import { createScanDetector, GS, type ScanDetectorOptions } from './scan-detector.js';
import { closeDialogsForScan, scanKeepingModalIsOpen } from './scan-closes-dialog.js';
import { isTextEntry } from './text-entry.js';
import { keysKeptForABox } from './keys-kept-for-box.js';

export function useGlobalScan(onScan: (value: string) => void, options: ScanDetectorOptions = {}): void {
  const onScanRef = useRef(onScan);
  onScanRef.current = onScan;
  const { maxGapMs, maxAverageGapMs, minLength, suffixKey, gsSubstitute } = options;

  useEffect(() => {
    const detector = createScanDetector({ maxGapMs, maxAverageGapMs, minLength, suffixKey, gsSubstitute });
    const onKeyDown = (event: KeyboardEvent) => {
      // A wedge scanner types GS (in GS1 codes) as Ctrl+]: part of the scan, not a shortcut.
      const isGs = event.key === GS || (event.ctrlKey && !event.altKey && !event.metaKey && event.key === ']');
      if (event.isComposing || (!isGs && (event.ctrlKey || event.metaKey || event.altKey)) || isTextEntry(event.target) || scanKeepingModalIsOpen() || keysKeptForABox()) {
        detector.reset();
        return;
      }
      const result = detector.key(isGs ? GS : event.key, event.timeStamp);
      if (result.kind === 'character' && result.burst) event.preventDefault();
      if (result.kind === 'scan') {
        event.preventDefault();
        event.stopPropagation();
        const value = trimScannerInput(result.value);
        if (!value) return;
        // The message goes first (its follow-up runs, the focus goes back), then the scan is routed from there.
        closeDialogsForScan();
        onScanRef.current(value);
      }
    };
    window.addEventListener('keydown', onKeyDown, { capture: true });
    return () => window.removeEventListener('keydown', onKeyDown, { capture: true });
  }, [maxGapMs, maxAverageGapMs, minLength, suffixKey, gsSubstitute]);
}

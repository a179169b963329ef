/**
 * A scan that reaches a place with no box to take it (a question's buttons): its characters go nowhere,
 * and its Enter would press the focused button ("Save" in the unsaved-changes question, with the value
 * lost). Its Enter is kept from the button and `refuse` is told instead, so the packer hears and reads
 * that the scan was not an answer. A person's Enter, keys a few at a time, acts as ever. `keepCharacters`:
 * a form whose boxes may take a scan keeps its characters there, and only its Enter from submitting.
 * `outsideBoxes`: on a dialog whose boxes take scans themselves (useScanInBox), only a scan that reaches
 * one of its buttons or checkboxes is kept out.
 */
import { useMemo, type KeyboardEvent } from 'react';
import { createScanDetector } from './scan-detector.js';
import { useScanOptions } from './scanner-settings.js';
import { isTextEntry } from './text-entry.js';
import { GS, isGsKey } from './gs-key.js';

export function useScanKeptOut(refuse: (scanned: string, target: EventTarget) => void, how: { keepCharacters?: boolean; outsideBoxes?: boolean } = {}): (event: KeyboardEvent) => void {
  const options = useScanOptions();
  const detector = useMemo(() => createScanDetector(options), [options]);
  const { keepCharacters = false, outsideBoxes = false } = how;
  return (event) => {
    // A box takes its own scans; a dialog opened over this one (a range's preview) keeps its own keys.
    const inAnotherDialog = event.target instanceof Element && event.currentTarget instanceof HTMLDialogElement && event.target.closest('dialog') !== event.currentTarget;
    if (outsideBoxes && (isTextEntry(event.target) || inAnotherDialog)) return detector.reset();
    const gs = isGsKey(event);
    // GS (Ctrl+]) and AltGr characters are part of a scan, not shortcuts.
    const shortcut = !gs && !event.getModifierState('AltGraph') && (event.ctrlKey || event.metaKey || event.altKey);
    if (shortcut || event.nativeEvent.isComposing) return detector.reset();
    const result = detector.key(gs ? GS : event.key, event.timeStamp);
    // In a form's text boxes the scan's characters land as typed (seen, and left to correct); only its Enter is kept.
    if (result.kind === 'character' && result.burst && !keepCharacters) event.preventDefault();
    if (result.kind === 'scan') {
      event.preventDefault();
      event.stopPropagation();
      refuse(result.value.trim(), event.target);
    }
  };
}

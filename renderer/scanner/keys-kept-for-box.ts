/**
 * Keys typed while a screen that opens on a box is on its way: pressed by keys, "Manually Update Serial
 * Numbers" leaves the focus nowhere until the grid is read and its first empty box takes it, and a scan
 * made at once lost its first characters there (the box then took the rest as the whole scan, and a
 * shortened IMEI was accepted). From the press until a text box has the focus, printable keys are kept
 * from the page (and from the scan router) and typed into that box as it takes the focus, replacing
 * what it has selected, as typing there would have; an Enter or Tab that ended them is then pressed
 * there too, so the box takes the value as it takes a scan. Keys still kept when no box comes within
 * KEEP_LIMIT_MS went nowhere: that is beeped. Other keys (Escape, arrows) act as ever.
 */
import { beepRefusal } from './beep.js';
import { GS, isGsKey } from './gs-key.js';
import { isPrintable } from './scan-detector.js';
import { isTextEntry } from './text-entry.js';

/** Longest a screen may take to put the focus in its box before the keys kept for it are given up. */
export const KEEP_LIMIT_MS = 3_000;

let stopActive: (() => void) | null = null;

/** Whether keys are being kept for a box on its way (the scan router leaves them alone meanwhile). */
export function keysKeptForABox(): boolean {
  return stopActive !== null;
}

export function keepKeysForTheNextBox(limitMs = KEEP_LIMIT_MS): void {
  stopActive?.();
  let kept = '';
  let ending: 'Enter' | 'Tab' | null = null;

  const onKeyDown = (event: KeyboardEvent) => {
    if (isTextEntry(event.target)) return stop();
    const gs = isGsKey(event);
    if (event.isComposing || (!gs && (event.ctrlKey || event.metaKey || event.altKey))) return;
    const ends = (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey)) && kept !== '' && ending === null;
    if (!gs && !ends && !isPrintable(event.key)) return;
    // A Space before anything is kept is a person pressing the focused button: no identifier starts with one.
    if (event.key === ' ' && kept === '') return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (ends) ending = event.key as 'Enter' | 'Tab';
    else if (ending === null) kept += gs ? GS : event.key;
  };

  const onFocusIn = (event: FocusEvent) => {
    const box = event.target;
    if (!isTextEntry(box)) return;
    const text = kept;
    const end = ending;
    kept = '';
    stop();
    if (!(box instanceof HTMLInputElement) || text === '') return;
    // Once the box has taken the focus (its own focus handling runs after this listener), before any later key.
    queueMicrotask(() => {
      const start = box.selectionStart ?? box.value.length;
      box.setRangeText(text, start, box.selectionEnd ?? start, 'end');
      box.dispatchEvent(new Event('input', { bubbles: true }));
      // Untrusted, but the box's own key handling (React's) runs as for the scanner's key: the value is taken, the focus moves on.
      if (end) box.dispatchEvent(new KeyboardEvent('keydown', { key: end, code: end, bubbles: true, cancelable: true }));
    });
  };

  const timer = setTimeout(() => {
    const lost = kept !== '';
    stop();
    if (lost) beepRefusal();
  }, limitMs);

  function stop() {
    clearTimeout(timer);
    window.removeEventListener('keydown', onKeyDown, { capture: true });
    window.removeEventListener('focusin', onFocusIn, { capture: true });
    if (stopActive === stop) stopActive = null;
  }

  window.addEventListener('keydown', onKeyDown, { capture: true });
  window.addEventListener('focusin', onFocusIn, { capture: true });
  stopActive = stop;
}

/**
 * Keys typed while a screen that opens on a box is on its way: pressed by keys, "Manually Update Serial
 * Numbers" leaves the focus nowhere until the grid is read and its first empty box takes it, and a scan
 * made at once lost its first characters there (the box then took the rest as the whole scan, and a
 * shortened IMEI was accepted). From the press until a text box has the focus, printable keys are kept
 * from the page (and from the scan router) and typed into that box as it takes the focus, replacing
 * what it has selected, as typing there would have; an Enter or Tab that ended them is then pressed
 * there too, so the box takes the value as it takes a scan. Only a box the opener names (`accepts`)
 * takes them; kept keys that reach no such box (another box took the focus, the box takes no typing,
 * a second value typed before the box came, the screen left or KEEP_LIMIT_MS passed) went nowhere:
 * that is beeped. Other keys (Escape, arrows) act as ever.
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

/** The screen the keys were kept for is gone, or has no box to give them (beeped if some were kept). */
export function stopKeepingKeys(): void {
  stopActive?.();
}

export function keepKeysForTheNextBox(accepts: (box: HTMLInputElement) => boolean, limitMs = KEEP_LIMIT_MS): void {
  stopActive?.();
  let kept = '';
  let ending: 'Enter' | 'Tab' | null = null;
  // Keys after the ending: a second value the one box cannot take.
  let dropped = false;

  const onKeyDown = (event: KeyboardEvent) => {
    if (isTextEntry(event.target)) return stop();
    const gs = isGsKey(event);
    // AltGr (Ctrl+Alt on Windows) types characters, such as @ on many layouts.
    const typesCharacter = gs || event.getModifierState('AltGraph') || !(event.ctrlKey || event.metaKey || event.altKey);
    if (event.isComposing || !typesCharacter) return;
    const ends = (event.key === 'Enter' || (event.key === 'Tab' && !event.shiftKey)) && kept !== '' && ending === null;
    if (!gs && !ends && !isPrintable(event.key)) return;
    // A Space before anything is kept is a person pressing the focused button: no identifier starts with one.
    if (event.key === ' ' && kept === '') return;
    event.preventDefault();
    event.stopImmediatePropagation();
    if (ends) ending = event.key as 'Enter' | 'Tab';
    else if (ending === null) kept += gs ? GS : event.key;
    else dropped = true;
  };

  const onFocusIn = (event: FocusEvent) => {
    const box = event.target;
    if (!isTextEntry(box)) return;
    const text = kept;
    const end = ending;
    const lostToo = dropped;
    kept = '';
    dropped = false;
    stop();
    if (text === '') return;
    if (!(box instanceof HTMLInputElement) || !accepts(box) || box.readOnly || box.disabled) return beepRefusal();
    if (lostToo) beepRefusal();
    // Once the box has taken the focus (its own focus handling runs after this listener), before any later key.
    queueMicrotask(() => {
      const start = box.selectionStart ?? box.value.length;
      box.setRangeText(text, start, box.selectionEnd ?? start, 'end');
      box.dispatchEvent(new Event('input', { bubbles: true }));
      // Untrusted, but the box's own key handling (React's) runs as for the scanner's key: the value is taken, the focus moves on.
      if (end) box.dispatchEvent(new KeyboardEvent('keydown', { key: end, code: end, bubbles: true, cancelable: true }));
    });
  };

  const timer = setTimeout(() => stop(), limitMs);

  function stop() {
    clearTimeout(timer);
    window.removeEventListener('keydown', onKeyDown, { capture: true });
    window.removeEventListener('focusin', onFocusIn, { capture: true });
    if (stopActive === stop) stopActive = null;
    if (kept !== '' || dropped) beepRefusal();
    kept = '';
    dropped = false;
  }

  window.addEventListener('keydown', onKeyDown, { capture: true });
  window.addEventListener('focusin', onFocusIn, { capture: true });
  stopActive = stop;
}

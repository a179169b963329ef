/**
 * Remembers which element had focus just before a dialog opened, and focuses it again when the
 * dialog closes: the opener if it is still in the page, else the fallback.
 *
 * `remember` belongs in the dialog's mount layout effect, before showModal: React runs the
 * cleanups of dialogs closing in the same commit first, so a dialog opened as another one closes
 * (a "saved" message after a form) gets the first one's opener, not a button about to vanish.
 */
import { useCallback, useRef } from 'react';

export function useOpenerFocus(fallback?: () => HTMLElement | null | undefined): { remember: () => void; restore: () => void } {
  const opener = useRef<HTMLElement | null>(null);
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;
  const remember = useCallback(() => {
    const current = document.activeElement;
    opener.current = current instanceof HTMLElement && current !== document.body ? current : null;
  }, []);
  const restore = useCallback(() => {
    // preventScroll: the opener is where the packer left it; jumping the page would lose their place.
    const element = opener.current;
    if (element?.isConnected) {
      element.focus({ preventScroll: true });
      // A disabled or hidden opener takes no focus: the fallback does.
      if (document.activeElement === element) return;
    }
    fallbackRef.current?.()?.focus({ preventScroll: true });
  }, []);
  return { remember, restore };
}

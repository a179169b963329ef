/**
 * Remembers which element had focus when a dialog (or any overlay) was first rendered, and gives a
 * stable function that focuses it again: the opener if it is still in the page, else the fallback.
 */
import { useCallback, useRef, useState } from 'react';

export function useOpenerFocus(fallback?: () => HTMLElement | null | undefined): () => void {
  // Read during the first render, before the dialog's own content can take focus.
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null));
  const fallbackRef = useRef(fallback);
  fallbackRef.current = fallback;
  return useCallback(() => {
    const target = opener?.isConnected ? opener : fallbackRef.current?.();
    // preventScroll: the opener is where the packer left it; jumping the page would lose their place.
    target?.focus({ preventScroll: true });
  }, [opener]);
}

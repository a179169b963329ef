/**
 * F1 anywhere, or "?" when not typing in a box, asks for the keyboard shortcuts: in a dialog too (the
 * allocation dialog's keys are where they are needed most), shown over it; asked again while they
 * show, they stay as they are.
 */
import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../components/list-keys.js';

/** F1, or "?" when not typing in a box: the keys that show the keyboard shortcuts. */
export function isHelpKey(event: Pick<KeyboardEvent, 'key' | 'target' | 'ctrlKey' | 'metaKey' | 'altKey'>): boolean {
  if (event.ctrlKey || event.metaKey || event.altKey) return false;
  return event.key === 'F1' || (event.key === '?' && !isTypingTarget(event.target));
}

export function useHelpKey(onHelp: () => void): void {
  const onHelpRef = useRef(onHelp);
  onHelpRef.current = onHelp;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || !isHelpKey(event)) return;
      event.preventDefault();
      onHelpRef.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

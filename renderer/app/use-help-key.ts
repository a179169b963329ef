/**
 * F1 anywhere, or "?" when not typing in a box, asks for the keyboard shortcuts: in a dialog too (the
 * allocation dialog's keys are where they are needed most), shown over it; asked again while they
 * show, they stay as they are.
 */
import { useEffect, useRef } from 'react';
import { isTypingTarget } from '../components/list-keys.js';

export function useHelpKey(onHelp: () => void): void {
  const onHelpRef = useRef(onHelp);
  onHelpRef.current = onHelp;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
      const help = event.key === 'F1' || (event.key === '?' && !isTypingTarget(event.target));
      if (!help) return;
      event.preventDefault();
      onHelpRef.current();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

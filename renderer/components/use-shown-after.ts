/**
 * True once `active` has stayed true for `ms`: long work shows its progress bar and Cancel, while work
 * that ends sooner never flashes one.
 */
import { useEffect, useState } from 'react';

export function useShownAfter(active: boolean, ms: number): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!active) return;
    const timer = setTimeout(() => setShown(true), ms);
    return () => {
      clearTimeout(timer);
      setShown(false);
    };
  }, [active, ms]);
  return active && shown;
}

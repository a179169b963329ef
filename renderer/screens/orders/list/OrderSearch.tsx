/**
 * "Search orders": the box the packer types (or scans) into. It holds the typed text itself, so a key
 * press re-renders only this box; the list follows once typing pauses (SEARCH_DELAY_MS), or at once on
 * Enter, which also opens the order when the text names one. A scan ending in Tab (a scanner set to
 * send Tab) counts as Enter; a person's Tab still just moves focus on. A scan replaces what was typed.
 */
import { useEffect, useMemo, useState, type RefObject } from 'react';
import { createScanDetector } from '../../../scanner/scan-detector.js';
import { useScanOptions } from '../../../scanner/scanner-settings.js';

export const SEARCH_DELAY_MS = 120;

export interface OrderSearchProps {
  id: string;
  /** The search the list shows. */
  query: string;
  onQueryChange: (query: string) => void;
  /** Enter: the text as it stands (the list searches it at once). */
  onSubmit: (text: string) => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function OrderSearch({ id, query, onQueryChange, onSubmit, searchRef }: OrderSearchProps) {
  const [text, setText] = useState(query);
  const scanOptions = useScanOptions();
  const detector = useMemo(() => createScanDetector(scanOptions), [scanOptions]);

  useEffect(() => {
    if (text === query) return;
    const timer = setTimeout(() => onQueryChange(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, query, onQueryChange]);

  return (
    <form
      role="search"
      className="search-form"
      onSubmit={(e) => {
        e.preventDefault();
        onSubmit(text);
      }}
    >
      <label htmlFor={id}>Search orders</label>
      <input
        ref={searchRef}
        id={id}
        type="search"
        value={text}
        placeholder="Order number, customer or SKU"
        autoComplete="off"
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.nativeEvent.isComposing) return detector.reset();
          const scan = detector.key(e.key, e.timeStamp);
          // As in the allocation pickers: Tab ending a scan is the scanner's Enter. A scan stands
          // alone: text typed before it (the caret was after it) is not part of the order number.
          if (scan.kind === 'scan' && (e.key === 'Enter' || (e.key === 'Tab' && !e.shiftKey))) {
            e.preventDefault();
            setText(scan.value);
            onSubmit(scan.value);
          }
        }}
      />
    </form>
  );
}

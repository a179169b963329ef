/**
 * "Search orders": the box the packer types (or scans) into. It holds the typed text itself, so a key
 * press re-renders only this box; the list follows once typing pauses (SEARCH_DELAY_MS), or at once on
 * Enter, which also opens the order when the text names one. A scan ending in Tab (a scanner set to
 * send Tab) counts as Enter; a person's Tab still just moves focus on. A scan replaces what was typed.
 * Text longer than a search can be is refused here, in words, and the list is not searched for it.
 * Down goes to the list's first order (APG: the arrows, not a Tab past every control in between).
 */
import { useEffect, useState, type RefObject } from 'react';
import { scannedSearchText } from '../../../../shared/gs1/element-string.js';
import { searchTooLongWords } from '../../../components/search-too-long.js';
import { ErrorText } from '../../../components/ErrorText.js';
import { useRefusal } from '../../../components/use-refusal.js';
import { useScanOptions } from '../../../scanner/scanner-settings.js';
import { useScanInBox } from '../../../scanner/use-scan-in-box.js';

export const SEARCH_DELAY_MS = 120;

export interface OrderSearchProps {
  id: string;
  /** The search the list shows. */
  query: string;
  onQueryChange: (query: string) => void;
  /** Enter: the text as it stands (the list searches it at once); `scanned` when a scan's end gave it. */
  onSubmit: (text: string, scanned: boolean) => void;
  searchRef: RefObject<HTMLInputElement | null>;
  /**
   * Down: the focus to the first order of the search. `searched`: Down has just made the search of the
   * text typed (the list had not followed it yet), so its rows are still to come.
   */
  onToRows: (searched: boolean) => void;
}

export function OrderSearch({ id, query, onQueryChange, onSubmit, searchRef, onToRows }: OrderSearchProps) {
  const [text, setText] = useState(query);
  const scanOptions = useScanOptions();
  // The core refuses a longer search in code words, and the list would say "Loading orders…" for ever.
  const tooLong = tooLongWords(text);
  const refusal = useRefusal();

  useEffect(() => {
    if (text === query || tooLong) return;
    const timer = setTimeout(() => onQueryChange(text), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text, query, tooLong, onQueryChange]);

  /** Enter, or a scan's end: refused (said again, beeped) when too long to search, else searched. */
  function submit(value: string, scanned: boolean) {
    const refused = tooLongWords(value);
    if (refused) return refusal.refuse(refused);
    onSubmit(value, scanned);
  }

  /**
   * As in the allocation pickers: Tab ending a scan is the scanner's Enter. A scan stands alone: text
   * typed before it (the caret was after it) is not part of the order number. A scanner set to send AIM
   * prefixes puts "]C0" before a plain code: not part of the order number (as outside any box). A GS1
   * code is left whole, for the list to say it is no order number.
   */
  const scanInBox = useScanInBox(
    (scanned) => {
      const value = scannedSearchText(scanned, { gsSubstitute: scanOptions.gsSubstitute });
      setText(value);
      submit(value, true);
    },
    (event) => {
      // Shift+Down selects text in the box, as anywhere: only a plain Down leaves it.
      if (event.key !== 'ArrowDown' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
      event.preventDefault();
      // The rows of what was typed, not of the search before it: the list follows at once, as after the pause.
      const searched = text !== query && !tooLong;
      if (searched) onQueryChange(text);
      onToRows(searched);
    },
  );

  return (
    <form
      role="search"
      className="search-form"
      onSubmit={(e) => {
        e.preventDefault();
        submit(text, false);
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
        aria-invalid={tooLong ? true : undefined}
        aria-describedby={tooLong ? `${id}-too-long` : undefined}
        onChange={(e) => setText(e.target.value)}
        {...scanInBox}
      />
      {tooLong && (
        <ErrorText id={`${id}-too-long`} again={refusal.key}>
          {tooLong}
        </ErrorText>
      )}
    </form>
  );
}

/** Why the text cannot be searched, or null. */
function tooLongWords(text: string): string | null {
  return searchTooLongWords(text, 'the list is not searched for it');
}

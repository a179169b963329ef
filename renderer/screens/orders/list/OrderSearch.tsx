/**
 * "Search orders": the box the packer types (or scans) into. It holds the typed text itself, so a key
 * press re-renders only this box; the list follows once typing pauses (SEARCH_DELAY_MS), or at once on
 * Enter, which also opens the order when the text names one exactly.
 */
import { useEffect, useState, type RefObject } from 'react';

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
      />
    </form>
  );
}

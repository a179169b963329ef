/**
 * The order list's selection: ticking rows (Shift+click and Shift+arrows take the rows between),
 * "Select all N matching orders" of the search shown, and the gate every bulk action of "Actions" passes.
 * The selected set itself belongs to the caller (it outlives the list); this hook changes it.
 */
import { useEffect, useRef, useState } from 'react';
import type { BenchApi, OrderSummary } from '../../../../shared/contract/api.js';
import { beepRefusal } from '../../../scanner/beep.js';
import type { HiddenSelectionChoice } from './HiddenSelectionConfirm.js';
import { useSearchSelection } from './use-orders-still-awaiting.js';
import { formatCount } from '../../../components/format-count.js';

/**
 * Words for the packer about what the list refused or could not do. Each is about the search the list
 * showed when it was said (the rows, the number typed, what "Select all" took): it goes once the list
 * shows another search. (Why the selection shrank by itself is the selection's, said with its count.)
 */
export interface ListNotice {
  text: string;
  /** The search shown when it was said (trimmed): the words go once the list shows another. */
  search: string;
  /** Holds only while the list reads which selected orders this search shows; it goes once that is read. */
  whileReading?: boolean;
  /** Holds only while "Select all" reads the search's orders; it goes once they are read. */
  whileSelectingAll?: boolean;
}

export interface OrderSelectionOptions {
  api: BenchApi;
  /** The search the list shows (trimmed). */
  query: string;
  /** How many orders the list shows; null until read. */
  listed: number | null;
  orderAt: (index: number) => OrderSummary | undefined;
  selected: ReadonlySet<number>;
  onSelectedChange: (selected: ReadonlySet<number>) => void;
  /** Says `notice` (the caller shows it as an alert); a refusal has already beeped. */
  onNotice: (notice: ListNotice | null) => void;
  /** "Show them" in the hidden-orders question: the search is cleared so every selected order shows. */
  onShowEverySelected: () => void;
}

export function useOrderSelection(options: OrderSelectionOptions) {
  const { api, query, listed, orderAt, selected, onSelectedChange, onNotice, onShowEverySelected } = options;
  // The search whose orders select-all is reading, while it reads them.
  const [selectingAll, setSelectingAll] = useState<string | null>(null);
  // A bulk action waiting on the packer's word, because the search hides some of the orders it covers.
  const [confirming, setConfirming] = useState<{ action: string; run: () => void } | null>(null);

  // The search the list shows now, for an answer that comes back after the packer searched on.
  const shownQuery = useRef(query);
  useEffect(() => {
    shownQuery.current = query;
  }, [query]);
  // The selection as it stands now: rows ticked (or orders dispatched elsewhere) while select-all (or a
  // Shift+End) reads its ids are kept when the ids arrive, not overwritten by the selection of the
  // moment of the click.
  const currentSelected = useRef(selected);
  useEffect(() => {
    currentSelected.current = selected;
  }, [selected]);

  function toggle(order: OrderSummary, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(order.id);
    else next.delete(order.id);
    onSelectedChange(next);
  }

  /**
   * Shift+arrows (and Shift+Page, Home, End, click): the rows from `from` to `to` join the selection. Rows
   * of pages not read yet (Shift+End over a long list) are not skipped: the search's ids are read, as
   * select-all reads them, in the list's order, and the range is taken from them.
   */
  function extendSelection(from: number, to: number, on = true) {
    const first = Math.min(from, to);
    const last = Math.max(from, to);
    const ids: number[] = [];
    for (let i = first; i <= last; i++) {
      const order = orderAt(i);
      if (!order) return void extendOverUnread(first, last, on);
      ids.push(order.id);
    }
    onSelectedChange(withRange(selected, ids, on));
  }

  async function extendOverUnread(first: number, last: number, on: boolean) {
    const asked = query;
    const result = await api.listAwaitingOrderIds({ query: asked });
    if (!result.ok) {
      onNotice({ text: `The orders from row ${formatCount(first + 1)} to ${formatCount(last + 1)} could not be selected: ${result.error.message}`, search: shownQuery.current });
      beepRefusal();
      return;
    }
    if (shownQuery.current !== asked) {
      // Rows of another search than the one on screen: take none rather than guess.
      onNotice({
        text: `The orders from row ${formatCount(first + 1)} to ${formatCount(last + 1)} of the search "${asked}" were not selected: the list now shows "${shownQuery.current}".`,
        search: shownQuery.current,
      });
      beepRefusal();
      return;
    }
    onSelectedChange(withRange(currentSelected.current, result.value.ids.slice(first, last + 1), on));
  }

  // The row last ticked or unticked, in this search: Shift+click on another box takes the rows between.
  const anchor = useRef<{ query: string; index: number } | null>(null);
  function toggleRow(order: OrderSummary, index: number, on: boolean, shift: boolean) {
    const from = anchor.current?.query === query ? anchor.current.index : null;
    anchor.current = { query, index };
    if (shift && from !== null) extendSelection(from, index, on);
    else toggle(order, on);
  }

  // Select-all is about this search's orders (APG tri-state): checked when every one is selected,
  // mixed when some are, unchecked when none are, whatever else is selected.
  const searchSelection = useSearchSelection(api, query, selected, listed);
  const { counts } = searchSelection;
  // The search whose orders select-all just took, until its ids are read for the box (it stays ticked meanwhile).
  const [tookAll, setTookAll] = useState<string | null>(null);
  if (tookAll !== null && (counts !== null || tookAll !== query || selected.size === 0)) setTookAll(null);
  const allMatchingSelected = counts !== null && counts.matching > 0 && counts.selected === counts.matching;
  const someMatchingSelected = (counts?.selected ?? 0) > 0 && !allMatchingSelected;
  const selectAllRef = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (selectAllRef.current) selectAllRef.current.indeterminate = someMatchingSelected && selectingAll === null;
  }, [someMatchingSelected, selectingAll]);

  async function toggleAll() {
    if (selectingAll !== null) {
      // Pressed again while it reads (aria-disabled, so it keeps the focus): said, not a silent press.
      const which = selectingAll ? `the orders matching "${selectingAll}"` : 'every order awaiting dispatch';
      onNotice({ text: `"Select all" is already selecting ${which}: wait for it to end.`, search: query, whileSelectingAll: true });
      beepRefusal();
      return;
    }
    if (allMatchingSelected) {
      // Only this search's orders leave the selection; orders it hides stay selected.
      onSelectedChange(searchSelection.without(selected));
      return;
    }
    const asked = query;
    setSelectingAll(asked);
    const result = await api.listAwaitingOrderIds({ query: asked });
    setSelectingAll(null);
    if (!result.ok) {
      onNotice({ text: result.error.message, search: shownQuery.current });
      beepRefusal();
      return;
    }
    if (shownQuery.current !== asked) {
      // These are another search's orders than the ones on screen: take none rather than guess.
      onNotice({
        text: `"Select all" was for the search "${asked}", and the list now shows "${shownQuery.current}": nothing was selected. Tick it again to select the orders shown.`,
        search: shownQuery.current,
      });
      beepRefusal();
      return;
    }
    setTookAll(asked);
    onSelectedChange(new Set([...currentSelected.current, ...result.value.ids]));
  }

  /** Ctrl+A in the list (APG grid): every order of this search joins the selection. It only selects: pressed again, it clears nothing. */
  function selectEveryMatching() {
    if (allMatchingSelected && selectingAll === null) return;
    void toggleAll();
  }

  /**
   * A bulk action of "Actions": asks first when the search hides some of the orders it covers, and
   * waits (saying so) while the search's orders are still read, since it cannot yet tell which.
   */
  function bulk(action: string, run: () => void) {
    return () => {
      // Reads are not retried by themselves: a failed one is said, and read again, or the gate would wait for ever.
      if (searchSelection.readFailed !== null) {
        onNotice({
          text: `"${action}" cannot run yet: which selected orders the search "${query}" shows could not be read (${searchSelection.readFailed}). They are read again now; choose it again in a moment.`,
          search: query,
        });
        beepRefusal();
        searchSelection.readAgain();
        return;
      }
      if (searchSelection.reading) {
        onNotice({
          text: `"${action}" waits for the list: it is still reading which selected orders the search "${query}" shows. Choose it again in a moment.`,
          search: query,
          whileReading: true,
        });
        beepRefusal();
        return;
      }
      onNotice(null);
      if (searchSelection.hidden > 0) setConfirming({ action, run });
      else run();
    };
  }

  function onConfirmed(choice: HiddenSelectionChoice) {
    const run = confirming?.run;
    setConfirming(null);
    if (choice === 'continue') run?.();
    else if (choice === 'show') onShowEverySelected();
  }

  return {
    toggleRow,
    extendSelection,
    selectAll: {
      ref: selectAllRef,
      checked: allMatchingSelected || selectingAll !== null || tookAll === query,
      /** The search's ids are being read for select-all. */
      busy: selectingAll !== null,
      toggle: toggleAll,
      /** Selects every order of the search (Ctrl+A); never clears. */
      take: selectEveryMatching,
    },
    /** How many selected orders the search does not show (0 until read). */
    hiddenBySearch: searchSelection.hidden,
    /** The list is still reading which selected orders the search shows. */
    readingSearch: searchSelection.reading,
    bulk,
    /** The bulk action asking whether to cover orders the search hides, if any. */
    confirming: confirming?.action ?? null,
    onConfirmed,
  };
}

/** The selection with `ids` added (`on`) or taken out. */
function withRange(selected: ReadonlySet<number>, ids: readonly number[], on: boolean): Set<number> {
  const next = new Set(selected);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}

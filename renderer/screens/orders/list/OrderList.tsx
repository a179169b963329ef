/**
 * The order dispatch list: orders awaiting dispatch, virtualised and fetched a page at a time,
 * searchable, with a checkbox per row, select-all of every matching order, and the "Actions" menu.
 */
import { defaultRangeExtractor, useVirtualizer, type Range } from '@tanstack/react-virtual';
import { useCallback, useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { firstContentShown } from '../../../app/after-first-content.js';
import { rowAfterKey } from '../../../components/list-keys.js';
import { describeOrderListKeys } from './order-list-keys.js';
import type { BenchApi } from '../../../../shared/contract/api.js';
import { counted, formatCount } from '../../../components/format-count.js';
import { beepRefusal } from '../../../scanner/beep.js';
import { MenuButton } from '../../../components/MenuButton.js';
import { identifierProgress } from './identifier-progress.js';
import { OrderSearch } from './OrderSearch.js';
import { useOrderPages } from './use-order-pages.js';
import { useOrdersStillAwaiting } from './use-orders-still-awaiting.js';
import { useOrderSelection, type ListNotice } from './use-order-selection.js';
import { HiddenSelectionConfirm } from './HiddenSelectionConfirm.js';
import { ErrorText } from '../../../components/ErrorText.js';
import { readGs1 } from '../../../../shared/gs1/element-string.js';
import { useScanOptions } from '../../../scanner/scanner-settings.js';
import { useSettledText } from '../../../components/use-settled-text.js';

export const ACTIONS_BUTTON_ID = 'orders-actions';
const ROW_HEIGHT = 60;
/** Rows read beyond those in view, each side. */
const OVERSCAN = 10;

/** Where an order was opened from: its row then, and the order (orders above it may come or go meanwhile). */
export interface ReturnToRow {
  index: number;
  orderId: number;
}

export interface OrderListProps {
  api: BenchApi;
  query: string;
  onQueryChange: (query: string) => void;
  selected: ReadonlySet<number>;
  onSelectedChange: (selected: ReadonlySet<number>) => void;
  /** `fromRow`: the row it was opened from (by Enter or its button), to come back to. */
  onOpenOrder: (orderId: number, fromRow?: number) => void;
  /** The row an order was opened from, and that order: the list starts there with the focus on it (back from that order). */
  returnToRow?: ReturnToRow | null;
  onDispatchIdentifiers: () => void;
  searchRef: RefObject<HTMLInputElement | null>;
}

export function OrderList(props: OrderListProps) {
  const { api, onQueryChange, selected, onSelectedChange, onOpenOrder, onDispatchIdentifiers, searchRef, returnToRow = null } = props;
  // The search as the list reads it (the core trims it too): one cache entry and one echo per search.
  const query = props.query.trim();
  const searchId = useId();
  const scanOptions = useScanOptions();
  // What the list last refused or could not do. It goes once the list shows another search than the
  // one it was said about (it no longer applies), and a refusal that waits for the list's read of the
  // search (`whileReading`) or for "Select all" (`whileSelectingAll`) once that is done.
  // `again` changes with each one: the alert keyed by it is put in anew, so the same words refused twice
  // are announced twice (unchanged text in an alert is not read out again).
  const [notice, setNoticeShown] = useState<(ListNotice & { again: number }) | null>(null);
  const notices = useRef(0);
  const setNotice = useCallback((next: ListNotice | null) => setNoticeShown(next && { ...next, again: ++notices.current }), []);
  // Bumped to clear the search box (it holds its own text) when the packer asks to see every selected order.
  const [searchBox, setSearchBox] = useState(0);
  const pages = useOrderPages(api, query);
  const selection = useOrderSelection({
    api,
    query,
    listed: pages.total,
    orderAt: pages.orderAt,
    selected,
    onSelectedChange,
    onNotice: setNotice,
    onShowEverySelected: () => {
      onQueryChange('');
      setSearchBox((n) => n + 1);
    },
  });
  if (notice && (notice.search !== query || (notice.whileReading && !selection.readingSearch) || (notice.whileSelectingAll && !selection.selectAll.busy))) setNotice(null);
  const { extendSelection, toggleRow } = selection;
  // Why the selection last shrank by itself, said with the count for as long as that selection stands.
  const [selectionNote, setSelectionNote] = useState<{ selection: ReadonlySet<number>; text: string } | null>(null);
  // A dispatched order is no longer the packer's to act on: it leaves the selection, so the count
  // and "Dispatch Identifiers" cover only orders still awaiting dispatch.
  useOrdersStillAwaiting(api, 'list', selected, (dispatched) => {
    const next = new Set([...selected].filter((id) => !dispatched.has(id)));
    const gone = selected.size - next.size;
    if (gone === 0) return;
    onSelectedChange(next);
    setSelectionNote({
      selection: next,
      text: `${counted(gone, 'selected order was', 'selected orders were')} dispatched and left the selection.`,
    });
  });
  const scrollRef = useRef<HTMLDivElement>(null);
  const total = pages.total ?? 0;
  const countText =
    pages.total === null
      ? 'Loading orders…'
      : total === 0
        ? query
          ? `No awaiting orders match "${query}".`
          : 'No orders awaiting dispatch.'
        : `${counted(total, 'order', 'orders')} awaiting dispatch${query ? ` matching "${query}"` : ''}`;
  const saidCount = useSettledText(pages.total === null ? null : countText, { quietFirst: true });
  const answered = pages.total !== null || pages.error !== null;
  useEffect(() => {
    if (answered) firstContentShown(); // the list (or why it is missing) is on screen: start-up work may go
  }, [answered]);

  // The grid's one tab stop (roving tabindex); it stays rendered even when scrolled away.
  const [activeRow, setActiveRow] = useState(returnToRow?.index ?? 0);
  const active = Math.max(0, Math.min(activeRow, total - 1));
  const rangeExtractor = useCallback(
    (range: Range) => {
      const indexes = defaultRangeExtractor(range);
      if (active < range.count && !indexes.includes(active)) indexes.push(active);
      return indexes.sort((a, b) => a - b);
    },
    [active],
  );
  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    rangeExtractor,
    // Back from an order opened far down the list: its row is in view from the first paint.
    initialOffset: returnToRow === null ? 0 : returnToRow.index * ROW_HEIGHT,
  });
  const rows = useRef(new Map<number, HTMLElement>());
  const focusWanted = useRef<number | null>(null);
  // The search's text when Down asked for its first row, rows still to come: typed over meanwhile (that
  // search's orders could not be read, or the packer moved on), the request is stale, and the next
  // search's first row must not take the focus from the box being typed in.
  const firstRowAskedOn = useRef<string | null>(null);
  // The focused row when its element went: a "Loading…" row replaced once its page is read, or an
  // order dispatched elsewhere. The focus stays in the list (see the layout effect below).
  const focusedRowGone = useRef<HTMLElement | null>(null);
  const rowRef = (index: number) => (element: HTMLElement | null) => {
    if (!element) {
      const old = rows.current.get(index);
      if (old?.contains(document.activeElement)) focusedRowGone.current = old;
      return void rows.current.delete(index);
    }
    rows.current.set(index, element);
    if (focusWanted.current === index) {
      focusWanted.current = null;
      const askedOn = firstRowAskedOn.current;
      firstRowAskedOn.current = null;
      if (askedOn === null || index !== 0 || searchRef.current?.value === askedOn) element.focus();
    }
  };

  // After each re-read: the focused row's element gone (its page read, the order dispatched elsewhere)
  // hands the focus to the row now at the tab stop, never to the page; a focused order that moved
  // (an order above it left) keeps the focus and takes the tab stop with it. With no order left to
  // list (the last one went), the focus goes to "Search orders", the list's other keyboard entry point.
  const readRows = pages.orderAt; // a new function with every page read
  const listed = pages.total; // null while unread: an unread list is not an empty one
  useLayoutEffect(() => {
    const gone = focusedRowGone.current;
    focusedRowGone.current = null;
    const focused = document.activeElement;
    const pageFocused = focused === null || focused === document.body;
    if (listed === 0 && (focusWanted.current !== null || (gone && !gone.isConnected))) {
      // No row will come for the focus waiting on one.
      focusWanted.current = null;
      if (pageFocused) searchRef.current?.focus();
      return;
    }
    if (gone && !gone.isConnected && pageFocused) {
      const element = rows.current.get(active);
      if (element) element.focus();
      else focusWanted.current = active;
      return;
    }
    if (focusWanted.current !== null || !(focused instanceof HTMLElement) || !scrollRef.current?.contains(focused)) return;
    const row = focused.closest<HTMLElement>('[data-row-index]');
    const at = row ? Number(row.dataset.rowIndex) : active;
    if (at !== active) setActiveRow(at);
  }, [active, total, listed, readRows, searchRef]);

  // Back from an order opened from its row: the focus goes to that row again (the order completed and
  // gone, to the one now in its place; the list emptied, to "Search orders"), once the list is read.
  const returnFocusPending = useRef(returnToRow !== null);
  // Then, the rows around it read anew, to that same order where it is now: orders above it that left
  // (dispatched at another bench) moved it up. Only pages already read are searched, never all of them.
  const returnOrderPending = useRef(returnToRow !== null);
  const { findOrder } = pages;
  useLayoutEffect(() => {
    if (returnToRow === null || listed === null) return;
    if (returnFocusPending.current) {
      returnFocusPending.current = false;
      if (listed === 0) {
        returnOrderPending.current = false;
        return void searchRef.current?.focus();
      }
      const index = Math.min(returnToRow.index, listed - 1);
      setActiveRow(index);
      const element = rows.current.get(index);
      if (element) element.focus();
      else focusWanted.current = index;
    }
    if (!returnOrderPending.current) return;
    const placed = Math.min(returnToRow.index, listed - 1);
    const now = findOrder(returnToRow.orderId, placed, OVERSCAN);
    if (now === undefined) return; // the rows around it are still being read
    returnOrderPending.current = false;
    if (now === null) return; // no longer listed: the row now in its place keeps the focus
    // Only from the row it was given (or the row still to come): not if the packer has moved on meanwhile.
    const focused = document.activeElement;
    const waiting = focused === null || focused === document.body;
    if (!waiting && focused !== rows.current.get(placed)) return;
    setActiveRow(now);
    virtualizer.scrollToIndex(now, { align: 'auto' });
    const element = rows.current.get(now);
    if (element) element.focus();
    else focusWanted.current = now;
  }, [listed, readRows, returnToRow, searchRef, findOrder, virtualizer]);

  // "Clear selection" goes with the selection. Emptied by itself under the focus (its orders dispatched
  // elsewhere), the focus goes back to the list, as the button's own press sends it, never to the page.
  const clearButtonGone = useRef(false);
  const clearButtonRef = useCallback((button: HTMLButtonElement | null) => {
    if (!button) return;
    return () => {
      if (button.contains(document.activeElement)) clearButtonGone.current = true;
    };
  }, []);
  const selectionEmpty = selected.size === 0;
  useLayoutEffect(() => {
    if (!clearButtonGone.current) return;
    clearButtonGone.current = false;
    const focused = document.activeElement;
    if (focused !== null && focused !== document.body) return;
    if (total === 0) return void searchRef.current?.focus();
    const element = rows.current.get(active);
    if (element) element.focus();
    else focusWanted.current = active;
  }, [selectionEmpty, total, active, searchRef]);

  // "Select all" is disabled with no order listed. Disabled under the focus (the search's last orders
  // dispatched elsewhere), the focus goes to "Search orders", as a gone row's does, never to the page.
  // A blur with somewhere to go is the packer moving on; one without (the box disabled) is not.
  const selectAllHadFocus = useRef(false);
  const selectAllRef = selection.selectAll.ref;
  const listEmpty = total === 0;
  useLayoutEffect(() => {
    if (!listEmpty || !selectAllHadFocus.current) return;
    selectAllHadFocus.current = false;
    const focused = document.activeElement;
    if (focused === null || focused === document.body || focused === selectAllRef.current) searchRef.current?.focus();
  }, [listEmpty, selectAllRef, searchRef]);

  /** Moves the tab stop to a row, scrolls it into view and focuses it (once rendered). */
  function focusRow(index: number) {
    firstRowAskedOn.current = null;
    setActiveRow(index);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    const element = rows.current.get(index);
    if (element) element.focus();
    else focusWanted.current = index;
  }

  /**
   * Down in "Search orders": the first order of the search gets the focus and the tab stop (the roving
   * tabindex), not the row last focused: Up on it comes straight back. Rows still to be read (the search
   * just made) take it as they come; with no order listed the focus stays in the box.
   */
  function focusFirstRow(searched: boolean) {
    // The search's rows still to come: just made, or made before and not read (still on its way, or its
    // read failed). They take the focus as they come, unless the packer has typed over the search.
    if (searched || pages.total === null) {
      setActiveRow(0);
      virtualizer.scrollToOffset(0);
      focusWanted.current = 0;
      firstRowAskedOn.current = searchRef.current?.value ?? '';
      return;
    }
    if (pages.total !== 0) focusRow(0);
  }

  function onGridKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    // Keys of a scan in progress are handled (and held back) by the app-wide scan listener.
    if (event.defaultPrevented || event.altKey || event.metaKey) return;
    const target = event.target as HTMLElement;
    const row = target.closest<HTMLElement>('[data-row-index]');
    if (!row) return;
    const index = Number(row.dataset.rowIndex);
    const order = pages.orderAt(index);
    if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      // Along the row: the row itself, its checkbox, its "Details / Ready" button.
      const stops = [row, ...row.querySelectorAll<HTMLElement>('input, button')];
      const at = stops.indexOf(target);
      const next = stops[Math.max(0, Math.min(stops.length - 1, at + (event.key === 'ArrowRight' ? 1 : -1)))];
      event.preventDefault();
      next?.focus();
      return;
    }
    if (event.ctrlKey && !event.shiftKey && event.key.toLowerCase() === 'a') {
      // The grid's "select all" (APG), as "Select all N matching orders" ticks it; not the page's text.
      event.preventDefault();
      selection.selectAll.take();
      return;
    }
    if (event.key === 'ArrowUp' && index === 0 && !event.shiftKey && !event.ctrlKey) {
      // Above the first order is "Search orders", the list's other keyboard entry point (Down there comes back).
      event.preventDefault();
      searchRef.current?.focus();
      return;
    }
    const pageRows = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1);
    const to = event.ctrlKey && event.key !== 'Home' && event.key !== 'End' ? null : rowAfterKey(event.key, index, total, pageRows);
    if (to !== null) {
      event.preventDefault();
      if (event.shiftKey) extendSelection(index, to);
      focusRow(to);
      return;
    }
    if (event.key === ' ' && target === row && order) {
      event.preventDefault();
      toggleRow(order, index, !selected.has(order.id), false);
    } else if (event.key === 'Enter' && target.tagName !== 'BUTTON' && order) {
      event.preventDefault();
      onOpenOrder(order.id, index);
    }
  }

  const items = virtualizer.getVirtualItems();
  // The rows in view plus the overscan; not the focused row kept rendered far away (that would
  // ask for every page between them).
  const firstIndex = Math.max(0, (virtualizer.range?.startIndex ?? 0) - OVERSCAN);
  const lastIndex = Math.min(Math.max(0, total - 1), (virtualizer.range?.endIndex ?? 0) + OVERSCAN);
  const { ensureRange } = pages;
  useEffect(() => {
    if (total > 0) ensureRange(firstIndex, lastIndex);
  }, [ensureRange, firstIndex, lastIndex, total]);

  // Bumped by each Enter or scan in the search box, and when the list goes (an order opened): the
  // answers of one superseded meanwhile (a slow core: the next scan's order opened first) say nothing.
  const submits = useRef(0);
  useEffect(() => () => void (submits.current += 1), []);

  async function openExactOrder(text: string, scanned: boolean) {
    // A scan (or a typed number) into the search box that names one order opens it. The search
    // ignores case, so Enter does too, as long as that names one order.
    const number = text.trim();
    const submit = ++submits.current;
    if (!number) return;
    const result = await api.findOrderByNumber({ orderNumber: number, ignoreCase: true });
    if (submit !== submits.current) return;
    if (!result.ok) {
      // Text no order number can be (too long) is only a search; a look-up that failed is said and
      // beeped, as the scan that opens nothing outside a box is, never dropped without a word.
      if (result.error.code === 'validation') return;
      setNotice({ text: `Order ${number} could not be opened: ${result.error.message}`, search: number });
      beepRefusal();
      return;
    }
    const { order, caseVariants } = result.value;
    if (order) return onOpenOrder(order.id);
    if (caseVariants.length > 1) {
      setNotice({ text: `"${number}" matches ${formatCount(caseVariants.length)} order numbers that differ only in case (${caseVariants.join(', ')}): type the number exactly to open one.`, search: number });
      beepRefusal();
      return;
    }
    // Nothing opened. A search that lists orders (a customer, a SKU) is what was asked for; a scan that
    // lists none either (a number no order has, a GS1 code) is refused in words and beeped, not left
    // unheard. Typed, it is a search like any other: the list says it matches nothing, with no beep.
    if (!scanned) return;
    const listed = await api.listAwaitingOrders({ query: number, offset: 0, limit: 1 });
    if (submit !== submits.current || !listed.ok || listed.value.total > 0) return;
    setNotice({
      text:
        readGs1(number, { gsSubstitute: scanOptions.gsSubstitute }).kind === 'plain'
          ? `No order has the number "${number}", and no order awaiting dispatch matches it.`
          : `"${number}" is a GS1 code (a product's or an identifier's), not an order number: no order was opened.`,
      search: number,
    });
    beepRefusal();
  }

  const selectedCount = selected.size;
  const hiddenBySearch = selection.hiddenBySearch;
  return (
    <section className="order-list" aria-labelledby={`${searchId}-heading`}>
      <div className="toolbar">
        <h2 id={`${searchId}-heading`}>Order Dispatch</h2>
        <OrderSearch
          key={searchBox}
          id={searchId}
          query={props.query}
          onQueryChange={onQueryChange}
          onSubmit={(text, scanned) => {
            setNotice(null);
            onQueryChange(text);
            void openExactOrder(text, scanned);
          }}
          searchRef={searchRef}
          onToRows={focusFirstRow}
        />
        <MenuButton
          label="Actions"
          buttonId={ACTIONS_BUTTON_ID}
          sections={[{ label: 'Shipping', items: [{ label: 'Dispatch Identifiers', onSelect: selection.bulk('Dispatch Identifiers', onDispatchIdentifiers) }] }]}
        />
      </div>
      {selection.confirming && <HiddenSelectionConfirm action={selection.confirming} selected={selectedCount} hidden={hiddenBySearch} onChoose={selection.onConfirmed} />}
      <div className="selection-bar">
        <label className="select-all">
          <input
            ref={selectAllRef}
            type="checkbox"
            checked={selection.selectAll.checked}
            disabled={total === 0}
            aria-disabled={selection.selectAll.busy || undefined}
            onChange={() => void selection.selectAll.toggle()}
            onFocus={() => (selectAllHadFocus.current = true)}
            onBlur={(event) => {
              if (event.relatedTarget !== null) selectAllHadFocus.current = false;
            }}
          />
          {pages.total === null ? 'Select all matching orders' : `Select all ${counted(total, 'matching order', 'matching orders')}`}
        </label>
        <p aria-live="polite" className="selection-count">
          {selection.selectAll.busy
            ? 'Selecting…'
            : `${counted(selectedCount, 'order', 'orders')} selected${
                hiddenBySearch > 0 ? `, ${selectedCount === 1 ? 'not' : `${formatCount(hiddenBySearch)} of them not`} shown by this search` : ''
              }${selectionNote?.selection === selected ? `. ${selectionNote.text}` : ''}`}
        </p>
        {selectedCount > 0 && (
          <button
            ref={clearButtonRef}
            type="button"
            onClick={() => {
              onSelectedChange(new Set());
              // The button goes with the selection: the focus goes back to the list, never to the page.
              if (total > 0) focusRow(active);
              else searchRef.current?.focus();
            }}
          >
            Clear selection
          </button>
        )}
        {notice && <p key={notice.again} role="alert">{notice.text}</p>}
      </div>
      {pages.error && (
        <ErrorText>{pages.error}</ErrorText>
      )}
      <p className="list-count">{countText}</p>
      {/* Said once the search has settled: a live count said "Loading orders…" and a count at every key typed. */}
      <p className="visually-hidden" aria-live="polite">
        {saidCount && `Order search: ${saidCount}`}
      </p>
      <div ref={scrollRef} className="order-scroll">
        <div
          role="grid"
          aria-label="Orders awaiting dispatch"
          aria-multiselectable="true"
          aria-rowcount={total}
          aria-describedby={`${searchId}-keys`}
          className="order-grid"
          style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
          onKeyDown={onGridKeyDown}
        >
          {items.map((item) => {
            const order = pages.orderAt(item.index);
            const isSelected = order ? selected.has(order.id) : false;
            return (
              <div
                key={order ? order.id : `loading-${item.index}`}
                ref={rowRef(item.index)}
                role="row"
                data-row-index={item.index}
                tabIndex={item.index === active ? 0 : -1}
                aria-rowindex={item.index + 1}
                aria-selected={order ? isSelected : undefined}
                className={isSelected ? 'order-row selected' : 'order-row'}
                style={{ height: ROW_HEIGHT, transform: `translateY(${item.start}px)` }}
                onFocus={() => setActiveRow(item.index)}
              >
                {order ? (
                  <>
                    <span role="gridcell">
                      <input
                        type="checkbox"
                        tabIndex={-1}
                        aria-label={`Select order ${order.orderNumber}`}
                        checked={isSelected}
                        onChange={(e) => toggleRow(order, item.index, e.target.checked, e.nativeEvent instanceof MouseEvent && e.nativeEvent.shiftKey)}
                      />
                    </span>
                    <span role="gridcell" className="order-number">{order.orderNumber}</span>
                    <span role="gridcell" className="order-customer">{order.customer}</span>
                    <span role="gridcell" className="order-units">
                      {formatCount(order.unitsRemaining)} of {counted(order.unitsOrdered, 'unit', 'units')} to dispatch
                    </span>
                    <span role="gridcell" className={order.unitsMissingIdentifiers > 0 ? 'order-identifiers needs' : 'order-identifiers'}>
                      {order.unitsMissingIdentifiers > 0 && <span aria-hidden="true">● </span>}
                      {identifierProgress(order)}
                    </span>
                    <span role="gridcell">
                      <button type="button" tabIndex={-1} aria-label={`Details / Ready for order ${order.orderNumber}`} onClick={() => onOpenOrder(order.id, item.index)}>
                        Details / Ready
                      </button>
                    </span>
                  </>
                ) : (
                  <span role="gridcell" className="muted">Loading…</span>
                )}
              </div>
            );
          })}
        </div>
      </div>
      <p id={`${searchId}-keys`} className="visually-hidden">
        {describeOrderListKeys()}
      </p>
    </section>
  );
}

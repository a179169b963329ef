/**
 * The order dispatch screen: the list, one order's details, and the allocation dialog for the
 * selected orders. Query and selection live here so they survive a visit to an order.
 */
import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect, useRef, useState, type ComponentType } from 'react';
import type { BenchApi } from '../../../shared/contract/api.js';
import { benchKeys, unwrap } from '../../api/queries.js';
import { afterFirstContent } from '../../app/after-first-content.js';
import { MessageDialog } from '../../components/MessageDialog.js';
import { beepRefusal } from '../../scanner/beep.js';
import { OrderList, type ReturnToRow } from './list/OrderList.js';
import { savedMessage } from './allocation/saved-message.js';
import type { AllocationDialogProps } from './allocation/AllocationDialog.js';
import { AllocationDialogOpening } from './allocation/AllocationDialogOpening.js';

// Only the list is in the first bundle (the first paint parses less); an order and the allocation
// dialog load in their own chunks, fetched once the list has shown and the browser is idle.
const loadOrderDetails = () => import('./details/OrderDetails.js');
type AllocationDialogComponent = ComponentType<AllocationDialogProps>;
/** The dialog itself once its chunk is here (preloaded when idle): rendered without a Suspense round. */
let loadedAllocationDialog: AllocationDialogComponent | null = null;
const loadAllocationDialog = () =>
  import('./allocation/AllocationDialog.js').then((m) => {
    loadedAllocationDialog = m.AllocationDialog;
    return m;
  });
const OrderDetails = lazy(() => loadOrderDetails().then((m) => ({ default: m.OrderDetails })));
const LazyAllocationDialog = lazy(() => loadAllocationDialog().then((m) => ({ default: m.AllocationDialog })));

function preloadLaterScreens(): void {
  afterFirstContent(() => {
    void loadOrderDetails();
    void loadAllocationDialog();
  });
}

export interface OpenOrderRequest {
  orderId: number;
  /** A new object per request, so the same order can be asked for twice. */
  nonce: number;
}

export interface OrdersScreenProps {
  api: BenchApi;
  /** Set by the app shell when a scanned order number should be opened (and selected, while it awaits dispatch). */
  openRequest?: OpenOrderRequest | null;
}

type Message = { title: string; body: string };

export function OrdersScreen({ api, openRequest = null }: OrdersScreenProps) {
  const [query, setQuery] = useState('');
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [openOrderId, setOpenOrderId] = useState<number | null>(null);
  // The list row the open order was opened from (Enter, its "Details / Ready"), null when opened by a
  // number (search, scan). Back on the list the focus goes to that order, where the packer left off, and
  // not to the top of a list of thousands; found by its id when orders above it came or went meanwhile.
  const [openedFromRow, setOpenedFromRow] = useState<ReturnToRow | null>(null);
  const client = useQueryClient();
  // An order opened by its number (scanned, anywhere or into "Search orders", or typed there) is selected
  // while it awaits dispatch, as the design has it: scan orders, then Actions for them all. A dispatched
  // one (scanned to read its history) is no longer the packer's to act on, and would be counted as
  // selected. The read is the order page's own.
  const selectIfAwaiting = useCallback(
    (orderId: number) => {
      void client.fetchQuery({ queryKey: benchKeys.order(orderId), queryFn: () => unwrap(api.getOrder({ orderId })) }).then(
        (order) => {
          if (order.status === 'awaiting') setSelected((s) => new Set(s).add(orderId));
        },
        () => {}, // not read: the order page says why; nothing is selected
      );
    },
    [api, client],
  );
  const openOrder = useCallback(
    (orderId: number, fromRow?: number) => {
      setOpenedFromRow(fromRow === undefined ? null : { index: fromRow, orderId });
      setOpenOrderId(orderId);
      if (fromRow === undefined) selectIfAwaiting(orderId);
    },
    [selectIfAwaiting],
  );
  const [allocating, setAllocating] = useState<number[] | null>(null);
  // Chosen as the dialog opens (changing it while open would mount it anew). Loaded, the dialog opens in
  // the very commit of "Dispatch Identifiers": through lazy() it would suspend, and React holds a
  // boundary's content back for up to 300 ms after its fallback. Not loaded yet, "Opening…" shows
  // meanwhile and keeps the keys (AllocationDialogOpening), so a scan fired right after the press
  // reaches the dialog's first box, never the page behind (routed as a lookup, leaving the screen).
  const allocationDialog = useRef<AllocationDialogComponent>(LazyAllocationDialog);
  const [message, setMessage] = useState<Message | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  useEffect(preloadLaterScreens, []);

  useEffect(() => {
    if (!openRequest) return;
    const { orderId } = openRequest;
    setAllocating(null);
    setOpenedFromRow(null);
    setOpenOrderId(orderId);
    selectIfAwaiting(orderId);
  }, [openRequest, selectIfAwaiting]);

  /** Set by "Back to orders" for an order opened by its number: the list, mounted again, gives the focus to its search. */
  const focusSearchOnReturn = useRef(false);
  const backToList = useCallback(() => {
    focusSearchOnReturn.current = openedFromRow === null;
    setOpenOrderId(null);
  }, [openedFromRow]);

  // In the commit that mounts the list again, not a frame later (a frame can come before that commit
  // on a loaded bench, and find no search to focus). The search keeps the number that opened the
  // order: selected, the next scan replaces it instead of being appended to it ("SO-2SO-4" opens nothing).
  useEffect(() => {
    if (openOrderId !== null || !focusSearchOnReturn.current) return;
    focusSearchOnReturn.current = false;
    searchRef.current?.focus();
    searchRef.current?.select();
  }, [openOrderId]);

  function dispatchIdentifiers() {
    if (selected.size === 0) {
      setMessage({ title: 'No orders selected', body: 'Tick the box beside each order first, then choose "Dispatch Identifiers" again.' });
      beepRefusal(); // a refusal, heard as every other is
      return;
    }
    allocationDialog.current = loadedAllocationDialog ?? LazyAllocationDialog;
    setAllocating([...selected]);
  }

  return (
    <>
      {openOrderId === null ? (
        <OrderList
          api={api}
          query={query}
          onQueryChange={setQuery}
          selected={selected}
          onSelectedChange={setSelected}
          onOpenOrder={openOrder}
          returnToRow={openedFromRow}
          onDispatchIdentifiers={dispatchIdentifiers}
          searchRef={searchRef}
        />
      ) : (
        <Suspense fallback={<p className="loading">Loading the order…</p>}>
        <OrderDetails
          key={openOrderId}
          api={api}
          orderId={openOrderId}
          onBack={backToList}
          onDispatched={({ orderNumber, status }) => {
            // Only a completed order leaves the selection: a partly dispatched one still awaits the rest.
            if (status === 'dispatched') {
              setSelected((s) => {
                const next = new Set(s);
                next.delete(openOrderId);
                return next;
              });
              // A search that named this order (it was scanned or typed to open it) would now list
              // nothing ("No awaiting orders match"): the list comes back whole, ready for the next scan.
              if (query.trim().toLowerCase() === orderNumber.toLowerCase()) setQuery('');
            }
            backToList();
          }}
        />
        </Suspense>
      )}
      {allocating && (
        <AllocationDialogOpening
          dialog={allocationDialog.current}
          api={api}
          orderIds={allocating}
          onCancel={() => setAllocating(null)}
          onSaved={(orderNumbers, changed, changedOrders) => {
            setAllocating(null);
            setMessage({ title: 'Dispatch identifiers saved', body: savedMessage(orderNumbers, changed, changedOrders) });
          }}
        />
      )}
      {message && (
        <MessageDialog
          title={message.title}
          onClose={() => setMessage(null)}
        >
          <p>{message.body}</p>
        </MessageDialog>
      )}
    </>
  );
}

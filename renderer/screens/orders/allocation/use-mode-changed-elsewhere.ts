/**
 * A product's identifier mode changed while the dialog is open (on the product screen, by the CLI,
 * by a sync pull): the change stream reads the dialog's sheet again whenever a product of its orders
 * changes (their None lines' products included, as one may turn tracked), and a line whose mode differs from the one its boxes were laid out for has the sheet taken anew (a line
 * turned None loses its boxes, one turned tracked gets them). The change is said once, in words: the
 * core refuses every value sent for a product now None, so the boxes going must not be silent.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { AllocationSheet, BenchApi } from '../../../../shared/contract/api.js';
import { counted } from '../../../../shared/domain/counted.js';
import type { IdentifierMode } from '../../../../shared/domain/modes.js';
import { benchKeys, useBenchQuery } from '../../../api/queries.js';
import { loadAllocationSheet } from './load-sheet.js';

interface Reread {
  /** The orders the read was for: an answer cached from a dialog opened before is not this one's. */
  asked: readonly number[];
  fresh: AllocationSheet;
  /** Products of lines the sheet no longer lists that are None now (not dispatched: that is use-dispatched-elsewhere's). */
  turnedNone: ReadonlySet<number>;
}

type LineMode = { productId: number; sku: string; mode: IdentifierMode };

/** The tracked lines with units still to dispatch, of the orders not dispatched elsewhere. */
function lineModes(sheet: AllocationSheet, gone: ReadonlySet<number>): Map<number, LineMode> {
  const modes = new Map<number, LineMode>();
  for (const order of sheet.orders) {
    if (gone.has(order.orderId)) continue;
    for (const line of order.lines) if (line.quantity > line.dispatched) modes.set(line.lineId, { productId: line.productId, sku: line.sku, mode: line.identifierMode });
  }
  return modes;
}

/** Every product on the sheet's orders, tracked or None, sorted: what a change must touch to concern the dialog. */
function watchedProductIds(sheet: AllocationSheet | null): number[] {
  const ids = new Set<number>();
  for (const order of sheet?.orders ?? []) {
    for (const line of order.lines) ids.add(line.productId);
    for (const productId of order.untrackedProductIds) ids.add(productId);
  }
  return [...ids].sort((a, b) => a - b);
}

/** The announcement, once, for the last mode change seen (null: none since the dialog opened). */
export function useModeChangedElsewhere(
  api: BenchApi,
  orderIds: readonly number[],
  sheet: AllocationSheet | null,
  gone: ReadonlySet<number>,
  replaceSheet: (fresh: AllocationSheet, gone: ReadonlySet<number>) => ReadonlyMap<number, number>,
): string | null {
  const [said, setSaid] = useState<string | null>(null);
  const watched = useMemo(() => watchedProductIds(sheet), [sheet]);
  // One key for the dialog, naming its products so only a change to one of them reads it again; the
  // latest queryFn runs, so it compares against the sheet the dialog shows when the change comes.
  const { data, isFetching } = useBenchQuery<Reread>(
    benchKeys.watchedProducts('allocation', watched),
    async () => {
      const result = await loadAllocationSheet(api, orderIds);
      if (!result.ok || !sheet) return result.ok ? { ok: true, value: { asked: orderIds, fresh: result.value, turnedNone: new Set() } } : result;
      const listed = lineModes(result.value, new Set());
      const missing = new Set([...lineModes(sheet, gone).values()].map((l) => l.productId));
      for (const line of listed.values()) missing.delete(line.productId);
      const turnedNone = new Set<number>();
      for (const productId of missing) {
        const product = await api.getProduct({ productId });
        if (product.ok && product.value.identifierMode === 'none') turnedNone.add(productId);
      }
      return { ok: true, value: { asked: orderIds, fresh: result.value, turnedNone } };
    },
    // The sheet the dialog just read is this key's first answer: opening reads the sheet once, not twice.
    { enabled: sheet !== null, initial: () => (sheet ? { asked: orderIds, fresh: sheet, turnedNone: new Set<number>() } : undefined) },
  );

  const latest = useRef({ sheet, gone, replaceSheet });
  useEffect(() => {
    latest.current = { sheet, gone, replaceSheet };
  });
  // Only a settled answer counts (as useOrdersStillAwaiting): one read while another change came may predate it.
  useEffect(() => {
    const { sheet, gone, replaceSheet } = latest.current;
    if (!data || isFetching || !sheet || data.asked !== orderIds) return;
    const before = lineModes(sheet, gone);
    const after = lineModes(data.fresh, gone);
    const changed = new Map<number, LineMode>();
    for (const [lineId, now] of after) if (before.get(lineId)?.mode !== now.mode) changed.set(now.productId, now);
    for (const [lineId, was] of before) if (!after.has(lineId) && data.turnedNone.has(was.productId)) changed.set(was.productId, { ...was, mode: 'none' });
    if (changed.size === 0) return;
    const dropped = replaceSheet(mergeSheets(sheet, data, gone), gone);
    const droppedFor = (productId: number) => {
      let count = 0;
      for (const [lineId, n] of dropped) if (before.get(lineId)?.productId === productId) count += n;
      return count;
    };
    setSaid([...changed.values()].map((line) => modeChangedText(line.sku, line.mode, droppedFor(line.productId))).join(' '));
  }, [data, isFetching, orderIds]);
  return said;
}

/**
 * The sheet read again, but for orders it cannot speak for: those dispatched elsewhere (their boxes
 * stay shown, read-only) and those that lost a line for another reason than its mode (being
 * dispatched: marked by use-dispatched-elsewhere once the orders are read again).
 */
function mergeSheets(shown: AllocationSheet, { fresh, turnedNone }: Reread, gone: ReadonlySet<number>): AllocationSheet {
  const freshOrders = new Map(fresh.orders.map((o) => [o.orderId, o]));
  const orders = shown.orders.map((order) => {
    const now = freshOrders.get(order.orderId);
    if (!now || gone.has(order.orderId)) return order;
    const listed = new Set(now.lines.map((l) => l.lineId));
    const lostOtherwise = order.lines.some((l) => !listed.has(l.lineId) && !turnedNone.has(l.productId));
    return lostOtherwise ? order : now;
  });
  return { orders };
}

/** "PHN-1's identifier mode was changed elsewhere to single-use: its units need identifiers now." */
export function modeChangedText(sku: string, mode: IdentifierMode, droppedValues: number): string {
  const head = `${sku}'s identifier mode was changed elsewhere to`;
  if (mode === 'single_use') return `${head} single-use: its units need identifiers now.`;
  if (mode === 'multiple_use') return `${head} multiple-use: its units' boxes may stay empty now.`;
  const lost = droppedValues > 0 ? ` ${counted(droppedValues, 'value', 'values')} put in them ${droppedValues === 1 ? 'was' : 'were'} not saved.` : '';
  return `${head} none: its units need no identifiers now, so its boxes are gone.${lost}`;
}

/**
 * The dialog's orders dispatched elsewhere while it is open (another bench through sync, the CLI),
 * whole or in part. One read for all the dialog's orders (getDispatchedUnits, in parts of
 * MAX_ORDERS_PER_DISPATCHED_UNITS_READ), again by the change stream whenever orders change, says
 * both: an order whose status is dispatched has gone, and a line whose dispatched count passed its
 * first box has those units' boxes gone. The core would refuse their boxes on saving; this lets the
 * dialog say so at once, so the packer stops scanning into them.
 */
import { useEffect, useId, useMemo, useState } from 'react';
import type { BenchApi, ResultOf } from '../../../../shared/contract/api.js';
import type { AllocationBoxStore } from './allocation-box-store.js';
import type { SheetIndex, UnitsGone } from './allocation-model.js';
import { counted, listedInWords, withThousands } from '../../../../shared/domain/counted.js';
import { benchKeys, useBenchQuery } from '../../../api/queries.js';
import { loadDispatchedUnits } from './load-sheet.js';

const NONE: ReadonlySet<number> = new Set();
const NO_PARTS: ReadonlyMap<number, PartGone> = new Map();

/** Units of one line dispatched elsewhere since the dialog opened: its boxes from..through. */
export interface PartGone {
  orderId: number;
  orderNumber: string;
  sku: string;
  from: number;
  through: number;
}

export interface DispatchedElsewhere {
  gone: ReadonlySet<number>;
  /** Lines with part of their units dispatched elsewhere: line → the last unit gone (boxes up to it take nothing). */
  unitsGone: UnitsGone;
  /** The same, with what the words need, by line. */
  parts: ReadonlyMap<number, PartGone>;
  /**
   * The dialog's own "Complete Order" is under way (true) or failed (false): meanwhile its order
   * leaving the awaiting ones is that completion, not a dispatch elsewhere, so the answers wait.
   */
  holdWhileCompleting: (completing: boolean) => void;
}

type DispatchedUnits = ResultOf<'getDispatchedUnits'>['orders'];

/**
 * The lines of `answer` with units dispatched past their first box, as parts gone (growing `parts`;
 * a dispatch is final); null when nothing new. Whole orders dispatched are left to `gone`'s words.
 */
export function partsGone(index: SheetIndex, answer: DispatchedUnits, gone: ReadonlySet<number>, parts: ReadonlyMap<number, PartGone>): Map<number, PartGone> | null {
  let next: Map<number, PartGone> | null = null;
  for (const order of answer) {
    if (order.status === 'dispatched' || gone.has(order.orderId)) continue;
    for (const { lineId, dispatched } of order.lines) {
      const line = index.lineById.get(lineId);
      // A line with no box (None) or a part dispatched before the dialog read it.
      if (!line || dispatched < line.firstUnit) continue;
      const before = parts.get(lineId);
      const through = Math.min(dispatched, line.quantity);
      if (before && before.through >= through) continue;
      next ??= new Map(parts);
      next.set(lineId, { orderId: line.orderId, orderNumber: line.orderNumber, sku: line.sku, from: before?.from ?? line.firstUnit, through });
    }
  }
  return next;
}

export function useDispatchedElsewhere(api: BenchApi, store: AllocationBoxStore | null): DispatchedElsewhere {
  const [gone, setGone] = useState<ReadonlySet<number>>(NONE);
  const [parts, setParts] = useState<ReadonlyMap<number, PartGone>>(NO_PARTS);
  const [completing, setCompleting] = useState(false);
  const orderIds = useMemo<readonly number[]>(() => (store ? store.index.orders.map((o) => o.orderId) : []), [store]);
  const dialog = useId();
  const { data, isFetching } = useBenchQuery<DispatchedUnits>(benchKeys.dispatchedUnits(dialog), () => loadDispatchedUnits(api, orderIds), {
    enabled: orderIds.length > 0,
  });
  // Only a settled answer counts: a cached one while it is read again may predate orders dispatched
  // since (a new change cancels a read in flight). None while the dialog's own completion is on its
  // way: its order leaving the awaiting ones is that completion, not a dispatch elsewhere; once it
  // fails, the answer read meanwhile says whether the order went elsewhere after all.
  useEffect(() => {
    if (!store || !data || isFetching || completing) return;
    // A dispatch is final: an order once gone stays marked.
    const dispatched = new Set(data.filter((o) => o.status === 'dispatched').map((o) => o.orderId));
    const nowGone = store.index.orders.filter((o) => dispatched.has(o.orderId) || gone.has(o.orderId)).map((o) => o.orderId);
    const nextGone = nowGone.length === gone.size ? gone : new Set(nowGone);
    if (nextGone !== gone) {
      store.setGone(nextGone);
      setGone(nextGone);
    }
    const nextParts = partsGone(store.index, data, nextGone, parts);
    if (nextParts) setParts(nextParts);
  }, [store, data, isFetching, completing]); // eslint-disable-line react-hooks/exhaustive-deps -- gone and parts grow from themselves
  const unitsGone = useMemo<UnitsGone>(() => new Map([...parts].map(([lineId, part]) => [lineId, part.through])), [parts]);
  // The store takes them (again, when the sheet was taken anew: a new store).
  useEffect(() => {
    if (store && unitsGone.size > 0) store.setUnitsGone(unitsGone);
  }, [store, unitsGone]);
  return { gone, unitsGone, parts, holdWhileCompleting: setCompleting };
}

/** "Order SO-1 was dispatched elsewhere" (or several), with what that means for its boxes. */
export function dispatchedElsewhereText(index: Pick<SheetIndex, 'orders'>, gone: ReadonlySet<number>): string | null {
  const numbers = index.orders.filter((o) => gone.has(o.orderId)).map((o) => o.orderNumber);
  if (numbers.length === 0) return null;
  if (numbers.length === 1) return `Order ${numbers[0]} was dispatched elsewhere: its boxes take no more identifiers and are not saved.`;
  return `Orders ${listedInWords(numbers, 5)} were dispatched elsewhere: their boxes take no more identifiers and are not saved.`;
}

/** Lines named in the words about parts dispatched elsewhere; more are counted. */
const NAMED_PARTS = 5;

/**
 * "Order SO-1: 1 unit of PHN-1 was dispatched elsewhere; its box (unit 1) takes no identifier and is
 * not saved." One sentence per line (parts of orders gone entirely are said by dispatchedElsewhereText).
 */
export function unitsDispatchedElsewhereText(parts: ReadonlyMap<number, PartGone>, gone: ReadonlySet<number>): string | null {
  const shown = [...parts.values()].filter((p) => !gone.has(p.orderId));
  if (shown.length === 0) return null;
  const sentences = shown.slice(0, NAMED_PARTS).map(partGoneText);
  const more = shown.length - NAMED_PARTS;
  if (more > 0) sentences.push(`Units of ${counted(more, 'more line', 'more lines')} were dispatched elsewhere too; their boxes take no identifiers and are not saved.`);
  return sentences.join(' ');
}

function partGoneText(part: PartGone): string {
  const count = part.through - part.from + 1;
  const units = count === 1 ? `unit ${withThousands(part.from)}` : `units ${withThousands(part.from)}–${withThousands(part.through)}`;
  return count === 1
    ? `Order ${part.orderNumber}: 1 unit of ${part.sku} was dispatched elsewhere; its box (${units}) takes no identifier and is not saved.`
    : `Order ${part.orderNumber}: ${counted(count, 'unit', 'units')} of ${part.sku} were dispatched elsewhere; their boxes (${units}) take no identifiers and are not saved.`;
}

/**
 * What a line's heading adds once units of it were dispatched elsewhere since the dialog opened, after
 * its count of units as then ("4 units"): "2 of them dispatched elsewhere"; null when none were.
 */
export function lineGoneNote(part: PartGone | undefined, units: number): string | null {
  if (!part) return null;
  const count = part.through - part.from + 1;
  if (count >= units) return units === 1 ? 'dispatched elsewhere' : 'all of them dispatched elsewhere';
  return `${withThousands(count)} of them dispatched elsewhere`;
}

/** A line whose "Dispatch now" on the order page is above what remains of it (part dispatched elsewhere). */
export interface AboveRemaining {
  part: PartGone;
  remaining: number;
  dispatchNow: number;
}

/**
 * The dialog's "Complete Order" refused before anything is sent: the order page's "Dispatch now" asks
 * more of a line than remains since part of it was dispatched elsewhere. Names the first line (more are
 * counted), what remains and what the page says, and where to change it.
 */
export function dispatchNowRefusal(above: readonly AboveRemaining[]): string {
  const [first, ...others] = above;
  if (!first) return '';
  const { part, remaining, dispatchNow } = first;
  const goneCount = part.through - part.from + 1;
  const more = others.length > 0 ? ` The Dispatch now of ${listedInWords(others.map((o) => o.part.sku), NAMED_PARTS)} is above what remains too.` : '';
  return (
    `Only ${counted(remaining, 'unit', 'units')} of ${part.sku} ${remaining === 1 ? 'remains' : 'remain'} to dispatch on order ${part.orderNumber} ` +
    `(${withThousands(goneCount)} ${goneCount === 1 ? 'was' : 'were'} dispatched elsewhere since this dialog opened), but the order page's Dispatch now says ${withThousands(dispatchNow)}: ` +
    `change the Dispatch now numbers on the order page first.${more} Nothing was saved.`
  );
}

/** A value meant for a box whose unit was dispatched elsewhere: "Order SO-1's PHN-1 unit 1 was dispatched elsewhere: …". */
export function unitGoneRefusal(orderNumber: string, sku: string, unit: number): string {
  return `Order ${orderNumber}'s ${sku} unit ${withThousands(unit)} was dispatched elsewhere: this box takes no identifier.`;
}

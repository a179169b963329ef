/**
 * The allocation dialog's data, without React. A line may hold a million units, so nothing here
 * lists every unit: the sheet is indexed by line (units dispatched+1..quantity are its boxes), what
 * the core holds is known sparsely, page by page, and the packer's edits are a sparse map.
 * Single-use checks look only at edited boxes, the units read so far and what the core said about
 * a chosen value (`inUseBy`); the core checks the whole line again when saving.
 */
import type { AllocatedUnit, AllocationSheet, Candidate } from '../../../../shared/contract/api.js';
import { dispatchedElsewhere, dispatchedWithOrder } from '../../../../shared/domain/dispatched-words.js';

export type TrackedMode = 'single_use' | 'multiple_use';

export interface SheetLine {
  lineId: number;
  orderId: number;
  orderNumber: string;
  productId: number;
  sku: string;
  /** The line as names say it: its SKU, with "line N" when the order has that SKU on more than one line. */
  named: string;
  title: string;
  mode: TrackedMode;
  quantity: number;
  /** The first unit still to dispatch; boxes are firstUnit..quantity. */
  firstUnit: number;
  /** How many boxes: units still to dispatch. */
  units: number;
  allocated: number;
  firstEmptyUnit: number | null;
}

export interface SheetOrder {
  orderId: number;
  orderNumber: string;
  customer: string;
  /** Tracked lines with units still to dispatch, in line order. */
  lines: SheetLine[];
}

export interface SheetIndex {
  orders: SheetOrder[];
  /** Every line with boxes, in the dialog's order. */
  lines: SheetLine[];
  lineById: ReadonlyMap<number, SheetLine>;
  /** Position of each line in `lines`, for ordering boxes. */
  linePosition: ReadonlyMap<number, number>;
  boxCount: number;
  ordersWithoutBoxes: number;
}

export interface BoxRef {
  key: string;
  orderId: number;
  orderNumber: string;
  lineId: number;
  unit: number;
  productId: number;
  sku: string;
  /** Its line as names say it (SheetLine.named): "BATT-L", or "BATT-L line 2" for an SKU on two lines of the order. */
  named: string;
  mode: TrackedMode;
}

export interface Chosen {
  identifierId: number;
  value: string;
  /** Where a single-use value was already allocated when it was chosen (from the core's candidates). */
  inUseBy: Candidate['inUseBy'];
  /** Lot products: the lot's use-by date when known (picked, scanned or pre-selected here, or saved and read from the core); absent for an undated lot. */
  useBy?: string | null;
  /** A single-use value dispatched (elsewhere) since it was chosen: the order it went with, null when not known here. */
  dispatchedSince?: { orderNumber: string | null };
}

/** A single-use value held by a unit outside the dialog, in the core's words (the holder is a unit of the same product, `sku`). */
export function inUseElsewhereText(value: string, inUseBy: NonNullable<Chosen['inUseBy']>, sku: string): string {
  return `"${value}" is already in use by order ${inUseBy.orderNumber} (${sku} unit ${inUseBy.unit}).`;
}

/** The box's warning for a single-use value dispatched since it was chosen, in the core's words. */
export function dispatchedSinceText(chosen: Chosen & { dispatchedSince: { orderNumber: string | null } }): string {
  const { orderNumber } = chosen.dispatchedSince;
  return orderNumber === null ? dispatchedElsewhere(chosen.value) : dispatchedWithOrder(chosen.value, orderNumber);
}

export type Choices = ReadonlyMap<string, Chosen | null>;

export function boxKey(lineId: number, unit: number): string {
  return `${lineId}:${unit}`;
}

export function parseBoxKey(key: string): { lineId: number; unit: number } {
  const [lineId, unit] = key.split(':').map(Number);
  return { lineId: lineId!, unit: unit! };
}

export function indexSheet(sheet: AllocationSheet): SheetIndex {
  const orders: SheetOrder[] = [];
  const lines: SheetLine[] = [];
  const lineById = new Map<number, SheetLine>();
  const linePosition = new Map<number, number>();
  let boxCount = 0;
  let ordersWithoutBoxes = 0;
  for (const order of sheet.orders) {
    const tracked: SheetLine[] = [];
    for (const line of order.lines) {
      const units = line.quantity - line.dispatched;
      if (units <= 0) continue;
      const sheetLine: SheetLine = {
        lineId: line.lineId,
        orderId: order.orderId,
        orderNumber: order.orderNumber,
        productId: line.productId,
        sku: line.sku,
        named: line.sku,
        title: line.title,
        mode: line.identifierMode,
        quantity: line.quantity,
        firstUnit: line.dispatched + 1,
        units,
        allocated: line.allocated,
        firstEmptyUnit: line.firstEmptyUnit,
      };
      tracked.push(sheetLine);
      linePosition.set(line.lineId, lines.length);
      lines.push(sheetLine);
      lineById.set(line.lineId, sheetLine);
      boxCount += units;
    }
    // Two lines of one SKU in an order each have a unit 1: their names say which line.
    for (const line of tracked) {
      if (tracked.some((other) => other !== line && other.sku === line.sku)) line.named = `${line.sku} line ${order.lines.find((l) => l.lineId === line.lineId)!.lineNo}`;
    }
    if (tracked.length === 0) ordersWithoutBoxes++;
    orders.push({ orderId: order.orderId, orderNumber: order.orderNumber, customer: order.customer, lines: tracked });
  }
  return { orders, lines, lineById, linePosition, boxCount, ordersWithoutBoxes };
}

export function boxOf(line: SheetLine, unit: number): BoxRef {
  return {
    key: boxKey(line.lineId, unit),
    orderId: line.orderId,
    orderNumber: line.orderNumber,
    lineId: line.lineId,
    unit,
    productId: line.productId,
    sku: line.sku,
    named: line.named,
    mode: line.mode,
  };
}

/** The box for a line and unit, or null when that unit is not a box of this dialog. */
export function findBox(index: SheetIndex, lineId: number, unit: number): BoxRef | null {
  const line = index.lineById.get(lineId);
  if (!line || unit < line.firstUnit || unit > line.quantity) return null;
  return boxOf(line, unit);
}

export function boxByKey(index: SheetIndex, key: string): BoxRef | null {
  const { lineId, unit } = parseBoxKey(key);
  return findBox(index, lineId, unit);
}

/**
 * Units of lines dispatched elsewhere since the dialog opened, by line: units 1..n of the line went
 * out (a dispatch takes a line's first units still to go), so its boxes up to unit n take nothing.
 */
export type UnitsGone = ReadonlyMap<number, number>;

/** A box whose unit was dispatched elsewhere (part of its line). */
export function isUnitGone(unitsGone: UnitsGone, lineId: number, unit: number): boolean {
  return unit <= (unitsGone.get(lineId) ?? 0);
}

/**
 * The box after `box` in the dialog: the next unit, or the first unit of the next line; boxes of the
 * orders in `skipOrders` and the units in `skipUnits` (dispatched elsewhere: they take nothing) are passed over.
 */
export function nextBox(index: SheetIndex, box: BoxRef, skipOrders: ReadonlySet<number> = new Set(), skipUnits: UnitsGone = new Map()): BoxRef | null {
  const line = index.lineById.get(box.lineId);
  if (!line) return null;
  const firstOpen = (l: SheetLine, from: number) => Math.max(from, (skipUnits.get(l.lineId) ?? 0) + 1);
  const here = firstOpen(line, box.unit + 1);
  if (here <= line.quantity && !skipOrders.has(line.orderId)) return boxOf(line, here);
  for (let at = (index.linePosition.get(box.lineId) ?? -1) + 1; at < index.lines.length; at++) {
    const next = index.lines[at]!;
    const unit = firstOpen(next, next.firstUnit);
    if (!skipOrders.has(next.orderId) && unit <= next.quantity) return boxOf(next, unit);
  }
  return null;
}

/**
 * Where a scan in `box` moves on to while units are needed now (opened from an order's page): the next
 * unit of `needed` (box keys, in the dialog's order) after `box`, whatever it holds (a first-expiring
 * pick put there for the packer is replaced by the scan, as box by box); else the first one before it
 * still empty; else, when `needed` does not list every unit needed (the page lists the first ones),
 * the next box as nextBox goes; null when none is left (the focus goes to the dialog's main action).
 * Units passed over by nextBox (dispatched elsewhere) are never chosen.
 */
export function nextNeededBox(
  index: SheetIndex,
  box: BoxRef,
  needed: readonly string[],
  isEmpty: (key: string) => boolean,
  options: { listsEvery: boolean; skipOrders?: ReadonlySet<number>; skipUnits?: UnitsGone },
): BoxRef | null {
  const { listsEvery, skipOrders = new Set<number>(), skipUnits = new Map() } = options;
  const here = index.linePosition.get(box.lineId) ?? -1;
  let wrapped: BoxRef | null = null;
  for (const key of needed) {
    const candidate = key === box.key ? null : boxByKey(index, key);
    if (!candidate || skipOrders.has(candidate.orderId) || isUnitGone(skipUnits, candidate.lineId, candidate.unit)) continue;
    const at = index.linePosition.get(candidate.lineId) ?? -1;
    if (at > here || (at === here && candidate.unit > box.unit)) return candidate;
    if (isEmpty(key)) wrapped ??= candidate;
  }
  return wrapped ?? (listsEvery ? null : nextBox(index, box, skipOrders, skipUnits));
}

export function firstBox(index: SheetIndex): BoxRef | null {
  const line = index.lines[0];
  return line ? boxOf(line, line.firstUnit) : null;
}

/** The first box without an identifier, else the first box. */
export function firstEmptyBox(index: SheetIndex): BoxRef | null {
  const line = index.lines.find((l) => l.firstEmptyUnit !== null);
  return line ? boxOf(line, line.firstEmptyUnit!) : firstBox(index);
}

/** Box keys in the dialog's order (unknown keys last). */
export function sortKeys(index: SheetIndex, keys: Iterable<string>): string[] {
  const rank = (key: string) => {
    const { lineId, unit } = parseBoxKey(key);
    return [index.linePosition.get(lineId) ?? Number.MAX_SAFE_INTEGER, unit] as const;
  };
  return [...keys].sort((a, b) => {
    const [la, ua] = rank(a);
    const [lb, ub] = rank(b);
    return la - lb || ua - ub;
  });
}

export function describeBox(box: BoxRef): string {
  return `order ${box.orderNumber}, ${box.named} unit ${box.unit}`;
}

/**
 * What the core held for the dialog's units when they were read: only allocated units are kept,
 * and which units have been read at all (a line's first units come with the sheet, the rest a
 * page at a time), so an unread unit is "unknown", not "empty".
 */
export class KnownAllocations {
  readonly values = new Map<string, Chosen>();
  private readonly through = new Map<number, number>();
  private readonly pages = new Map<number, Set<number>>();

  constructor(readonly pageSize: number) {}

  static fromSheet(sheet: AllocationSheet, pageSize: number): KnownAllocations {
    const known = new KnownAllocations(pageSize);
    for (const order of sheet.orders) {
      for (const line of order.lines) {
        known.through.set(line.lineId, line.allocationsThrough);
        known.addValues(line.lineId, line.allocations);
      }
    }
    return known;
  }

  pageOf(unit: number): number {
    return Math.floor((unit - 1) / this.pageSize);
  }

  /** The first unit of page `page`. */
  pageStart(page: number): number {
    return page * this.pageSize + 1;
  }

  isKnown(lineId: number, unit: number): boolean {
    return unit <= (this.through.get(lineId) ?? 0) || (this.pages.get(lineId)?.has(this.pageOf(unit)) ?? false);
  }

  /** The value the core held; undefined while the unit has not been read. */
  initial(lineId: number, unit: number): Chosen | null | undefined {
    if (!this.isKnown(lineId, unit)) return undefined;
    return this.values.get(boxKey(lineId, unit)) ?? null;
  }

  addPage(lineId: number, page: number, allocations: readonly AllocatedUnit[]): void {
    let pages = this.pages.get(lineId);
    if (!pages) this.pages.set(lineId, (pages = new Set()));
    pages.add(page);
    this.addValues(lineId, allocations);
  }

  private addValues(lineId: number, allocations: readonly AllocatedUnit[]): void {
    for (const a of allocations) {
      // A saved lot's use-by date comes with it, so a box holding it is flagged once the date passes.
      this.values.set(boxKey(lineId, a.unit), { identifierId: a.identifierId, value: a.value, inUseBy: null, ...(a.useBy == null ? {} : { useBy: a.useBy }) });
    }
  }
}

/** What a box shows now: the packer's edit, else what the core held (null while unread or empty). */
export function currentChoice(known: KnownAllocations, edits: Choices, box: { key: string; lineId: number; unit: number }): Chosen | null {
  if (edits.has(box.key)) return edits.get(box.key) ?? null;
  return known.values.get(box.key) ?? null;
}

/**
 * Every single-use box of the dialog holding each value, as far as the dialog knows: edited boxes,
 * unedited boxes read from the core, and unedited boxes the core named as a chosen value's holder.
 */
function singleUseHolders(index: SheetIndex, known: KnownAllocations, edits: Choices): Map<number, BoxRef[]> {
  const holders = new Map<number, Map<string, BoxRef>>();
  const add = (identifierId: number, box: BoxRef) => {
    let boxes = holders.get(identifierId);
    if (!boxes) holders.set(identifierId, (boxes = new Map()));
    boxes.set(box.key, box);
  };
  for (const [key, chosen] of edits) {
    const box = boxByKey(index, key);
    if (!box || box.mode !== 'single_use' || !chosen) continue;
    add(chosen.identifierId, box);
    const holder = chosen.inUseBy && findBox(index, chosen.inUseBy.lineId, chosen.inUseBy.unit);
    // The core said this box holds the value; unless the packer changed it, it still does.
    if (holder && holder.key !== key && !edits.has(holder.key)) add(chosen.identifierId, holder);
  }
  for (const [key, chosen] of known.values) {
    if (edits.has(key)) continue;
    const box = boxByKey(index, key);
    if (box && box.mode === 'single_use') add(chosen.identifierId, box);
  }
  const sorted = new Map<number, BoxRef[]>();
  for (const [identifierId, boxes] of holders) {
    if (boxes.size < 2) continue;
    sorted.set(identifierId, sortKeys(index, boxes.keys()).map((k) => boxes.get(k)!));
  }
  return sorted;
}

/**
 * Single-use warnings per box: the value is chosen for another box of this dialog, or is held by
 * a unit outside it. A holder inside the dialog is judged by what that box holds now, since a
 * value may move between boxes in one save. Keys come in the dialog's order.
 */
export function findWarnings(index: SheetIndex, known: KnownAllocations, edits: Choices): Map<string, string> {
  const found = new Map<string, string>();
  const valueOf = new Map<number, string>();
  for (const chosen of [...edits.values(), ...known.values.values()]) if (chosen) valueOf.set(chosen.identifierId, chosen.value);
  // A box two identifiers name (one read, one named by the core) shows the lowest one's warning.
  const byIdentifier = [...singleUseHolders(index, known, edits)].sort(([a], [b]) => b - a);
  for (const [identifierId, boxes] of byIdentifier) {
    for (const box of boxes) {
      const others = boxes.filter((b) => b !== box).map(describeBox).join('; ');
      found.set(box.key, `"${valueOf.get(identifierId)}" is also chosen for ${others}. A single-use identifier goes to one unit only.`);
    }
  }
  for (const [key, chosen] of edits) {
    const box = boxByKey(index, key);
    if (box?.mode === 'single_use' && chosen?.dispatchedSince && !found.has(key)) found.set(key, dispatchedSinceText({ ...chosen, dispatchedSince: chosen.dispatchedSince }));
    if (!box || box.mode !== 'single_use' || !chosen?.inUseBy || found.has(key)) continue;
    const holder = boxKey(chosen.inUseBy.lineId, chosen.inUseBy.unit);
    if (holder === key || findBox(index, chosen.inUseBy.lineId, chosen.inUseBy.unit)) continue;
    found.set(key, inUseElsewhereText(chosen.value, chosen.inUseBy, box.sku));
  }
  return new Map(sortKeys(index, found.keys()).map((k) => [k, found.get(k)!]));
}

/** Why a single-use value may not go into `box` now, or null; used to refuse scans outright. */
export function conflictFor(index: SheetIndex, known: KnownAllocations, edits: Choices, box: BoxRef, candidate: Chosen): string | null {
  if (box.mode !== 'single_use') return null;
  const holdsIt = (key: string, chosen: Chosen | null | undefined) =>
    key !== box.key && chosen?.identifierId === candidate.identifierId && boxByKey(index, key)?.productId === box.productId;
  const holders: string[] = [];
  for (const [key, chosen] of edits) if (holdsIt(key, chosen)) holders.push(key);
  for (const [key, chosen] of known.values) if (!edits.has(key) && holdsIt(key, chosen)) holders.push(key);
  return conflictGiven(index, edits, box, candidate, holders);
}

/**
 * The words of conflictFor once the other boxes holding the candidate are found (`holders`, in any
 * order): the first of them in the dialog's order, else the unit the core says holds it.
 */
export function conflictGiven(index: SheetIndex, edits: Choices, box: BoxRef, candidate: Chosen, holders: readonly string[]): string | null {
  const first = sortKeys(index, holders)[0];
  if (first) return alreadyChosenText(candidate.value, boxByKey(index, first)!);
  if (!candidate.inUseBy) return null;
  const holderKey = boxKey(candidate.inUseBy.lineId, candidate.inUseBy.unit);
  const holder = findBox(index, candidate.inUseBy.lineId, candidate.inUseBy.unit);
  if (holderKey === box.key) return null;
  if (!holder) return inUseElsewhereText(candidate.value, candidate.inUseBy, box.sku);
  // Held by a box of this dialog the packer has not changed: it still holds the value.
  return edits.has(holderKey) ? null : alreadyChosenText(candidate.value, holder);
}

const alreadyChosenText = (value: string, holder: BoxRef) => `"${value}" is already chosen for ${describeBox(holder)}.`;

/**
 * Another single-use box of the same product that holds `value` now, as far as the dialog knows
 * (edited, read from the core, or being checked), or null: for refusing a repeated scan at once.
 */
export function holderOfValue(
  index: SheetIndex,
  known: KnownAllocations,
  edits: Choices,
  pending: ReadonlyMap<string, string>,
  box: BoxRef,
  value: string,
): BoxRef | null {
  if (box.mode !== 'single_use') return null;
  const keys: string[] = [];
  const consider = (key: string) => {
    if (key !== box.key && boxByKey(index, key)?.productId === box.productId) keys.push(key);
  };
  for (const [key, chosen] of edits) if (chosen?.value === value) consider(key);
  for (const [key, chosen] of known.values) if (!edits.has(key) && chosen.value === value) consider(key);
  for (const [key, text] of pending) if (text === value) consider(key);
  const first = sortKeys(index, keys)[0];
  return first === undefined ? null : boxByKey(index, first);
}

export type AllocationChange = { lineId: number; unit: number; value: string | null };

/**
 * The edited boxes whose value differs from what the core held: what "Save Changes" sends. A box
 * edited before its unit was read is sent as it is; the core finds it unchanged if so.
 */
export function changedAllocations(known: KnownAllocations, edits: Choices): AllocationChange[] {
  const changes: AllocationChange[] = [];
  for (const [key, chosen] of edits) {
    const { lineId, unit } = parseBoxKey(key);
    const before = known.initial(lineId, unit);
    if (before !== undefined && (before?.identifierId ?? null) === (chosen?.identifierId ?? null)) continue;
    changes.push({ lineId, unit, value: chosen?.value ?? null });
  }
  return changes;
}

/** Splits a save into calls of at most `max` boxes; clears go first, so a value can move. */
export function chunkChanges(changes: readonly AllocationChange[], max: number): AllocationChange[][] {
  if (changes.length <= max) return changes.length ? [[...changes]] : [];
  const ordered = [...changes.filter((c) => c.value === null), ...changes.filter((c) => c.value !== null)];
  const chunks: AllocationChange[][] = [];
  for (let start = 0; start < ordered.length; start += max) chunks.push(ordered.slice(start, start + max));
  return chunks;
}

// ---------- the virtual list's rows ----------

export type SheetRow =
  | { kind: 'order'; order: SheetOrder }
  | { kind: 'line'; line: SheetLine; from: number; to: number }
  | { kind: 'box'; line: SheetLine; unit: number }
  | { kind: 'more'; line: SheetLine; from: number; to: number; direction: 'earlier' | 'later' };

export interface SheetRows {
  rows: SheetRow[];
  /** Row index of each line's header row. */
  lineRow: ReadonlyMap<number, number>;
  /** Row index of each line's first shown unit. */
  firstBoxRow: ReadonlyMap<number, number>;
  /** The units shown per line: [from, to]. */
  shown: ReadonlyMap<number, readonly [number, number]>;
}

/** Units a line shows at once: a window of the line, moved as the packer goes on. */
export function windowSize(index: SheetIndex, most: number, budget: number, least: number): number {
  return Math.max(least, Math.min(most, Math.floor(budget / Math.max(1, index.lines.length))));
}

/** The window start that shows `unit` (at the top, unless that would run past the line's end). */
export function windowStartFor(line: SheetLine, unit: number, size: number): number {
  return Math.max(line.firstUnit, Math.min(unit, line.quantity - size + 1));
}

/**
 * One row per order, per line, per unit in the line's window, and a row to show earlier or
 * later units where the window does not reach the line's ends. Rows are bounded by the windows,
 * never by the lines' quantities.
 */
export function layoutRows(index: SheetIndex, windowStarts: ReadonlyMap<number, number>, size: number): SheetRows {
  const rows: SheetRow[] = [];
  const lineRow = new Map<number, number>();
  const firstBoxRow = new Map<number, number>();
  const shown = new Map<number, readonly [number, number]>();
  for (const order of index.orders) {
    rows.push({ kind: 'order', order });
    for (const line of order.lines) {
      const from = windowStartFor(line, windowStarts.get(line.lineId) ?? line.firstUnit, size);
      const to = Math.min(line.quantity, from + size - 1);
      shown.set(line.lineId, [from, to]);
      lineRow.set(line.lineId, rows.length);
      rows.push({ kind: 'line', line, from, to });
      if (from > line.firstUnit) rows.push({ kind: 'more', line, direction: 'earlier', from: Math.max(line.firstUnit, from - size), to: from - 1 });
      firstBoxRow.set(line.lineId, rows.length);
      for (let unit = from; unit <= to; unit++) rows.push({ kind: 'box', line, unit });
      if (to < line.quantity) rows.push({ kind: 'more', line, direction: 'later', from: to + 1, to: Math.min(line.quantity, to + size) });
    }
  }
  return { rows, lineRow, firstBoxRow, shown };
}

/** The header row of the line `row` belongs to (itself for a header), or null for an order row. */
export function lineRowOf(layout: SheetRows, row: number): number | null {
  const at = layout.rows[row];
  if (!at || at.kind === 'order') return null;
  return at.kind === 'line' ? row : (layout.lineRow.get(at.line.lineId) ?? null);
}

/** The row of a box, or null when its unit is outside its line's window. */
export function rowOfBox(layout: SheetRows, box: { lineId: number; unit: number }): number | null {
  const range = layout.shown.get(box.lineId);
  const first = layout.firstBoxRow.get(box.lineId);
  if (!range || first === undefined || box.unit < range[0] || box.unit > range[1]) return null;
  return first + (box.unit - range[0]);
}

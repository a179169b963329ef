/**
 * The allocation dialog's data, without React: the boxes (one per undispatched unit of a tracked
 * line), what each box holds, the single-use warnings and the changes to save.
 */
import type { AllocationSheet, Candidate } from '../../../../shared/contract/api.js';

export type TrackedMode = 'single_use' | 'multiple_use';

export interface BoxRef {
  key: string;
  orderId: number;
  orderNumber: string;
  lineId: number;
  unit: number;
  productId: number;
  sku: string;
  mode: TrackedMode;
}

export interface Chosen {
  identifierId: number;
  value: string;
  /** Where a single-use value was already allocated when it was chosen (from the core's candidates). */
  inUseBy: Candidate['inUseBy'];
}

export type Choices = ReadonlyMap<string, Chosen | null>;

export type SheetRow =
  | { kind: 'order'; orderId: number; orderNumber: string; customer: string; tracked: boolean }
  | { kind: 'line'; lineId: number; orderNumber: string; sku: string; title: string; mode: TrackedMode; units: number }
  | { kind: 'box'; box: BoxRef };

export interface SheetLayout {
  rows: SheetRow[];
  boxes: BoxRef[];
  /** Row index of each box, for scrolling the virtual list to it. */
  rowOfBox: Map<string, number>;
  initial: Map<string, Chosen | null>;
  ordersWithoutBoxes: number;
}

export function boxKey(lineId: number, unit: number): string {
  return `${lineId}:${unit}`;
}

export function layoutSheet(sheet: AllocationSheet): SheetLayout {
  const rows: SheetRow[] = [];
  const boxes: BoxRef[] = [];
  const rowOfBox = new Map<string, number>();
  const initial = new Map<string, Chosen | null>();
  let ordersWithoutBoxes = 0;
  for (const order of sheet.orders) {
    const tracked = order.lines.some((line) => line.units.length > 0);
    if (!tracked) ordersWithoutBoxes++;
    rows.push({ kind: 'order', orderId: order.orderId, orderNumber: order.orderNumber, customer: order.customer, tracked });
    for (const line of order.lines) {
      if (line.units.length === 0) continue;
      rows.push({ kind: 'line', lineId: line.lineId, orderNumber: order.orderNumber, sku: line.sku, title: line.title, mode: line.identifierMode, units: line.units.length });
      for (const unit of line.units) {
        const box: BoxRef = {
          key: boxKey(line.lineId, unit.unit),
          orderId: order.orderId,
          orderNumber: order.orderNumber,
          lineId: line.lineId,
          unit: unit.unit,
          productId: line.productId,
          sku: line.sku,
          mode: line.identifierMode,
        };
        rowOfBox.set(box.key, rows.length);
        rows.push({ kind: 'box', box });
        boxes.push(box);
        initial.set(box.key, unit.identifierId !== null && unit.value !== null ? { identifierId: unit.identifierId, value: unit.value, inUseBy: null } : null);
      }
    }
  }
  return { rows, boxes, rowOfBox, initial, ordersWithoutBoxes };
}

export function describeBox(box: BoxRef): string {
  return `order ${box.orderNumber}, ${box.sku} unit ${box.unit}`;
}

/**
 * Single-use warnings per box: the value is chosen for another box of this dialog, or is held by
 * a unit outside it. A holder inside the dialog is judged by what that box holds now, since a
 * value may move between boxes in one save.
 */
export function findWarnings(boxes: readonly BoxRef[], choices: Choices): Map<string, string> {
  const warnings = new Map<string, string>();
  const inDialog = new Set(boxes.map((b) => b.key));
  const holders = new Map<number, BoxRef[]>();
  for (const box of boxes) {
    const chosen = choices.get(box.key);
    if (box.mode !== 'single_use' || !chosen) continue;
    const list = holders.get(chosen.identifierId);
    if (list) list.push(box);
    else holders.set(chosen.identifierId, [box]);
  }
  for (const list of holders.values()) {
    if (list.length < 2) continue;
    for (const box of list) {
      const others = list.filter((b) => b !== box).map(describeBox).join('; ');
      warnings.set(box.key, `"${choices.get(box.key)!.value}" is also chosen for ${others}. A single-use identifier goes to one unit only.`);
    }
  }
  for (const box of boxes) {
    const chosen = choices.get(box.key);
    if (box.mode !== 'single_use' || !chosen?.inUseBy || warnings.has(box.key)) continue;
    const holder = boxKey(chosen.inUseBy.lineId, chosen.inUseBy.unit);
    if (holder === box.key || inDialog.has(holder)) continue;
    warnings.set(box.key, `"${chosen.value}" is already in use by order ${chosen.inUseBy.orderNumber} (unit ${chosen.inUseBy.unit}).`);
  }
  return warnings;
}

/** Why a single-use value may not go into `box` now, or null; used to refuse scans outright. */
export function conflictFor(box: BoxRef, candidate: Chosen, boxes: readonly BoxRef[], choices: Choices): string | null {
  if (box.mode !== 'single_use') return null;
  const other = boxes.find((b) => b.key !== box.key && b.productId === box.productId && choices.get(b.key)?.identifierId === candidate.identifierId);
  if (other) return `"${candidate.value}" is already chosen for ${describeBox(other)}.`;
  if (candidate.inUseBy) {
    const holder = boxKey(candidate.inUseBy.lineId, candidate.inUseBy.unit);
    if (holder !== box.key && !boxes.some((b) => b.key === holder)) {
      return `"${candidate.value}" is already in use by order ${candidate.inUseBy.orderNumber} (unit ${candidate.inUseBy.unit}).`;
    }
  }
  return null;
}

/** The boxes whose value differs from what the sheet showed: what "Save Changes" sends. */
export function changedAllocations(boxes: readonly BoxRef[], initial: Choices, choices: Choices): Array<{ lineId: number; unit: number; value: string | null }> {
  const changes = [];
  for (const box of boxes) {
    const before = initial.get(box.key) ?? null;
    const now = choices.has(box.key) ? (choices.get(box.key) ?? null) : before;
    if ((before?.identifierId ?? null) !== (now?.identifierId ?? null)) {
      changes.push({ lineId: box.lineId, unit: box.unit, value: now?.value ?? null });
    }
  }
  return changes;
}

/**
 * First-expiring-first for every unit (issue 12): what "Save Changes" and "Complete Order" ask the core
 * to fill besides the boxes sent. The core gives every still-empty unit of the dialog's FEFO lines
 * (use-by products, lot products' dated lots) the next usable value in its own transaction, so units on
 * pages never shown get theirs too. Boxes the packer emptied on purpose are kept empty.
 */
import type { ArgsOf } from '../../../../shared/contract/api.js';
import type { AllocationBoxStore } from './allocation-box-store.js';
import { parseBoxKey, type SheetIndex } from './allocation-model.js';
import type { UseByLines } from './use-by-rules.js';

export type FefoFillRequest = NonNullable<ArgsOf<'saveAllocations'>['fefoFill']>;

/** The fill for the dialog's orders, or undefined when none of its lines is allocated first-expiring-first. */
export function fefoFillRequest(index: SheetIndex, store: AllocationBoxStore, useByLines: UseByLines): FefoFillRequest | undefined {
  if (useByLines.size === 0) return undefined;
  const keepEmpty: Array<{ lineId: number; unit: number }> = [];
  for (const [key, chosen] of store.choices) {
    if (chosen !== null) continue;
    const unit = parseBoxKey(key);
    if (useByLines.has(unit.lineId)) keepEmpty.push(unit);
  }
  return { orderIds: index.orders.map((o) => o.orderId), keepEmpty };
}

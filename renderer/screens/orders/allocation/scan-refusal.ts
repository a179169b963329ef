/**
 * The allocation dialog's check at scan time, before focus moves on: a single-use value already
 * chosen (or being checked) for another box of the same product in this dialog is refused at once.
 * The core's checks (unknown value, in use by another order) follow when its answer comes; "Save
 * Changes" checks everything again.
 */
import { describeBox, type BoxRef, type Choices } from './allocation-model.js';

export function repeatInSheet(
  box: BoxRef,
  value: string,
  boxes: readonly BoxRef[],
  choices: Choices,
  pending: ReadonlyMap<string, string>,
): string | null {
  if (box.mode !== 'single_use') return null;
  const other = boxes.find(
    (b) => b.key !== box.key && b.productId === box.productId && (choices.get(b.key)?.value === value || pending.get(b.key) === value),
  );
  return other ? scanRefusal(value, `it is already chosen for ${describeBox(other)}`) : null;
}

/** One wording for every refused scan: the value, why, and what to do. */
export function scanRefusal(value: string, why: string): string {
  return `"${value}" was refused: ${why}. Scan another.`;
}

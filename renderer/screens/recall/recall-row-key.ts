/** Recall's React row key: one per row shown, whatever the order numbers and values hold. */
export interface RecallRowIdentity {
  orderNumber: string;
  lineNo: number;
  unit: number;
  value: string;
}

export function recallRowKey(r: RecallRowIdentity): string {
  // JSON quotes and escapes each part: no part can spill into the next, as with a plain separator.
  return JSON.stringify([r.orderNumber, r.lineNo, r.unit, r.value]);
}
